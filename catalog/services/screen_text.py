"""Hints from the text burned into an item's frames (provenance.FrameText): proposals for the desk, never records.

A hint is a finding in the review queue, on every item holding the file, with the frame as evidence (file, frame
time, box, the line read). Nothing changes on the item until an analyst accepts it (accept_producer_hint,
accept_identity_hint); dismissing it is the usual triage.

* Producer hint: a line holds an organisation's name or one of its aliases, in any script (logo text such as
  "أعماق" or "Amaq").
* Identity hint: a caption names a person, by either of two rules, and nothing else counts as a name:
  - the line holds a known person's canonical name or one of their name variants;
  - the line labels a name: "name", "الاسم" or "имя" (also "full name", "ФИО") and a colon, then the name.

Names are matched case-folded, on word boundaries (a name inside a longer word is no match), and only names of at
least MIN_NAME_LENGTH letters, so "IS" does not match every caption.
"""

import re
import unicodedata
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction

from catalog.choices import AssertionMode, FindingKind, Severity
from catalog.models import IdentityAssertion, MediaItem, Organization, Person
from catalog.services.findings import raise_finding, resolve_finding

MIN_NAME_LENGTH = 3
NAME_LABEL = re.compile(r"(?:full\s+name|name|الاسم|اسم|имя|фио)\s*[:：]\s*(?P<name>.+)", re.IGNORECASE)


def normalise(text):
    return unicodedata.normalize("NFKC", text).casefold()


def names_in(line, name):
    """Whether `name` occurs in `line` as whole words (both normalised by the caller)."""
    return len(name) >= MIN_NAME_LENGTH and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", line) is not None


def raise_screen_text_hints(sender, media_file, texts, **kwargs):
    """Receiver of provenance.signals.frame_texts_recorded."""
    items = list(MediaItem.objects.filter(files__media_file=media_file).distinct())
    if not items or not texts:
        return []
    organisations = _known_names(Organization.objects.prefetch_related("aliases"), "name", "aliases")
    people = _known_names(Person.objects.prefetch_related("name_variants"), "canonical_name", "name_variants")
    findings = []
    for text in texts:
        line = normalise(text.text)
        for organisation in {o for o, name in organisations if names_in(line, name)}:
            findings += [_producer_hint(item, organisation, text) for item in items if item.producer_id is None]
        matched_people = {person for person, name in people if names_in(line, name)}
        for person in matched_people:
            findings += [_identity_hint(item, text, person.canonical_name, person) for item in items]
        labelled = NAME_LABEL.search(text.text)
        if labelled and not matched_people and len(labelled["name"].strip()) >= MIN_NAME_LENGTH:
            findings += [_identity_hint(item, text, labelled["name"].strip(), None) for item in items]
    return findings


def _known_names(queryset, name_field, alias_relation):
    return [
        (record, normalise(name))
        for record in queryset
        for name in [getattr(record, name_field), *(alias.name for alias in getattr(record, alias_relation).all())]
    ]


def _evidence(text):
    return {
        "media_file": text.media_file_id, "frame": text.frame_number, "timestamp": round(text.timestamp, 3),
        "text": text.text, "language": text.language, "confidence": text.confidence,
        "box": [text.left, text.top, text.width, text.height],
    }


def _producer_hint(item, organisation, text):
    return raise_finding(
        f"producer_hint:{item.pk}:{organisation.pk}", FindingKind.PRODUCER_HINT,
        f"On-screen text at {text.timestamp:.1f} s reads “{text.text}”: is {organisation.name} the producer?",
        severity=Severity.INFO, detail={**_evidence(text), "organization": organisation.pk}, media_item=item,
    )


def _identity_hint(item, text, name, person):
    return raise_finding(
        f"identity_hint:{item.pk}:{text.media_file_id}:{normalise(name)[:120]}", FindingKind.IDENTITY_HINT,
        f"A caption at {text.timestamp:.1f} s names “{name}”",
        severity=Severity.INFO, detail={**_evidence(text), "name": name}, media_item=item, person=person,
    )


@transaction.atomic
def accept_producer_hint(finding):
    """The analyst's decision: the hinted organisation becomes the item's producer. An item given another producer
    since the hint was raised keeps it: accepting then is refused, never a silent overwrite."""
    item = finding.media_item
    producer = Organization.objects.get(pk=finding.detail["organization"])
    if item.producer_id not in (None, producer.pk):
        raise ValidationError(
            f"The item's producer is already {item.producer}; change it on the item if {producer} is right."
        )
    item.producer = producer
    item.save()
    return resolve_finding(finding)


@transaction.atomic
def accept_identity_hint(finding, mode=AssertionMode.NAMED_BY_OTHER):
    """The analyst's decision: the caption becomes an identity assertion at its time code."""
    IdentityAssertion.objects.create(
        media_item=finding.media_item, name_as_stated=finding.detail["name"], mode=mode,
        timecode=timedelta(seconds=finding.detail["timestamp"]), person=finding.person,
    )
    return resolve_finding(finding)
