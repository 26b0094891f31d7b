"""An item's claim graph: who asserts and who denies what about it, and when.

The graph holds every claim about the item and every claim linked to one of them (a denial issued about another
item, say), each with its standing (a denied claim stands disputed until an analyst records a verdict) and its typed
links to the other claims of the graph, in the order the claims were made (undated ones last).
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q

from catalog.models import Claim, ClaimLink
from catalog.models.claims import DISPUTING_RELATIONS

ASSERTION, DENIAL = "assertion", "denial"


@dataclass(frozen=True)
class ClaimNode:
    claim: Claim  # annotated with `standing`
    in_item: bool  # False for a claim about something else that is linked to one of the item's claims
    incoming: list = field(default_factory=list)  # ClaimLinks whose target is this claim
    outgoing: list = field(default_factory=list)  # ClaimLinks whose source is this claim

    @property
    def role(self):
        """A denial denies or contradicts another claim of the graph; anything else asserts."""
        return DENIAL if any(link.relation in DISPUTING_RELATIONS for link in self.outgoing) else ASSERTION

    @property
    def claimant(self):
        """Who made the claim, as catalogued or, failing that, as reported."""
        claim = self.claim
        return str(claim.claimant_organization or claim.claimant_person or "") or claim.claimant_description


@dataclass(frozen=True)
class ClaimGraph:
    media_item: object
    claims: list  # ClaimNodes, oldest statement first
    links: list  # every ClaimLink between two claims of the graph


def claim_graph(media_item):
    """The claims of `media_item` and the claims linked to them, with their links; two queries whatever the size."""
    links = list(
        ClaimLink.objects.filter(Q(source__media_item=media_item) | Q(target__media_item=media_item)).order_by("pk")
    )
    linked = {link.source_id for link in links} | {link.target_id for link in links}
    claims = (
        Claim.objects.with_standing()
        .filter(Q(media_item=media_item) | Q(pk__in=linked))
        .select_related("claimant_organization", "claimant_person", "report", "media_item")
    )
    nodes = {claim.pk: ClaimNode(claim, in_item=claim.media_item_id == media_item.pk) for claim in claims}
    for link in links:
        nodes[link.source_id].outgoing.append(link)
        nodes[link.target_id].incoming.append(link)
    ordered = sorted(nodes.values(), key=lambda node: _by_date(node.claim))
    return ClaimGraph(media_item=media_item, claims=ordered, links=links)


def _by_date(claim):
    return (claim.stated_on is None, claim.stated_on or dt.date.min, claim.pk)
