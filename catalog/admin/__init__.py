"""The analysts' admin. Importing the modules registers their ModelAdmins."""

from . import actors, archives, claims, desk, gazetteer, hashlists, intake, media, partners, reviews, together  # noqa: F401
