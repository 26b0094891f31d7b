"""Triage of the review queue: an analyst acknowledges a finding (seen, being looked into), dismisses it (not a
problem) or resolves it (dealt with). Dismissed and resolved findings are settled: the checks that raised them leave
them as the analyst left them (raise_finding), and they are not triaged again."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from catalog.choices import FindingStatus, Severity
from catalog.models import Finding

UNSETTLED = (FindingStatus.OPEN, FindingStatus.ACKNOWLEDGED)

# The statuses a finding may move to, and those it may come from.
TRIAGE = {
    FindingStatus.ACKNOWLEDGED: (FindingStatus.OPEN,),
    FindingStatus.DISMISSED: UNSETTLED,
    FindingStatus.RESOLVED: UNSETTLED,
}


def raise_finding(key, kind, message, severity=Severity.WARNING, detail=None, **subjects):
    """Write or refresh a finding; one an analyst dismissed or resolved stays as they left it."""
    finding, created = Finding.objects.get_or_create(
        key=key, defaults={"kind": kind, "message": message, "severity": severity, "detail": detail or {}, **subjects}
    )
    if not created and finding.status in UNSETTLED:
        Finding.objects.filter(pk=finding.pk).update(message=message, detail=detail or {}, updated_at=timezone.now())
    return finding


@transaction.atomic
def triage_finding(finding, status):
    """Move a finding to `status` (acknowledged, dismissed or resolved); refused when it is past that point."""
    finding = Finding.objects.select_for_update().get(pk=finding.pk)
    if finding.status not in TRIAGE[status]:
        raise ValidationError(
            f"This finding is already {finding.get_status_display().lower()}; "
            f"it cannot be {FindingStatus(status).label.lower()} now."
        )
    Finding.objects.filter(pk=finding.pk).update(status=status, updated_at=timezone.now())
    finding.refresh_from_db()
    return finding


def acknowledge_finding(finding):
    return triage_finding(finding, FindingStatus.ACKNOWLEDGED)


def dismiss_finding(finding):
    return triage_finding(finding, FindingStatus.DISMISSED)


def resolve_finding(finding):
    return triage_finding(finding, FindingStatus.RESOLVED)
