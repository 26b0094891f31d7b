"""The change feed: which entries a caller may read, and a cursor that tells nothing else."""

import base64
import hashlib
import json

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.db.models import Q

def entry_audience_before(entry):
    return entry.previous_tlp or entry.tlp, (
        entry.names_people if entry.previously_named_people is None else entry.previously_named_people
    )


def may_read_entry(caller, marking, people):
    return caller.may_read(marking) and (caller.may_see_identities or not people)


def feed_entries(caller, queryset):
    """The feed entries `caller` could have read when they were written, after or before the change: the only
    entries whose positions a caller's cursor moves over (anything else would let it count changes it may not
    see)."""
    if caller.is_analyst:
        return queryset
    if not caller.is_partner:
        return queryset.none()
    readable = caller.readable_tlps
    after = Q(tlp__in=readable)
    before = Q(previous_tlp__in=readable) | (Q(previous_tlp="") & Q(tlp__in=readable))
    if not caller.may_see_identities:
        after &= Q(names_people=False)
        before &= Q(previously_named_people=False) | (Q(previously_named_people__isnull=True) & Q(names_people=False))
    return queryset.filter(after | before)


class FeedCursor:
    """The position after the last entry a caller read, encrypted (Fernet: AES with a random IV, authenticated)
    and bound to the caller, so it reads as noise and works only for whoever it was given to."""

    def __init__(self, caller):
        self.owner = f"partner:{caller.partner.pk}" if caller.is_partner else "analysts"

    @staticmethod
    def _fernet():
        key = hashlib.sha256(f"catalog.feed.cursor:{settings.SECRET_KEY}".encode()).digest()
        return Fernet(base64.urlsafe_b64encode(key))

    def encode(self, position):
        payload = json.dumps({"owner": self.owner, "position": position}).encode()
        return self._fernet().encrypt(payload).decode()

    def decode(self, cursor):
        """The position, or None for a cursor this feed did not give this caller."""
        try:
            payload = json.loads(self._fernet().decrypt(cursor.encode()))
        except (InvalidToken, ValueError, UnicodeError):
            return None
        if not isinstance(payload, dict) or payload.get("owner") != self.owner:
            return None
        position = payload.get("position")
        return position if isinstance(position, int) and position >= 0 else None
