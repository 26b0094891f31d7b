"""What waits for an analyst, gathered for the review queue, and the desk's small workflows: triaging a finding
(catalog.services.findings), accepting a hint read off the frames (catalog.services.screen_text) and sending a
failed job again."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.db.models import Max, Q

from catalog import services
from catalog.services.findings import triage_finding
from catalog.services.variants import open_families
from catalog.services.screen_text import accept_identity_hint, accept_producer_hint
from catalog.choices import (
    ClaimStatus,
    DraftStatus,
    FindingKind,
    FindingStatus,
    MediaAuthenticity,
    ReviewedValue,
    ReviewOutcome,
)
from catalog.models import Finding, ReportDraft, ReviewEvent, UrlCapture, VerificationRun
from provenance import jobs
from provenance.choices import JobStatus
from provenance.models import EnrichmentJob
from provenance.services import request_enrichment

OPEN_DRAFT_STATUSES = (DraftStatus.PENDING, DraftStatus.PARTIALLY_ACCEPTED)
FINDING_DECISIONS = {"acknowledge": FindingStatus.ACKNOWLEDGED, "dismiss": FindingStatus.DISMISSED}
# Hints are proposals: accepting one makes the record it proposes (and resolves it); nothing else may be accepted.
HINT_ACCEPTANCE = {FindingKind.PRODUCER_HINT: accept_producer_hint, FindingKind.IDENTITY_HINT: accept_identity_hint}
VALUE_LABELS = {ReviewedValue.ITEM_AUTHENTICITY: MediaAuthenticity, ReviewedValue.CLAIM_STATUS: ClaimStatus}
JOB_KINDS = {"enrichment": EnrichmentJob, "capture": UrlCapture, "verification": VerificationRun}


@dataclass
class FailedJob:
    kind: str  # a key of JOB_KINDS
    job: object
    label: str
    item: object  # the media item it concerns, if any

    @property
    def key(self):
        return f"{self.kind}-{self.job.pk}"


@dataclass
class Verdict:
    event: ReviewEvent
    superseded: bool
    is_own: bool

    @property
    def approval(self):
        try:
            return self.event.approval
        except ObjectDoesNotExist:
            return None

    @property
    def needs_approval(self):
        return self.event.value in (ReviewedValue.ITEM_AUTHENTICITY, ReviewedValue.CLAIM_STATUS)

    @property
    def decisions(self):
        return list(self.event.decisions.all())

    def _decision(self, *outcomes):
        return next((decision for decision in self.decisions if decision.outcome in outcomes), None)

    @property
    def closed_by(self):
        """The rejection or withdrawal that ended this verdict, if one did."""
        return self._decision(ReviewOutcome.REJECTED, ReviewOutcome.WITHDRAWN)

    @property
    def sent_back(self):
        return self._decision(ReviewOutcome.SENT_BACK)

    @property
    def is_open(self):
        """Neither approved, superseded, rejected nor withdrawn."""
        return (settings.FOUR_EYES_REVIEW and self.needs_approval and not self.superseded and self.approval is None
                and self.closed_by is None)

    @property
    def can_approve(self):
        """Approve, reject or send back: a second analyst's decisions, on a verdict nobody decided on yet."""
        return self.is_open and not self.is_own and not self.decisions

    @property
    def can_withdraw(self):
        return self.is_open and self.is_own

    @property
    def subject(self):
        return self.event.media_item or self.event.claim

    @property
    def subject_text(self):
        if self.event.media_item_id:
            return self.event.media_item.title
        return self.event.claim.text if self.event.claim_id else str(self.event.identity_assertion)

    def _label(self, value):
        choices = VALUE_LABELS.get(self.event.value)
        return choices(value).label if choices is not None and value in choices.values else value

    @property
    def old_label(self):
        return self._label(self.event.old_value)

    @property
    def new_label(self):
        return self._label(self.event.new_value)

    @property
    def item(self):
        if self.event.media_item_id:
            return self.event.media_item
        return self.event.claim.media_item if self.event.claim_id else None


@dataclass
class Queue:
    drafts: list
    proposals: list  # catalog.services.variants.Family, one per family with members waiting
    findings: list
    failed_jobs: list
    approvals: list  # Verdicts another analyst wrote, which this one may approve
    own_verdicts: list  # this analyst's verdicts, waiting for someone else

    @property
    def total(self):
        return len(self.drafts) + len(self.proposals) + len(self.findings) + len(self.failed_jobs) + len(self.approvals)


def gather(user):
    drafts = list(
        ReportDraft.objects.filter(status__in=OPEN_DRAFT_STATUSES).select_related("report__outlet", "media_item")
        .order_by("created_at", "pk")
    )
    # One entry per variant family, with its members waiting for a decision.
    proposals = open_families()
    findings = list(
        Finding.objects.filter(status=FindingStatus.OPEN)
        .select_related("media_item", "claim", "sighting__channel", "channel", "person").order_by("-updated_at", "-pk")
    )
    verdicts = pending_verdicts(user) if settings.FOUR_EYES_REVIEW else []
    return Queue(
        drafts=drafts, proposals=proposals, findings=findings, failed_jobs=failed_jobs(),
        approvals=[verdict for verdict in verdicts if not verdict.is_own],
        own_verdicts=[verdict for verdict in verdicts if verdict.is_own],
    )


def failed_jobs():
    failed = []
    enrichment = (
        EnrichmentJob.objects.filter(status=JobStatus.FAILED).select_related("media_file")
        .prefetch_related("media_file__item_links__media_item").order_by("-finished_at", "-pk")
    )
    for job in enrichment:
        link = next(iter(job.media_file.item_links.all()), None)
        failed.append(FailedJob("enrichment", job, f"{job.get_kind_display()} of {job.media_file}",
                                link.media_item if link else None))
    for job in UrlCapture.objects.filter(status=JobStatus.FAILED).select_related("media_item"):
        failed.append(FailedJob("capture", job, f"Capture of {job.url}", job.media_item))
    for job in VerificationRun.objects.filter(status=JobStatus.FAILED).select_related("media_item"):
        scope = f"“{job.media_item.title}”" if job.media_item_id else "the whole catalogue"
        failed.append(FailedJob("verification", job, f"{job.get_kind_display()} of {scope}", job.media_item))
    return failed


def latest_verdict_times(events):
    """For each subject of `events`: when its latest verdict (approved or not) was recorded."""
    items = {event.media_item_id for event in events if event.media_item_id}
    claims = {event.claim_id for event in events if event.claim_id}
    latest = {}
    for row in (
        ReviewEvent.objects.filter(
            Q(value=ReviewedValue.ITEM_AUTHENTICITY, media_item__in=items)
            | Q(value=ReviewedValue.CLAIM_STATUS, claim__in=claims)
        ).values("value", "media_item", "claim").annotate(last=Max("created_at"))
    ):
        latest[(row["value"], row["media_item"], row["claim"])] = row["last"]
    return latest


def describe_verdicts(events, user):
    """Verdicts with what `user` may do with them; approval state comes from the events' `approval`."""
    latest = latest_verdict_times(events)
    return [
        Verdict(
            event=event,
            superseded=latest.get((event.value, event.media_item_id, event.claim_id), event.created_at)
            > event.created_at,
            is_own=event.analyst_id == user.pk,
        )
        for event in events
    ]


def pending_verdicts(user):
    """Verdicts waiting for a second analyst; those a later verdict superseded can never be approved and are left out."""
    events = list(services.awaiting_approval().select_related("claim__media_item").prefetch_related("decisions"))
    return [verdict for verdict in describe_verdicts(events, user) if not verdict.superseded]


def finding_decisions(finding):
    """The decisions an analyst may take on `finding` in the queue."""
    return (*FINDING_DECISIONS, "accept") if finding.kind in HINT_ACCEPTANCE else tuple(FINDING_DECISIONS)


def decide_finding(finding, decision):
    """Acknowledge or dismiss a finding through the desk's triage workflow (shared with the API), or accept a hint."""
    if decision == "accept":
        accept = HINT_ACCEPTANCE.get(finding.kind)
        if accept is None:
            raise ValidationError("Only a producer or identity hint can be accepted.")
        return accept(finding)
    status = FINDING_DECISIONS.get(decision)
    if status is None:
        raise ValidationError("Acknowledge or dismiss a finding.")
    return triage_finding(finding, status)


def decision_message(finding, decision):
    """What the queue says once `finding` (as it is after the decision) is decided."""
    if decision != "accept":
        return f"Finding {finding.get_status_display().lower()}."
    if finding.kind == FindingKind.PRODUCER_HINT:
        return f"Accepted: {finding.media_item.producer} is now the producer of this item."
    name, seconds = finding.detail["name"], finding.detail["timestamp"]
    return f"Accepted: “{name}” is now an identity asserted at {seconds:.1f} s."


@transaction.atomic
def requeue_job(kind, job):
    """Send a failed job again: it becomes pending and goes to a worker once the transaction commits."""
    if job.status != JobStatus.FAILED:
        raise ValidationError(f"This job is {job.get_status_display().lower()}, not failed; nothing to re-queue.")
    if kind == "enrichment":
        return request_enrichment(job.media_file, job.kind)
    jobs.reopen(job)
    jobs.send_on_commit(job)
    return job
