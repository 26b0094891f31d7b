"""Variant families: file matches turned into proposals about items; a confirmed variant joins its original's timeline.

A family is an item, its representative, with the items proposed or confirmed as variants of it. A new file joins
the family of what it matches: each of its items gets one proposal, against the family's representative, carrying
the best evidence its file has against any member. Before families, every pair of sibling copies was proposed
(twenty copies of two originals made 103 proposals); now twenty copies make at most twenty, in two families.

The representative is the item the family formed around: the first item a copy matched, i.e. the earliest
catalogued (a matching job compares a new file with those stored before it), or, once confirmed, the original it
and its variants point to (`variant_of`). It is chosen so that it never changes as members join: proposals made
earlier stay pointed at it, and confirming any of them makes it the family's original, as confirm_variant always
did. Which upload is the original release is a judgement the analyst makes, not the matcher: they can confirm the
representative itself as a variant of another item.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from catalog.choices import ProposalStatus
from catalog.models import MediaItem, VariantProposal
from catalog.services import webhooks
from catalog.services.variant_evidence import describe_match, evidence_rank


@dataclass
class Family:
    """What the review queue shows as one entry: a representative, its members waiting, and those confirmed."""

    representative: MediaItem
    proposals: list = field(default_factory=list)
    confirmed: list = field(default_factory=list)

    @property
    def key(self):
        return self.representative.pk


def canonical(item):
    """The original an item is (transitively) a variant of, or the item itself."""
    seen = set()
    while item.variant_of_id and item.pk not in seen:
        seen.add(item.pk)
        item = item.variant_of
    return item


def representative(item):
    """The representative of the family `item` is in: its confirmed original, the item its open proposal puts it
    beside, or itself."""
    if item.variant_of_id:
        return canonical(item)
    waiting = (
        VariantProposal.objects.filter(media_item=item, status=ProposalStatus.PROPOSED)
        .select_related("matched_item").order_by("created_at", "pk").first()
    )
    return canonical(waiting.matched_item) if waiting is not None else item


def propose_variants(file_matches):
    """Each item of a matched query file joins one family of the matched files' items (see the module's docstring).

    Returns the proposal each such item ends with (new, improved or already decided), once per item.
    """
    found = defaultdict(list)  # query item -> [(file match, matched item)]
    items = {}
    for file_match in file_matches:
        for item in _items_of(file_match.query_file_id):
            items[item.pk] = item
            found[item.pk].extend((file_match, matched) for matched in _items_of(file_match.matched_file_id))
    proposals = []
    for item_pk, matches in found.items():
        proposal = _join_family(items[item_pk], matches)
        if proposal is not None:
            proposals.append(proposal)
    return proposals


def _items_of(media_file_id):
    return list(MediaItem.objects.filter(files__media_file=media_file_id).select_related("variant_of").distinct())


@transaction.atomic
def _join_family(item, matches):
    waiting = _waiting_proposal(item)
    # An item waiting in a family stays there (one open proposal per item), though its evidence may improve; an item
    # that is a family's representative or a confirmed member joins no family of its own kin.
    own = canonical(item)
    families = defaultdict(list)  # representative pk -> [(rank, file match)]
    representatives = {}
    for file_match, matched in matches:
        family = representative(matched)
        if matched.pk == item.pk or family.pk == own.pk:
            continue
        if waiting is not None and family.pk != canonical(waiting.matched_item).pk:
            continue
        representatives[family.pk] = family
        families[family.pk].append((evidence_rank(file_match, direct=matched.pk == family.pk), file_match))
    if not families:
        return None
    # The family with the best evidence; between equals, the earliest catalogued.
    family_pk = max(families, key=lambda pk: (max(rank for rank, _ in families[pk]), -pk))
    rank, file_match = max(families[family_pk], key=lambda pair: pair[0])
    chosen = representatives[family_pk]
    existing = waiting or VariantProposal.objects.filter(media_item=item, matched_item=chosen).first()
    if existing is not None:
        # A decided proposal stays decided; an open one keeps the better evidence.
        current = evidence_rank(existing.file_match, direct=_is_direct(existing.file_match, chosen))
        if existing.status == ProposalStatus.PROPOSED and rank > current:
            existing.file_match = file_match
            existing.summary = describe_match(file_match, existing.matched_item)
            existing.save(update_fields=["file_match", "summary"])
        return existing
    proposal = VariantProposal.objects.create(
        media_item=item, matched_item=chosen, file_match=file_match, summary=describe_match(file_match, chosen)
    )
    webhooks.variant_matched(proposal)
    return proposal


def _waiting_proposal(item):
    return (
        VariantProposal.objects.select_for_update(of=("self",)).filter(media_item=item, status=ProposalStatus.PROPOSED)
        .select_related("matched_item__variant_of", "file_match").order_by("created_at", "pk").first()
    )


def _is_direct(file_match, chosen):
    return MediaItem.objects.filter(pk=chosen.pk, files__media_file=file_match.matched_file_id).exists()


def propose_variants_for_matches(sender, matches, **kwargs):
    """Receiver of provenance.signals.file_matches_found."""
    propose_variants(matches)


def open_families():
    """Families with members waiting for a decision, oldest first: one review-queue entry each."""
    proposals = (
        VariantProposal.objects.filter(status=ProposalStatus.PROPOSED)
        .select_related("media_item", "matched_item__variant_of", "file_match").order_by("created_at", "pk")
    )
    families = {}
    for proposal in proposals:
        head = canonical(proposal.matched_item)
        families.setdefault(head.pk, Family(head)).proposals.append(proposal)
    for variant in MediaItem.objects.filter(variant_of__in=list(families)).order_by("created_at", "pk"):
        families[variant.variant_of_id].confirmed.append(variant)
    return list(families.values())


@transaction.atomic
def confirm_variant(proposal, analyst):
    """The proposed item joins the matched item's family; its sightings then show on the original's timeline."""
    _require_open(proposal)
    original = canonical(proposal.matched_item)
    if canonical(proposal.media_item).pk == original.pk:
        raise ValidationError("These items are already one family of variants.")
    MediaItem.objects.filter(pk=proposal.media_item_id).update(variant_of=original, updated_at=timezone.now())
    # Variants of the item follow it, so every family has one original.
    MediaItem.objects.filter(variant_of=proposal.media_item_id).update(variant_of=original)
    return _decide(proposal, ProposalStatus.CONFIRMED, analyst)


@transaction.atomic
def reject_variant(proposal, analyst):
    _require_open(proposal)
    return _decide(proposal, ProposalStatus.REJECTED, analyst)


def _require_open(proposal):
    # Read under a lock: two analysts deciding at once must not both pass.
    status = VariantProposal.objects.select_for_update().values_list("status", flat=True).get(pk=proposal.pk)
    if status != ProposalStatus.PROPOSED:
        label = ProposalStatus(status).label.lower()
        raise ValidationError(f"This proposal was already {label}.")


def _decide(proposal, status, analyst):
    VariantProposal.objects.filter(pk=proposal.pk).update(status=status, decided_by=analyst, decided_at=timezone.now())
    proposal.refresh_from_db()
    return proposal
