"""The custody log: an append-only hash chain of events per file."""

from django.db import transaction

from provenance.choices import CustodyAction
from provenance.models import CustodyEvent, MediaFile
from provenance.models.custody import GENESIS_HASH

WORKER = "worker"


def record_custody(media_file, action, actor, detail=None):
    """Append an event to the file's custody chain; the file's row lock keeps the chain linear.

    An actor's name longer than the column (a partner's may be) is cut; callers keep the whole name in `detail`."""
    actor = actor[: CustodyEvent._meta.get_field("actor").max_length]
    with transaction.atomic():
        MediaFile.objects.select_for_update().filter(pk=media_file.pk).first()
        last = media_file.custody_events.order_by("-sequence").first()
        event = CustodyEvent(
            media_file=media_file,
            sequence=last.sequence + 1 if last else 1,
            action=action,
            actor=actor,
            detail=detail or {},
            previous_hash=last.event_hash if last else GENESIS_HASH,
        )
        event.event_hash = event.compute_hash()
        event.save()
        return event


def record_sent_to_partner(media_file, partner, via="api"):
    """A copy of the original left the locker for a partner (named by the caller): an export, by that partner."""
    return record_custody(media_file, CustodyAction.EXPORTED, partner, {"to": "partner", "partner": partner, "via": via})


def find_broken_custody_links(media_files=None):
    """For each chain, the first event whose stored hash, predecessor or sequence does not check out."""
    media_files = media_files if media_files is not None else MediaFile.objects.all()
    broken = []
    for media_file in media_files.order_by("pk"):
        bad = first_bad_link(media_file, media_file.custody_events.order_by("sequence"))
        if bad:
            broken.append((media_file, *bad))
    return broken


def first_bad_link(media_file, events, expected_previous=GENESIS_HASH, expected_sequence=1):
    """(event, problem) for the first of `events` (in sequence order, continuing a chain whose event before them has
    `expected_previous` as hash and `expected_sequence` - 1 as sequence) that does not check out, or None."""
    for event in events:
        event.media_file = media_file
        problem = None
        if event.sequence != expected_sequence:
            problem = f"sequence {event.sequence} where {expected_sequence} was expected (an event is missing)"
        elif event.previous_hash != expected_previous:
            problem = "its previous-hash does not match the event before it"
        elif event.compute_hash() != event.event_hash:
            problem = "its content no longer matches its hash (the event was altered)"
        if problem:
            return event, problem
        expected_previous, expected_sequence = event.event_hash, event.sequence + 1
    return None
