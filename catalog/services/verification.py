"""Background verification: jobs that look for inconsistencies and write findings for the review queue."""

from django.db import transaction
from django.db.models import F, Q

from catalog.choices import ClaimRelation, FindingKind, Severity, VerificationKind
from catalog.models import (
    Channel,
    ClaimLink,
    IdentityAssertion,
    LivenessCheck,
    Sighting,
    VerificationRun,
)
from catalog.resolution.people import find_contradictions
from catalog.services.findings import raise_finding
from catalog.services.rematching import check_rematch
from catalog.services.resolution import as_asserted_identity
from provenance import jobs
from provenance.jobs import JobFailed
from provenance.capture import probe_url

# Answers that mean the content was removed, not that the server is briefly unwell.
TAKEDOWN_STATUSES = {404, 410, 451}


def request_verification(kind, media_item=None):
    run = VerificationRun.objects.create(kind=kind, media_item=media_item)
    jobs.send_on_commit(run)
    return run


def run_verification(run_id, token=""):
    return jobs.run_job(VerificationRun, run_id, perform=lambda run: CHECKS[run.kind](run), token=token)


def check_timeline(run):
    """Sightings posted before the item's claimed release; claims dated after a denial of them."""
    sightings = Sighting.objects.filter(
        media_item__claimed_release_at__isnull=False, posted_at__lt=F("media_item__claimed_release_at")
    ).select_related("media_item", "channel")
    links = ClaimLink.objects.filter(
        relation=ClaimRelation.DENIES, target__stated_on__gt=F("source__stated_on")
    ).select_related("source", "target")
    if run.media_item_id:
        sightings = sightings.filter(media_item=run.media_item_id)
        links = links.filter(Q(target__media_item=run.media_item_id) | Q(source__media_item=run.media_item_id))
    raised = []
    for sighting in sightings:
        raised.append(raise_finding(
            f"sighting-before-release:{sighting.pk}", FindingKind.SIGHTING_BEFORE_RELEASE,
            f"Seen on {sighting.channel} at {sighting.posted_at:%Y-%m-%d %H:%M}, before the claimed release "
            f"of {sighting.media_item.claimed_release_at:%Y-%m-%d %H:%M}.",
            media_item=sighting.media_item, sighting=sighting,
        ).pk)
    for link in links:
        claim, denial = link.target, link.source
        raised.append(raise_finding(
            f"claim-after-denial:{link.pk}", FindingKind.CLAIM_AFTER_DENIAL,
            f"Claim dated {claim.stated_on} is denied by a statement dated earlier, {denial.stated_on}.",
            claim=claim, media_item=claim.media_item, detail={"denial": denial.pk},
        ).pk)
    return {"findings": raised}


def check_identities(run):
    """Assertions resolved to one person that disagree on birth year, birthplace or affiliation."""
    assertions = IdentityAssertion.objects.filter(person__isnull=False).select_related("person")
    if run.media_item_id:
        assertions = assertions.filter(person__in=assertions.filter(media_item=run.media_item_id).values("person"))
    by_person = {}
    for assertion in assertions.order_by("person", "pk"):
        by_person.setdefault(assertion.person, []).append(assertion)
    raised = []
    for person, stated in by_person.items():
        if len(stated) < 2:
            continue
        for contradiction in find_contradictions([as_asserted_identity(assertion) for assertion in stated]):
            raised.append(raise_finding(
                f"identity-{contradiction.kind}:{person.pk}:{'|'.join(contradiction.values)}"[:200],
                FindingKind.IDENTITY_CONTRADICTION,
                f"{person}: {contradiction.message}",
                person=person,
                detail={"assertions": [a.pk for a in stated], "kind": contradiction.kind,
                        "values": list(contradiction.values)},
            ).pk)
    return {"findings": raised}


def check_liveness(run):
    """Is each sighting's URL and each channel still up? Keep every answer; mark takedowns."""
    sightings = Sighting.objects.exclude(url="").filter(taken_down_at__isnull=True).select_related("channel")
    channels = Channel.objects.exclude(url="")
    if run.media_item_id:
        sightings = sightings.filter(media_item=run.media_item_id)
        channels = channels.filter(sightings__media_item=run.media_item_id).distinct()
    checked = 0
    for sighting in sightings:
        _record_liveness(sighting.url, sighting=sighting)
        checked += 1
    for channel in channels:
        _record_liveness(channel.url, channel=channel)
        checked += 1
    return {"checked": checked}


@transaction.atomic
def _record_liveness(url, sighting=None, channel=None):
    try:
        status = probe_url(url)
        error = ""
    except JobFailed as problem:
        status, error = None, str(problem)
    is_up = status is not None and status < 400
    check = LivenessCheck.objects.create(
        sighting=sighting, channel=channel, url=url, is_up=is_up, http_status=status, error=error
    )
    if status not in TAKEDOWN_STATUSES:
        return check
    if sighting is not None:
        Sighting.objects.filter(pk=sighting.pk, taken_down_at__isnull=True).update(taken_down_at=check.checked_at)
        raise_finding(
            f"url-taken-down:sighting:{sighting.pk}", FindingKind.URL_TAKEN_DOWN,
            f"{url} answered {status}: the sighting on {sighting.channel} was taken down.",
            severity=Severity.INFO, media_item_id=sighting.media_item_id, sighting=sighting,
        )
    else:
        raise_finding(
            f"channel-unreachable:{channel.pk}", FindingKind.CHANNEL_UNREACHABLE,
            f"{url} answered {status}: the channel {channel} may be suspended or removed.",
            severity=Severity.INFO, channel=channel,
        )
    return check


CHECKS = {
    VerificationKind.TIMELINE: check_timeline,
    VerificationKind.IDENTITY: check_identities,
    VerificationKind.LIVENESS: check_liveness,
    VerificationKind.REMATCH: check_rematch,
}
