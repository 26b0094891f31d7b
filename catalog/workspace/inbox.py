"""What concerns one analyst, newest first: items assigned to them, verdicts awaiting them (a colleague's to approve,
their own sent back or rejected), findings and colleagues' comments on their items, and their jobs that finished or
failed. Gathered for the inbox page, which htmx polls while work runs."""

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from catalog.choices import FindingStatus, ReviewOutcome
from catalog.models import (
    Finding,
    ItemAssignment,
    ItemComment,
    ItemFile,
    MediaItem,
    ReviewDecision,
    UrlCapture,
    WebArchiveCapture,
)
from catalog.workspace import queue as review_queue
from provenance.choices import JobStatus
from provenance.models import EnrichmentJob

WINDOW = dt.timedelta(days=30)
LIMIT = 60
FINISHED = (JobStatus.SUCCEEDED, JobStatus.FAILED)


@dataclass
class Entry:
    kind: str  # assignment, verdict, finding, comment, job
    when: dt.datetime
    title: str  # the record, by its title
    text: str
    link: str
    tone: str = "info"  # info, done, error

    @property
    def label(self):
        return {"assignment": "Assigned", "verdict": "Verdict", "finding": "Finding", "comment": "Comment",
                "job": "Job"}[self.kind]


def _item_link(item, anchor=""):
    return reverse("workspace:item", args=[item.pk]) + (f"#{anchor}" if anchor else "")


def my_items(user):
    """Items this analyst created or is assigned to now."""
    latest_assignee = Subquery(
        ItemAssignment.objects.filter(media_item=OuterRef("pk")).order_by("-created_at", "-pk").values("assignee")[:1])
    return MediaItem.objects.annotate(assignee_now=latest_assignee).filter(Q(created_by=user) | Q(assignee_now=user.pk))


def version(entries):
    """Identifies what an open inbox shows: a poll that would show the same gets 204 and swaps nothing (no lost
    focus, nothing re-announced to a screen reader)."""
    seen = "|".join(f"{entry.kind}:{entry.when.isoformat()}:{entry.text}" for entry in entries)
    return hashlib.sha256(seen.encode()).hexdigest()[:16]


def gather(user, now=None):
    since = (now or timezone.now()) - WINDOW
    entries = [*_assignments(user, since), *_verdicts(user, since), *_findings(user, since), *_comments(user, since),
               *_jobs(user, since)]
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:LIMIT]


def _assignments(user, since):
    items = my_items(user).values("pk")
    rows = (ItemAssignment.objects.filter(assignee=user, created_at__gte=since, media_item__in=items)
            .exclude(assigned_by=user).select_related("media_item", "assigned_by"))
    for row in rows:
        yield Entry("assignment", row.created_at, row.media_item.title,
                    f"{row.assigned_by.get_username()} assigned it to you.", _item_link(row.media_item))


def _verdicts(user, since):
    for verdict in review_queue.pending_verdicts(user):
        if not verdict.is_own and verdict.item is not None:
            yield Entry("verdict", verdict.event.created_at, verdict.subject_text,
                        f"{verdict.event.analyst.get_username()}'s verdict “{verdict.new_label}” awaits a second "
                        "analyst: approve, reject or send it back.", _item_link(verdict.item, "review"))
    decisions = (ReviewDecision.objects.filter(review_event__analyst=user, created_at__gte=since)
                 .exclude(outcome=ReviewOutcome.WITHDRAWN)
                 .select_related("analyst", "review_event__media_item", "review_event__claim__media_item"))
    for decision in decisions:
        verdict = review_queue.Verdict(decision.review_event, superseded=False, is_own=True)
        said = f": “{decision.comment}”" if decision.comment else "."
        yield Entry("verdict", decision.created_at, verdict.subject_text,
                    f"{decision.analyst.get_username()} {decision.get_outcome_display().lower()} your verdict "
                    f"“{verdict.new_label}”{said}", _item_link(verdict.item, "review") if verdict.item else "",
                    tone="error")


def _findings(user, since):
    rows = (Finding.objects.filter(media_item__in=my_items(user).values("pk"), status=FindingStatus.OPEN,
                                   updated_at__gte=since).select_related("media_item"))
    for finding in rows:
        yield Entry("finding", finding.updated_at, finding.media_item.title, finding.message,
                    _item_link(finding.media_item, "review"), tone="error" if finding.severity == "high" else "info")


def _comments(user, since):
    rows = (ItemComment.objects.filter(media_item__in=my_items(user).values("pk"), created_at__gte=since)
            .exclude(author=user).select_related("media_item", "author"))
    for comment in rows:
        yield Entry("comment", comment.created_at, comment.media_item.title,
                    f"{comment.author.get_username()}: {comment.body}", _item_link(comment.media_item, "together"))


def _jobs(user, since):
    finished = Q(status__in=FINISHED, finished_at__gte=since)
    for capture in UrlCapture.objects.filter(finished, requested_by=user).select_related("media_item"):
        yield _job_entry(capture, capture.media_item.title, f"Capture of {capture.url}",
                         _item_link(capture.media_item, "evidence"))
    for archive in WebArchiveCapture.objects.filter(finished, requested_by=user):
        yield _job_entry(archive, archive.url, "Web archive capture", "")
    attached = ItemFile.objects.filter(attached_by=user).values("media_file")
    links = {link.media_file_id: link for link in
             ItemFile.objects.filter(attached_by=user).select_related("media_item")}
    for job in EnrichmentJob.objects.filter(finished, media_file__in=attached):
        link = links[job.media_file_id]
        yield _job_entry(job, link.media_item.title, f"{job.get_kind_display()} of {link}",
                         _item_link(link.media_item, "evidence"))


def _job_entry(job, title, what, link):
    if job.status == JobStatus.FAILED:
        return Entry("job", job.finished_at, title, f"{what} failed: {job.error or 'no reason recorded'}.", link,
                     tone="error")
    return Entry("job", job.finished_at, title, f"{what} finished.", link, tone="done")
