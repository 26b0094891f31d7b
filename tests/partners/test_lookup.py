"""GET /api/v1/lookup/?sha256=|md5=|pdq= and POST a file: the matched items the caller may see, with their status."""

import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from catalog.choices import TLP, ClaimStatus, MediaAuthenticity
from catalog.models import AccessAudit
from provenance import matching
from provenance.choices import HashAlgorithm
from provenance.models import FrameHash, MediaFile
from tests.factories import ClaimFactory, ItemFileFactory, MediaItemFactory

pytestmark = pytest.mark.django_db

URL = reverse("api-v1:lookup")


def stored(content, **item_fields):
    item_file = ItemFileFactory(media_item=MediaItemFactory(**item_fields), content=content)
    item_file.media_file.md5 = hashlib.md5(content).hexdigest()
    item_file.media_file.save(update_fields=["md5"])
    return item_file


def test_a_sha256_finds_the_item_with_its_published_verdicts(partner_client):
    item_file = stored(
        b"video bytes", tlp=TLP.GREEN, authenticity=MediaAuthenticity.STAGED,
        published_authenticity=MediaAuthenticity.ORIGINAL,
    )
    ClaimFactory(media_item=item_file.media_item, tlp=TLP.GREEN, status=ClaimStatus.FALSE,
                 published_status=ClaimStatus.DISPUTED)

    data = partner_client.get(URL, {"sha256": item_file.media_file.sha256}).data

    [row] = data["results"]
    assert (data["count"], row["id"], row["authenticity"]) == (1, item_file.media_item_id, "OriginalMediaContent")
    assert [claim["status"] for claim in row["claims"]] == ["disputed"]
    assert row["matches"] == [{
        "media_file": {"id": item_file.media_file_id, "sha256": item_file.media_file.sha256,
                       "md5": item_file.media_file.md5, "size": len(b"video bytes")},
        "method": "sha256", "distance": 0, "query_match_percent": None, "target_match_percent": None,
    }]


def test_an_analyst_sees_the_reviewed_verdict(analyst_client):
    item_file = stored(b"x", authenticity=MediaAuthenticity.STAGED)

    [row] = analyst_client.get(URL, {"sha256": item_file.media_file.sha256}).data["results"]

    assert row["authenticity"] == MediaAuthenticity.STAGED


def test_an_md5_finds_the_item_and_hex_in_capitals_is_accepted(partner_client):
    item_file = stored(b"image bytes", tlp=TLP.CLEAR)

    data = partner_client.get(URL, {"md5": item_file.media_file.md5.upper()}).data

    assert [row["id"] for row in data["results"]] == [item_file.media_item_id]
    assert data["results"][0]["matches"][0]["method"] == "md5"


def test_a_file_of_an_item_above_clearance_is_answered_as_no_match(partner_client):
    hidden = stored(b"secret", tlp=TLP.RED)

    assert partner_client.get(URL, {"sha256": hidden.media_file.sha256}).data == {"count": 0, "results": []}
    assert partner_client.get(URL, {"sha256": "0" * 64}).data == {"count": 0, "results": []}


def test_a_file_shared_by_a_visible_and_a_hidden_item_names_only_the_visible_one(partner_client):
    shown = stored(b"shared", tlp=TLP.GREEN)
    ItemFileFactory(media_item=MediaItemFactory(tlp=TLP.RED), media_file=shown.media_file)

    data = partner_client.get(URL, {"sha256": shown.media_file.sha256}).data

    assert [row["id"] for row in data["results"]] == [shown.media_item_id]


def test_claims_the_partner_cannot_see_are_left_out_of_a_match(partner_client):
    item_file = stored(b"bytes", tlp=TLP.GREEN)
    shown = ClaimFactory(media_item=item_file.media_item, tlp=TLP.GREEN)
    ClaimFactory(media_item=item_file.media_item, tlp=TLP.RED)

    [row] = partner_client.get(URL, {"sha256": item_file.media_file.sha256}).data["results"]

    assert [claim["id"] for claim in row["claims"]] == [shown.pk]


def test_a_matched_item_and_its_claims_read_as_their_detail_endpoints_show_them(partner_client_for):
    client = partner_client_for(max_tlp=TLP.AMBER)
    item_file = stored(
        b"detail bytes", tlp=TLP.AMBER, is_graphic=True, authenticity=MediaAuthenticity.STAGED,
        published_authenticity=MediaAuthenticity.EDITED_OR_CROPPED,
    )
    claim = ClaimFactory(media_item=item_file.media_item, tlp=TLP.GREEN, status=ClaimStatus.FALSE,
                         published_status=ClaimStatus.DISPUTED)

    [row] = client.get(URL, {"sha256": item_file.media_file.sha256}).data["results"]
    item = client.get(reverse("api-v1:media-items-detail", args=[item_file.media_item_id])).data
    claim_detail = client.get(reverse("api-v1:claims-detail", args=[claim.pk])).data

    assert {name: row[name] for name in row if name not in ("claims", "matches")} == {
        name: item[name] for name in row if name not in ("claims", "matches")
    }
    assert row["claims"] == [{name: claim_detail[name] for name in ("id", "text", "kind", "status", "tlp")}]


def test_a_lookup_audits_the_restricted_item_and_claims_it_sends(partner_client_for):
    client = partner_client_for(max_tlp=TLP.AMBER)
    item_file = stored(b"audited", tlp=TLP.GREEN)
    amber_claim = ClaimFactory(media_item=item_file.media_item, tlp=TLP.AMBER)
    ClaimFactory(media_item=item_file.media_item, tlp=TLP.GREEN)
    amber_item_file = stored(b"audited amber", tlp=TLP.AMBER)

    client.get(URL, {"sha256": item_file.media_file.sha256})
    client.get(URL, {"md5": amber_item_file.media_file.md5})

    assert sorted(AccessAudit.objects.values_list("record_type", "record_id")) == [
        ("claim", str(amber_claim.pk)), ("media_file", str(amber_item_file.media_file_id)),
        ("media_item", str(amber_item_file.media_item_id)),
    ]


def test_a_pdq_hit_on_several_frames_of_a_file_gives_one_match_at_the_nearest_distance(partner_client):
    item_file = stored(b"several frames", tlp=TLP.GREEN)
    query = "0" * 64
    for number, frame in enumerate(["0" * 63 + "1", "0" * 63 + "7", query]):
        FrameHash.objects.create(media_file=item_file.media_file, algorithm=HashAlgorithm.ROBUST_PDQ, hash=frame,
                                 frame_number=number, quality=100)
    matching.reset_index()

    [row] = partner_client.get(URL, {"pdq": query, "max_distance": 5}).data["results"]

    assert [(match["media_file"]["id"], match["distance"]) for match in row["matches"]] == [(item_file.media_file_id, 0)]


def test_a_radius_past_pdqs_match_threshold_is_refused_with_a_reason(partner_client):
    response = partner_client.get(URL, {"pdq": "a" * 64, "max_distance": 63})

    assert response.status_code == 400
    assert "at most 31" in str(response.data["max_distance"][0])


@pytest.mark.parametrize(
    "query, field",
    [
        ({}, "non_field_errors"),
        ({"sha256": "a" * 63}, "sha256"),
        ({"sha256": "g" * 64}, "sha256"),
        ({"md5": "a" * 33}, "md5"),
        ({"pdq": "z" * 64}, "pdq"),
        ({"sha256": "a" * 64, "md5": "b" * 32}, "non_field_errors"),
        ({"pdq": "a" * 64, "max_distance": 32}, "max_distance"),
        ({"pdq": "a" * 64, "max_distance": 65}, "max_distance"),
        ({"pdq": "a" * 64, "max_distance": -1}, "max_distance"),
        ({"pdq": "a" * 64, "max_distance": "far"}, "max_distance"),
        ({"sha256": "a" * 64, "max_distance": 3}, "max_distance"),
    ],
)
def test_an_invalid_query_is_refused_with_400_naming_the_field(partner_client, query, field):
    response = partner_client.get(URL, query)

    assert response.status_code == 400
    assert field in response.data


def test_a_post_without_a_file_is_refused(partner_client):
    response = partner_client.post(URL, {}, format="multipart")

    assert response.status_code == 400
    assert "file" in response.data


def test_an_anonymous_caller_may_not_look_up(anonymous_client):
    assert anonymous_client.get(URL, {"sha256": "a" * 64}).status_code == 401


def test_a_pdq_hash_finds_items_with_a_frame_within_the_distance(partner_client):
    item_file = stored(b"frames", tlp=TLP.GREEN)
    frame = "f" * 64
    FrameHash.objects.create(media_file=item_file.media_file, algorithm=HashAlgorithm.ROBUST_PDQ, hash=frame, quality=100)
    matching.reset_index()  # this process's index may hold ids of rows rolled back by earlier tests

    [row] = partner_client.get(URL, {"pdq": frame, "max_distance": 0}).data["results"]

    assert row["id"] == item_file.media_item_id
    assert row["matches"][0]["method"] == "pdq" and row["matches"][0]["distance"] == 0


def test_an_uploaded_copy_finds_the_item_without_being_stored(partner_client):
    image = png(seed=7)
    item_file = stored(image, tlp=TLP.GREEN)
    files_before = MediaFile.objects.count()

    data = partner_client.post(URL, {"file": SimpleUploadedFile("q.png", image)}, format="multipart").data

    assert [row["id"] for row in data["results"]] == [item_file.media_item_id]
    assert data["results"][0]["matches"][0]["method"] == "sha256"
    assert MediaFile.objects.count() == files_before


def test_an_upload_that_is_not_media_is_refused_with_400(partner_client):
    response = partner_client.post(URL, {"file": SimpleUploadedFile("q.mp4", b"plain text")}, format="multipart")

    assert response.status_code == 400
    assert "not an accepted media format" in str(response.data["file"])


def png(seed):
    """A small PNG of noise: real image bytes, different for each seed."""
    import random

    from PIL import Image

    noise = random.Random(seed)
    picture = Image.new("RGB", (64, 64))
    picture.putdata([tuple(noise.randrange(256) for _ in range(3)) for _ in range(64 * 64)])
    out = io.BytesIO()
    picture.save(out, format="PNG")
    return out.getvalue()
