"""Catalogue workflows that touch several rows; the API, admin, tasks and commands all call these."""

import tempfile

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from catalog.choices import ReviewedValue
from catalog.models import ItemFile, ReviewEvent, UrlCapture
from provenance import capture, jobs
from provenance import services as evidence


@transaction.atomic
def attach_file(media_item, fileobj, original_filename, user=None, source=None):
    """Store the bytes as evidence, link them to the item and queue their hashing.

    `source` says how the bytes arrived (e.g. {"via": "upload"}) and goes into the custody log.
    """
    actor = user.get_username() if user else "system"
    media_file = evidence.receive_file(
        fileobj, original_filename, actor=actor, source={"media_item": media_item.pk, **(source or {})}
    )
    link, _ = ItemFile.objects.get_or_create(
        media_item=media_item,
        media_file=media_file,
        defaults={"original_filename": original_filename, "attached_by": user},
    )
    evidence.request_enrichment(media_file)
    return link


def request_url_capture(media_item, url, user=None):
    """Queue a capture of `url` into the item's evidence; it runs once the transaction commits."""
    job = UrlCapture.objects.create(media_item=media_item, url=url, requested_by=user)
    jobs.send_on_commit(job)
    return job


def run_url_capture(job_id):
    with tempfile.TemporaryDirectory() as folder:
        return jobs.run_job(
            UrlCapture, job_id,
            perform=lambda job: vars(capture.download(job.url, folder)),
            record=_attach_capture,
        )


def _attach_capture(job, result):
    path = result.pop("path")
    with open(path, "rb") as captured:
        link = attach_file(
            job.media_item, captured, result["filename"], job.requested_by,
            source={"via": result["via"], "url": job.url, "final_url": result["final_url"]},
        )
    UrlCapture.objects.filter(pk=job.pk).update(item_file=link)
    result["sha256"] = link.media_file.sha256


def _require_rationale(rationale):
    if not (rationale or "").strip():
        raise ValidationError({"rationale": "A rationale is required for every verification change."})
    return rationale.strip()


@transaction.atomic
def review_item_authenticity(media_item, authenticity, analyst, rationale):
    rationale = _require_rationale(rationale)
    old = media_item.authenticity
    media_item.authenticity = authenticity
    media_item.full_clean(validate_unique=False)
    media_item.save(update_fields=["authenticity", "updated_at"])
    return ReviewEvent.objects.create(
        value=ReviewedValue.ITEM_AUTHENTICITY, media_item=media_item,
        old_value=old, new_value=authenticity, rationale=rationale, analyst=analyst,
    )


@transaction.atomic
def review_claim_status(claim, status, analyst, rationale):
    rationale = _require_rationale(rationale)
    old = claim.status
    claim.status = status
    claim.full_clean(validate_unique=False)
    claim.save(update_fields=["status", "updated_at"])
    return ReviewEvent.objects.create(
        value=ReviewedValue.CLAIM_STATUS, claim=claim,
        old_value=old, new_value=status, rationale=rationale, analyst=analyst,
    )


@transaction.atomic
def resolve_identity(assertion, person, confidence, analyst, rationale):
    """Resolve an asserted identity to a Person (or clear it with person=None); the assertion stays as stated."""
    rationale = _require_rationale(rationale)
    if person is not None and confidence is None:
        raise ValidationError({"confidence": "Give a confidence between 0 and 1 for a resolution."})
    old = _describe_resolution(assertion)
    assertion.person = person
    assertion.resolution_confidence = confidence if person is not None else None
    assertion.resolved_by = analyst
    assertion.resolved_at = timezone.now()
    assertion.full_clean(validate_unique=False)
    assertion.save(update_fields=["person", "resolution_confidence", "resolved_by", "resolved_at"])
    return ReviewEvent.objects.create(
        value=ReviewedValue.IDENTITY_RESOLUTION, identity_assertion=assertion,
        old_value=old, new_value=_describe_resolution(assertion), rationale=rationale, analyst=analyst,
    )


def _describe_resolution(assertion):
    if assertion.person_id is None:
        return "unresolved"
    return f"person {assertion.person_id} ({assertion.person}) at confidence {assertion.resolution_confidence}"


def replace_names(owner, related_name, names):
    """Make an owner's alias rows exactly `names`, keeping rows that stay."""
    manager = getattr(owner, related_name)
    wanted = list(dict.fromkeys(name.strip() for name in names if name.strip()))
    manager.exclude(name__in=wanted).delete()
    held = set(manager.values_list("name", flat=True))
    for name in wanted:
        if name not in held:
            manager.create(name=name)
