"""Re-matching older items: files already in the catalogue are matched again against today's index.

A file is matched when it is analysed, against the files analysed before it. A pair can still be missed: two
uploads analysed side by side, a matching job that failed, a file attached to a further item later. The re-match
check compares the files of the items in scope with every stored file again. For each match between two items that
are not one family and that no proposal joins yet (in either direction, with the older item or its family's
representative), it records the file match from the newer file's side, lets the newer item join the older one's
family (catalog.services.propose_variants: one proposal, against the representative) and raises a NEW_VARIANT_MATCH
finding on the older item for the review queue. Pairs that already have a proposal, confirmed, rejected or open,
and items already waiting in a family are left as they are, so running the check again raises nothing new.
"""

from django.db import transaction
from django.db.models import Q

from catalog.choices import FindingKind, ProposalStatus
from catalog.models import ItemFile, MediaItem, VariantProposal
from catalog.services.findings import raise_finding
from catalog.services.variants import propose_variants, representative
from provenance.media.matching import compare
from provenance.models import FileMatch, MediaFile
from provenance.services.analysis import load_fingerprint
from provenance.services.matching import compare_with_candidates, video_detail

METHOD = "vpdq-robust"


def check_rematch(run):
    """The REMATCH verification check; `run.media_item` limits it to that item's files."""
    links = ItemFile.objects.all()
    if run.media_item_id:
        links = links.filter(media_item=run.media_item_id)
    files = MediaFile.objects.filter(pk__in=links.values("media_file")).order_by("received_at", "pk")
    checked, raised, proposed = 0, [], []
    for media_file in files:
        fingerprint = load_fingerprint(media_file)
        if fingerprint is None:
            continue
        checked += 1
        for other_id, _ in compare_with_candidates(fingerprint, exclude_file_id=media_file.pk):
            other = MediaFile.objects.get(pk=other_id)
            newer, older = sorted((media_file, other), key=lambda f: (f.received_at, f.pk), reverse=True)
            findings, proposals = _propose_unproposed(newer, older)
            raised += findings
            proposed += proposals
    return {"files_checked": checked, "findings": raised, "proposals": proposed}


def unproposed_pairs(newer_file, older_file):
    """(newer item, older item) pairs of these files' items that are not one family and that no proposal joins."""
    pairs = []
    for newer in MediaItem.objects.filter(files__media_file=newer_file).distinct():
        if VariantProposal.objects.filter(media_item=newer, status=ProposalStatus.PROPOSED).exists():
            continue  # it already waits in a family
        for older in MediaItem.objects.filter(files__media_file=older_file).distinct():
            family = representative(older)
            if newer.pk == older.pk or representative(newer).pk == family.pk:
                continue
            kin = {older.pk, family.pk}
            either_way = Q(media_item=newer, matched_item__in=kin) | Q(media_item__in=kin, matched_item=newer)
            if not VariantProposal.objects.filter(either_way).exists():
                pairs.append((newer, older))
    return pairs


@transaction.atomic
def _propose_unproposed(newer_file, older_file):
    pairs = unproposed_pairs(newer_file, older_file)
    if not pairs:
        return [], []
    file_match = _record_match(newer_file, older_file)
    newer_items = {newer.pk for newer, _ in pairs}
    proposals = {
        proposal.media_item_id: proposal for proposal in propose_variants([file_match])
        if proposal.media_item_id in newer_items and proposal.status == ProposalStatus.PROPOSED
    }
    findings = [
        _raise_finding(file_match, newer, older, proposals[newer.pk]).pk for newer, older in pairs
        if newer.pk in proposals
    ]
    return findings, [proposal.pk for proposal in proposals.values()]


def _record_match(newer_file, older_file):
    """The match as the newer file's own matching job would have recorded it: the newer file is the query."""
    result = compare(load_fingerprint(newer_file), load_fingerprint(older_file)).to_dict()
    file_match, _ = FileMatch.objects.update_or_create(
        query_file=newer_file, matched_file=older_file,
        defaults={
            "query_match_percent": result["query_match_percent"],
            "target_match_percent": result["target_match_percent"],
            "best_distance": result["best_distance"] or 0,
            "method": METHOD,
            "detail": video_detail(result, via="rematch"),
        },
    )
    return file_match


def _raise_finding(file_match, newer, older, proposal):
    return raise_finding(
        f"new-variant-match:{older.pk}:{newer.pk}",
        FindingKind.NEW_VARIANT_MATCH,
        f"Item {older.pk} ({older.title}) matches item {newer.pk} ({newer.title}), which came later: "
        f"{file_match.query_match_percent:.0f}% of the newer file's frames match. "
        + (f"Item {newer.pk} is proposed as a variant of it." if proposal.matched_item_id == older.pk else
           f"Item {newer.pk} is proposed as a variant of item {proposal.matched_item_id}, its family's representative."),
        media_item=older,
        detail={"matched_item": newer.pk, "file_match": file_match.pk,
                "query_file": file_match.query_file_id, "matched_file": file_match.matched_file_id},
    )
