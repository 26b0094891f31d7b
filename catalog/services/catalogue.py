"""Picking catalogue records by what an analyst types: suggestions for autocomplete, and the one record a name
means. Names match in any script (catalog.resolution.lookup)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Lower

from catalog.choices import ChannelStatus
from catalog.models import Channel, Organization
from catalog.resolution.channel_urls import channel_of_url
from catalog.resolution.lookup import name_matches, same_name

SUGGESTIONS = 12


def _organization_names(organization):
    return [organization.name, *(alias.name for alias in organization.aliases.all())]


def _channel_names(channel):
    return [str(channel), channel.handle, channel.url, channel.operator.name if channel.operator else ""]


def find_organizations(query, limit=SUGGESTIONS):
    # A scan in Python: the catalogue's organisations number in the hundreds, and keys work across scripts.
    organizations = Organization.objects.prefetch_related("aliases").order_by("name")
    return [o for o in organizations if any(name_matches(query, n) for n in _organization_names(o) if n)][:limit]


def find_channels(query, limit=SUGGESTIONS):
    channels = Channel.objects.select_related("operator").order_by("platform", "handle")
    return [c for c in channels if any(name_matches(query, n) for n in _channel_names(c) if n)][:limit]


def _one(kind, text, records, names_of, suggest):
    exact = [record for record in records if any(same_name(text, name) for name in names_of(record) if name)]
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        listed = "; ".join(str(record) for record in exact[:5])
        raise ValidationError(f"“{text}” names several {kind}s ({listed}); pick one from the suggestions.")
    # Without JavaScript there are no suggestions while typing: the refusal offers them instead.
    near = "; ".join(f"“{record}”" for record in suggest(text, limit=5))
    raise ValidationError(f"No {kind} in the catalogue is named “{text}”. "
                          + (f"Did you mean {near}? " if near else "") + "Pick one from the suggestions, or add it "
                          "in the admin first.")


def organization_named(text):
    """The organisation `text` names exactly, by its name or an alias (case and diacritics aside)."""
    return _one("organisation", text, Organization.objects.prefetch_related("aliases"), _organization_names,
                find_organizations)


def channel_named(text):
    """The channel `text` names exactly: as the desk shows it ("Telegram: @amaq"), by its handle or its URL."""
    return _one("channel", text, Channel.objects.select_related("operator"),
                lambda channel: [str(channel), channel.handle, channel.url], find_channels)


@transaction.atomic
def channel_for_url(url):
    """The channel a post's URL belongs to, added to the catalogue when it is not there yet; None for an address
    that names no host (the capture then fails under the egress rule, and no sighting is recorded)."""
    named = channel_of_url(url)
    if named is None:
        return None
    platform, handle, channel_url = named
    bare = handle.lstrip("@").lower()
    known = (
        Channel.objects.filter(platform=platform).annotate(lower_handle=Lower("handle"))
        .filter(lower_handle__in={bare, f"@{bare}"}).order_by("pk").first()
    )
    if known is None:
        known = Channel.objects.filter(url__iexact=channel_url).order_by("pk").first()
    if known is None:
        known = Channel.objects.create(platform=platform, handle=handle, url=channel_url, status=ChannelStatus.ACTIVE)
    return known
