import hashlib

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from catalog.models import ItemFile
from provenance import services as evidence
from provenance.choices import EnrichmentKind, JobStatus
from provenance.models import EnrichmentJob, MediaFile
from tests.factories import MediaItemFactory

pytestmark = pytest.mark.django_db

VIDEO_BYTES = b"\x00\x00\x00\x18ftypmp42 the Amaq video"


def files_url(item):
    return reverse("api-v1:media-items-files", args=[item.pk])


def upload(client, item, content=VIDEO_BYTES, name="amaq-2017-10-03.mp4", **fields):
    return client.post(
        files_url(item), {"file": SimpleUploadedFile(name, content), **fields}, format="multipart"
    )


def test_an_upload_stores_the_bytes_and_answers_with_the_item_file(analyst_client, analyst):
    item = MediaItemFactory()

    response = upload(analyst_client, item)

    assert response.status_code == 201, response.data
    assert response.data["original_filename"] == "amaq-2017-10-03.mp4"
    assert response.data["media_file"]["sha256"] == hashlib.sha256(VIDEO_BYTES).hexdigest()
    assert response.data["media_file"]["size"] == len(VIDEO_BYTES)
    assert sorted((job["kind"], job["status"]) for job in response.data["enrichment_jobs"]) == [
        ("analysis", "pending"), ("hashes", "pending"),
    ]
    link = ItemFile.objects.get(pk=response.data["id"])
    assert (link.media_item, link.attached_by) == (item, analyst)
    with default_storage.open(link.media_file.file.name, "rb") as stored:
        assert stored.read() == VIDEO_BYTES


def test_the_item_shows_the_md5_once_the_hashing_job_has_run(analyst_client):
    item = MediaItemFactory()
    upload(analyst_client, item)
    job = EnrichmentJob.objects.get(kind=EnrichmentKind.HASHES)

    evidence.run_enrichment_job(job.pk)

    [file_row] = analyst_client.get(reverse("api-v1:media-items-detail", args=[item.pk])).data["files"]
    assert file_row["media_file"]["md5"] == hashlib.md5(VIDEO_BYTES).hexdigest()
    statuses = {job["kind"]: job["status"] for job in file_row["enrichment_jobs"]}
    assert statuses["hashes"] == JobStatus.SUCCEEDED


def test_uploading_the_same_bytes_twice_stores_one_media_file(analyst_client):
    first_item, second_item = MediaItemFactory(), MediaItemFactory()

    first = upload(analyst_client, first_item, name="original.mp4")
    second = upload(analyst_client, second_item, name="repost.mp4")

    assert (first.status_code, second.status_code) == (201, 201)
    assert first.data["media_file"]["id"] == second.data["media_file"]["id"]
    assert MediaFile.objects.count() == 1
    assert ItemFile.objects.count() == 2
    assert second.data["original_filename"] == "repost.mp4"


def test_a_given_filename_is_kept_as_the_label(analyst_client):
    response = upload(analyst_client, MediaItemFactory(), original_filename="تسجيل أسرى.mp4")

    assert response.status_code == 201, response.data
    assert response.data["original_filename"] == "تسجيل أسرى.mp4"


@pytest.mark.parametrize(
    ("original_filename", "complaint"),
    [
        ("../../etc/passwd", "path"),
        ("clip\u202e4pm.exe", "right-to-left"),
        ("clip\x07.mp4", "control character"),
        ("clip\x00.mp4", "Null characters"),
    ],
)
def test_a_bad_filename_is_refused_with_a_clear_message_and_nothing_is_stored(
    analyst_client, original_filename, complaint
):
    response = upload(analyst_client, MediaItemFactory(), original_filename=original_filename)

    assert response.status_code == 400
    assert complaint in str(response.data["original_filename"][0])
    assert not MediaFile.objects.exists()
    assert not ItemFile.objects.exists()


def test_a_path_in_the_uploads_own_name_is_dropped_before_it_reaches_the_label_or_storage(analyst_client):
    # Sent as raw multipart: the test client itself would strip the path before sending.
    boundary = "evidence-boundary"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="../../etc/clip\u202e4pm.mp4"\r\n'
        f"Content-Type: video/mp4\r\n\r\n"
    ).encode() + VIDEO_BYTES + f"\r\n--{boundary}--\r\n".encode()

    response = analyst_client.generic(
        "POST", files_url(MediaItemFactory()), body, content_type=f"multipart/form-data; boundary={boundary}"
    )

    assert response.status_code == 201, response.data
    assert response.data["original_filename"] == "clip4pm.mp4"
    stored_name = MediaFile.objects.get().file.name
    assert ".." not in stored_name
    assert stored_name.endswith(hashlib.sha256(VIDEO_BYTES).hexdigest())


def test_an_empty_file_is_refused(analyst_client):
    response = upload(analyst_client, MediaItemFactory(), content=b"")

    assert response.status_code == 400
    assert response.data["file"]
    assert not MediaFile.objects.exists()


def test_a_request_without_a_file_is_refused(analyst_client):
    response = analyst_client.post(files_url(MediaItemFactory()), {}, format="multipart")

    assert response.status_code == 400
    assert response.data["file"]


def test_a_file_larger_than_the_limit_is_refused_with_413(analyst_client, settings):
    settings.MAX_UPLOAD_BYTES = 10

    response = upload(analyst_client, MediaItemFactory(), content=b"x" * 11)

    assert response.status_code == 413
    assert not MediaFile.objects.exists()


def test_a_non_analyst_cannot_upload(outsider_client):
    response = upload(outsider_client, MediaItemFactory())

    assert response.status_code == 403
    assert not MediaFile.objects.exists()
