"""Who an export is for, and what of a record they may see.

Exporters and webhooks take a `Visibility` instead of a request or a partner, so the API's own notion of a caller
(another engineer's `catalog/api/clearance.py`) maps onto it in one place: `Visibility.for_partner(partner)` or
`ANALYST`. These rules apply to every format:

- a record is shown only when its marking is at or below the reader's TLP ceiling. Sightings, files and people
  shown are seen through their item and carry its marking; a claim is seen through its item and its report, so its
  marking is the highest of the three (`claim_marking`, the rule of catalog.services.partners.effective_marking);
- people shown in media (identity assertions) and claims of kind "identity" (which name them) are shown only to
  readers cleared for identities, because names and birth data are personal data;
- partners see only published verdicts (those that passed four-eyes review); analysts see the working verdict,
  and every export says which of the two it carries;
- the desk's internal details stay with analysts: a claimant who is a person is named only to analysts (partners
  get the claimant as reported, `claimant_description`), as the partner API shows people only through the
  identity assertions they may see.
"""

from dataclasses import dataclass
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist

from catalog.choices import TLP, ClaimKind, ClaimStatus, MediaAuthenticity, ReviewedValue

WITHHELD_PERSON = "a person (name not shared)"


class NotVisible(Exception):
    """The record is above the reader's clearance. Callers answer as if it did not exist (404)."""


@dataclass(frozen=True)
class Visibility:
    max_tlp: str
    may_see_identities: bool
    analyst: bool = False  # the desk itself: working verdicts and internal details

    @classmethod
    def for_partner(cls, partner):
        return cls(max_tlp=partner.max_tlp, may_see_identities=partner.may_see_identities)

    @property
    def readable_tlps(self):
        return TLP.at_or_below(self.max_tlp)

    def may_read(self, tlp):
        return tlp in self.readable_tlps

    def require(self, record):
        if not self.may_read(record.tlp):
            raise NotVisible(f"{type(record).__name__} {record.pk} is marked TLP:{record.tlp.upper()}.")
        return record

    def items(self, queryset):
        return queryset.filter(tlp__in=self.readable_tlps)

    def may_see_claim(self, claim):
        return self.may_read(claim_marking(claim)) and (self.may_see_identities or claim.kind != ClaimKind.IDENTITY)

    def claims(self, claims):
        return [claim for claim in claims if self.may_see_claim(claim)]

    def identity_assertions(self, item):
        return list(item.identity_assertions.all()) if self.may_see_identities else []

    def report(self, claim):
        """The report a claim appeared in, when the reader may read it."""
        report = claim.report
        return report if report is not None and self.may_read(report.tlp) else None

    def claimant_name(self, claim):
        if claim.claimant_organization_id:
            return claim.claimant_organization.name
        if claim.claimant_person_id and self.analyst:
            return claim.claimant_person.canonical_name
        # A person making a claim may be one of the people shown (a prisoner naming himself): partners get the
        # claimant as the report described them, which the partner API shows them too.
        if claim.claimant_description:
            return claim.claimant_description
        return WITHHELD_PERSON if claim.claimant_person_id else "unknown claimant"

    def item_verdict(self, item):
        return _verdict(item, ReviewedValue.ITEM_AUTHENTICITY, item.authenticity, item.published_authenticity, self)

    def claim_verdict(self, claim):
        return _verdict(claim, ReviewedValue.CLAIM_STATUS, claim.status, claim.published_status, self)


def highest(*tlps):
    """The most restrictive of the given markings (None ignored)."""
    order = list(TLP.values)
    return max((tlp for tlp in tlps if tlp), key=order.index, default=TLP.CLEAR)


def claim_marking(claim):
    """A claim's own marking, raised to its item's and its report's: whoever reads it learns of both."""
    item_tlp = claim.media_item.tlp if claim.media_item_id else None
    report_tlp = claim.report.tlp if claim.report_id else None
    return highest(claim.tlp, item_tlp, report_tlp)


# Analysts read everything, including verdicts still waiting for a second analyst.
ANALYST = Visibility(max_tlp=TLP.RED, may_see_identities=True, analyst=True)


class Verdict(NamedTuple):
    value: str
    published: bool  # False: an analyst's working value that no second analyst has approved yet
    review_event: object  # the ReviewEvent that set it, or None (e.g. the default "not assessed")

    @property
    def state(self):
        return "published" if self.published else "working"

    @property
    def decided_at(self):
        """When the verdict took effect: its approval for a published verdict under four-eyes review."""
        if self.review_event is None:
            return None
        if self.published:
            try:
                return self.review_event.approval.created_at
            except ObjectDoesNotExist:
                pass
        return self.review_event.created_at

    @property
    def is_review(self):
        """Unassessed items and unstarted or in-progress claims have no verdict to publish yet."""
        return self.value not in (MediaAuthenticity.NOT_ASSESSED, ClaimStatus.UNSTARTED, ClaimStatus.IN_PROGRESS)


def _verdict(subject, value_kind, working, published_value, visibility):
    # Read through .all() so a prefetched history (feeds) costs no query; a subject has only a few reviews.
    events = sorted(
        (event for event in subject.review_events.all() if event.value == value_kind),
        key=lambda event: (event.created_at, event.pk), reverse=True,
    )
    if visibility.analyst and working != published_value:
        return Verdict(working, False, events[0] if events else None)
    for event in events:
        if event.new_value == published_value and (not settings.FOUR_EYES_REVIEW or _approved(event)):
            return Verdict(published_value, True, event)
    return Verdict(published_value, True, None)


def _approved(event):
    try:
        return event.approval is not None
    except ObjectDoesNotExist:
        return False
