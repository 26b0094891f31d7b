"""The analysts' admin. Importing the modules registers their ModelAdmins."""

from . import actors, archives, claims, desk, hashlists, intake, media, partners, reviews, together  # noqa: F401
