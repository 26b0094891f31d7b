"""Variant families on real generated video: twenty re-uploads of two originals make one proposal each, against their
family's representative, and each proposal keeps the evidence of why the two files are one video."""

import pytest
from django.test import Client
from django.urls import reverse

from catalog import services as catalog_services
from catalog.choices import ProposalStatus
from catalog.models import MediaItem, VariantProposal
from catalog.services.variants import open_families
from provenance import matching
from provenance.choices import EnrichmentKind, JobStatus
from provenance.models import EnrichmentJob
from provenance.services import run_enrichment_job
from tests.factories import MediaItemFactory
from tests.media import synthetic

pytestmark = pytest.mark.django_db

MATCHED = (EnrichmentKind.HASHES, EnrichmentKind.ANALYSIS, EnrichmentKind.MATCHING)
# Ten re-uploads of each original: the usual alterations, and three more of scale, crop and trim.
COPIES = {
    **synthetic.VARIANTS,
    "scaled to 360p": lambda source, target: synthetic.scaled(source, target, height=360),
    "cropped 3%, centred": lambda source, target: synthetic.cropped(source, target, fraction=0.03, lean=0.0),
    "with its first second trimmed": lambda source, target: synthetic.trimmed(source, target, seconds=1),
}


@pytest.fixture(autouse=True)
def fresh_index():
    matching.reset_index()
    yield
    matching.reset_index()


def catalogue(path, title):
    """A new item with the file at `path`, hashed, analysed and matched as a worker would."""
    item = MediaItemFactory(title=title)
    with open(path, "rb") as fileobj:
        link = catalog_services.attach_file(item, fileobj, "upload.mp4")
    for kind in MATCHED:
        job = EnrichmentJob.objects.get(media_file=link.media_file, kind=kind)
        run_enrichment_job(job.pk)
        job.refresh_from_db()
        assert job.status == JobStatus.SUCCEEDED, job.error
    return item


def test_twenty_copies_of_two_originals_make_one_proposal_each_in_two_families(media, analyst):
    originals = {source: catalogue(media.path(source), f"The {source} release") for source in ("original", "unrelated")}
    copies = {}  # copy item pk -> the original it was made from
    for label, transform in COPIES.items():
        for source in originals:  # interleaved, as uploads arrive
            item = catalogue(media.copy(source, label, transform), f"{label} of the {source}")
            copies[item.pk] = source

    proposals = list(VariantProposal.objects.all())
    assert len(copies) == 20
    # Before families: 103 proposals, one for every pair of sibling copies.
    assert len(proposals) == 20
    for proposal in proposals:
        assert proposal.matched_item == originals[copies[proposal.media_item_id]], proposal.summary
        assert proposal.status == ProposalStatus.PROPOSED

    families = open_families()
    assert {family.representative.pk for family in families} == {item.pk for item in originals.values()}
    for family in families:
        assert sorted(p.media_item_id for p in family.proposals) == sorted(
            pk for pk, source in copies.items() if originals[source] == family.representative
        )

    desk = Client()
    desk.force_login(analyst)
    html = desk.get(reverse("workspace:queue")).content.decode()
    assert html.count('class="entry family"') == 2
    for family in families:
        assert f'id="family-{family.key}"' in html
    for proposal in proposals:
        assert f'id="proposal-{proposal.pk}"' in html


def test_a_copy_matching_two_members_of_a_family_is_proposed_once_against_its_representative(media):
    original = catalogue(media.path("original"), "The release")
    first = catalogue(media.path("mirrored"), "Mirrored re-upload")
    second = catalogue(media.path("with a logo"), "Branded re-upload")

    assert VariantProposal.objects.filter(media_item=second).count() == 1
    proposal = VariantProposal.objects.get(media_item=second)
    assert proposal.matched_item == original
    assert VariantProposal.objects.get(media_item=first).matched_item == original
    # The evidence kept is against the representative's own file, not the sibling's.
    assert proposal.file_match.matched_file == original.files.get().media_file


def test_a_proposal_keeps_which_frames_matched_at_which_distance_and_under_which_transform(media, analyst_client):
    catalogue(media.path("original"), "The release")
    mirrored = catalogue(media.path("mirrored"), "Mirrored re-upload")
    cropped = catalogue(media.path("cropped 5%"), "Cropped re-upload")

    rows = {row["media_item"]["id"]: row for row in
            analyst_client.get(reverse("api-v1:variant-proposals-list")).data["results"]}

    flipped, crop = rows[mirrored.pk]["evidence"], rows[cropped.pk]["evidence"]
    assert flipped["mirrored"] is True and "mirrored left to right" in flipped["transforms"]
    assert all(frame["mirrored"] for frame in flipped["matched_frames"])
    assert not crop["mirrored"]
    assert crop["crop_scale"] == pytest.approx(0.95, abs=0.02)
    assert any(phrase.startswith("cropped") for phrase in crop["transforms"])
    for evidence in (flipped, crop):
        assert len(evidence["matched_frames"]) == 8  # one for each second of the 8 s copy
        for frame in evidence["matched_frames"]:
            assert frame["distance"] <= evidence["match_distance"]
            assert frame["target_seconds"] == pytest.approx(frame["query_seconds"], abs=0.6)
        assert not evidence["weak"]
    assert "mirrored" in VariantProposal.objects.get(media_item=mirrored).summary


def test_a_rejected_member_stays_rejected_when_its_file_is_matched_again(media, analyst):
    catalogue(media.path("original"), "The release")
    copy = catalogue(media.path("scaled to 480p"), "Scaled re-upload")
    proposal = VariantProposal.objects.get()
    catalog_services.reject_variant(proposal, analyst)

    catalog_services.propose_variants([proposal.file_match])

    assert VariantProposal.objects.get().status == ProposalStatus.REJECTED
    assert MediaItem.objects.get(pk=copy.pk).variant_of is None


def test_confirming_a_member_twice_changes_nothing_the_second_time(media, analyst, second_analyst):
    original = catalogue(media.path("original"), "The release")
    catalogue(media.path("letterboxed to 4:3"), "Letterboxed re-upload")
    proposal = VariantProposal.objects.get()
    catalog_services.confirm_variant(proposal, analyst)

    with pytest.raises(Exception, match="already confirmed"):
        catalog_services.confirm_variant(proposal, second_analyst)

    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_by) == (ProposalStatus.CONFIRMED, analyst)
    assert proposal.media_item.variant_of == original
    assert open_families() == []
