"""A near-duplicate proposal side by side: both files' keyframe strips (blurred for graphic media, as in the dossier),
the evidence of the match, the per-second distances where it is weak, and the decision."""

from dataclasses import dataclass

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from catalog.choices import ProposalStatus
from catalog.models import MediaItem, VariantProposal
from catalog.policies import access
from catalog.services.variant_evidence import MatchEvidence
from catalog.workspace import media
from catalog.workspace.views.common import analyst_required


@dataclass
class Side:
    """One file of the pair, with the items it belongs to and the keyframes the analyst may see."""

    label: str
    media_file: object
    items: list
    graphic: bool
    frames: list


def _side(label, media_file, graphic):
    items = list(MediaItem.objects.filter(files__media_file=media_file).distinct().order_by("pk"))
    return Side(label, media_file, items, graphic, media.frames_of(media_file, graphic))


@require_GET
@analyst_required
def proposal_compare(request, pk):
    proposal = get_object_or_404(
        VariantProposal.objects.select_related(
            "media_item", "matched_item", "file_match__query_file", "file_match__matched_file", "decided_by"
        ).prefetch_related("file_match__query_file__derived_files", "file_match__matched_file__derived_files"),
        pk=pk,
    )
    file_match = proposal.file_match
    # The dossier's rule (a file is graphic when any item of it is), applied to the pair: the two files are proposed
    # to be one video, so a copy of graphic footage is blurred like it until an analyst decides otherwise.
    graphic = access.is_graphic_file(file_match.query_file_id) or access.is_graphic_file(file_match.matched_file_id)
    return render(request, "workspace/proposal.html", {
        "proposal": proposal,
        "evidence": MatchEvidence.of(file_match),
        "sides": [_side("The new upload", file_match.query_file, graphic),
                  _side("Its match in the family", file_match.matched_file, graphic)],
        "is_open": proposal.status == ProposalStatus.PROPOSED,
        "page": "queue",
    })
