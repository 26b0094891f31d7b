"""What the demo case shows beyond its records, so a new analyst sees the desk's features on the first visit:

- the Amaq video as evidence, synthesised at load time (catalog.demo_media), hashed and analysed by the same services
  a worker runs, so it has its hashes, custody log and keyframes (blurred: the item is graphic);
- both men as catalogued people, with their names in Cyrillic, so the dossier ranks transliteration candidates
  for the identities stated on camera (left unresolved: resolving is the analyst's call);
- a mirror channel's re-upload (cropped, scaled, re-encoded), matched by the real pipeline: it waits in the queue as
  a near-duplicate proposal;
- a finding of the timeline check (a claim dated after a denial of it).

Idempotent: files are made only for an item that has none, people are found by name, and the timeline check runs
once per load of a fresh case. The jobs run in this process, outside the loader's transaction, as a worker would.
"""

import datetime as dt
import io

from django.db import transaction

from catalog import services
from catalog.choices import (
    TLP,
    FindingStatus,
    MediaKind,
    Platform,
    ProposalStatus,
    SightingKind,
    VerificationKind,
)
from catalog.demo_media import evidence_video, reupload_of
from catalog.models import Channel, MediaItem, Person, PersonNameVariant, Place, Sighting, VerificationRun
from provenance.choices import JobStatus
from provenance.models import EnrichmentJob
from provenance.services import run_enrichment_job

PEOPLE = [
    # canonical name, birth year, birthplace (a place of the case), other spellings: Cyrillic and transliterations
    ("Roman Zabolotny", 1979, "Rassvet", ["Роман Заболотный", "Заболотный Роман Николаевич"]),
    ("Grigory Tsurkanov", 1978, "Domodedovo", ["Григорий Цурканов", "Grigoriy Tsurkanov"]),
]
MIRROR_CHANNEL = (Platform.TELEGRAM, "Nashir mirror (demo)")
REUPLOAD_TITLE = "Re-upload of the Amaq prisoners video on a mirror channel"
EVIDENCE_FILENAME = "amaq-proof-of-life-2017-10-03.mp4"
REUPLOAD_FILENAME = "nashir-mirror-reupload.mp4"


def load_showcase(item, analyst):
    """Returns summary lines of what was added."""
    lines = [f"people: {_people()} added"]
    added = _evidence(item, analyst, EVIDENCE_FILENAME, evidence_video)
    reupload = _reupload_item(analyst)
    added += _evidence(reupload, analyst, REUPLOAD_FILENAME, lambda: reupload_of(evidence_video()))
    lines.append(f"evidence files: {added} synthesised, hashed and analysed")
    lines.append(f"near-duplicate proposals waiting: {reupload.variant_proposals.filter(status=ProposalStatus.PROPOSED).count()}")
    if not VerificationRun.objects.filter(kind=VerificationKind.TIMELINE, media_item=item).exists():
        with transaction.atomic():
            run = services.request_verification(VerificationKind.TIMELINE, item)
        services.run_verification(run.pk)
    lines.append(f"open findings on the item: {item.findings.filter(status=FindingStatus.OPEN).count()}")
    return lines


@transaction.atomic
def _people():
    added = 0
    for name, birth_year, birthplace, spellings in PEOPLE:
        person, created = Person.objects.get_or_create(
            canonical_name=name, defaults={"birth_year": birth_year,
                                           "birthplace": Place.objects.filter(name=birthplace).first()})
        added += created
        for spelling in spellings:
            PersonNameVariant.objects.get_or_create(person=person, name=spelling)
    return added


@transaction.atomic
def _reupload_item(analyst):
    platform, handle = MIRROR_CHANNEL
    channel, _ = Channel.objects.get_or_create(platform=platform, handle=handle)
    described = {"kind": MediaKind.VIDEO, "is_graphic": True, "tlp": TLP.GREEN, "languages": ["ru", "ar"],
                 "description": "The same footage, cropped and re-encoded by a mirror channel."}
    item, _ = MediaItem.objects.get_or_create(title=REUPLOAD_TITLE, defaults={**described, "created_by": analyst})
    Sighting.objects.get_or_create(
        media_item=item, channel=channel, kind=SightingKind.REUPLOAD,
        defaults={"posted_at": dt.datetime(2017, 10, 4, 8, 0, tzinfo=dt.UTC),
                  "notes": "Illustrative re-upload made for the demo case."})
    return item


def _evidence(item, analyst, filename, make):
    """Attach a synthesised file to an item without files and run its jobs here, as a worker would: 1 if added."""
    if item.files.exists():
        return 0
    link = services.attach_file(item, io.BytesIO(make()), filename, analyst, source={"via": "demo case synthesis"})
    # Hashing and analysis, then the matching the analysis queues (three rounds at most: nothing queues more).
    for _round in range(3):
        for job in EnrichmentJob.objects.filter(media_file=link.media_file, status=JobStatus.PENDING):
            run_enrichment_job(job.pk)
    return 1
