"""Turning file matches into proposals about items; a confirmed variant joins its original's timeline."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from catalog.choices import ProposalStatus
from catalog.models import MediaItem, VariantProposal
from catalog.services import webhooks
from provenance.choices import MatchMethod


def describe_match(file_match, matched_item):
    if file_match.method == MatchMethod.AUDIO:
        evidence = (
            f"same soundtrack, {file_match.aligned_seconds:.0f} s aligned at a bit-error rate of "
            f"{file_match.bit_error_rate:.2f}"
        )
    else:
        evidence = f"{file_match.query_match_percent:.0f}% of frames match, distance ≤ {file_match.best_distance}"
    return f"Re-upload of item {matched_item.pk} ({matched_item.title}): {evidence}"


def propose_variants(file_matches):
    """For each match between files of different items, propose that the newer item is a variant of the other."""
    proposals = []
    for file_match in file_matches:
        query_items = MediaItem.objects.filter(files__media_file=file_match.query_file_id)
        matched_items = MediaItem.objects.filter(files__media_file=file_match.matched_file_id)
        for item in query_items:
            for matched in matched_items:
                if item.pk == matched.pk or canonical(item).pk == canonical(matched).pk:
                    continue
                proposal, created = VariantProposal.objects.update_or_create(
                    media_item=item, matched_item=matched,
                    defaults={"file_match": file_match, "summary": describe_match(file_match, matched)},
                )
                if created:
                    webhooks.variant_matched(proposal)
                proposals.append(proposal)
    return proposals


def propose_variants_for_matches(sender, matches, **kwargs):
    """Receiver of provenance.signals.file_matches_found."""
    propose_variants(matches)


def canonical(item):
    """The original an item is (transitively) a variant of, or the item itself."""
    seen = set()
    while item.variant_of_id and item.pk not in seen:
        seen.add(item.pk)
        item = item.variant_of
    return item


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
    if proposal.status != ProposalStatus.PROPOSED:
        raise ValidationError(f"This proposal was already {proposal.get_status_display().lower()}.")


def _decide(proposal, status, analyst):
    VariantProposal.objects.filter(pk=proposal.pk).update(status=status, decided_by=analyst, decided_at=timezone.now())
    proposal.refresh_from_db()
    return proposal
