"""Bad evidence, end to end: each is refused at once or fails its analysis with a reason an analyst can read.

Whatever was accepted stays stored byte for byte: a failed analysis never drops or alters the original."""

import hashlib
import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.exceptions import ValidationError
from PIL import Image

from catalog import services as catalog_services
from provenance.choices import EnrichmentKind, JobStatus
from provenance.models import EnrichmentJob, MediaFile
from provenance.services import run_enrichment_job
from tests.factories import MediaItemFactory
from tests.media import synthetic

pytestmark = pytest.mark.django_db


def analyse_upload(content, name="upload.mp4"):
    link = catalog_services.attach_file(MediaItemFactory(), ContentFile(content), name)
    job = EnrichmentJob.objects.get(media_file=link.media_file, kind=EnrichmentKind.ANALYSIS)
    run_enrichment_job(job.pk)
    job.refresh_from_db()
    with default_storage.open(link.media_file.file.name, "rb") as stored:
        assert stored.read() == content, "the accepted bytes must stay exactly as received"
    return job


def png_bomb():
    buffer = io.BytesIO()
    Image.new("1", (12_000, 12_000)).save(buffer, "PNG")
    return buffer.getvalue()


def hls_playlist():
    return b"#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nfile:///etc/passwd\n#EXTINF:10,\nhttp://127.0.0.1:9/x.ts\n"


@pytest.mark.parametrize(
    "content, reason",
    [
        (hashlib.sha512(b"noise").digest() * 2000, "not an accepted media format"),
        (hls_playlist(), "playlist"),
        (png_bomb(), "decompression bomb"),
    ],
    ids=["random bytes named .mp4", "an HLS playlist renamed .mp4", "a PNG decompression bomb"],
)
def test_a_bad_file_fails_its_analysis_with_a_readable_reason_and_is_kept(content, reason):
    job = analyse_upload(content)

    assert job.status == JobStatus.FAILED
    assert reason in job.error.lower()
    assert job.attempts == 1


def test_a_truncated_video_is_analysed_up_to_the_damage_and_flagged(tmp_path):
    whole = synthetic.write_original(tmp_path / "whole.mp4", 4, width=320, height=180, seconds=4, faststart=True)
    cut = whole.read_bytes()[: whole.stat().st_size * 6 // 10]

    job = analyse_upload(cut)

    assert job.status == JobStatus.SUCCEEDED
    media_file = MediaFile.objects.get(pk=job.media_file_id)
    assert media_file.media_metadata["truncated"] is True
    assert "truncated" in media_file.media_metadata["warnings"][0]


def test_a_zero_byte_file_is_refused_before_anything_is_stored():
    with pytest.raises(ValidationError, match="empty"):
        catalog_services.attach_file(MediaItemFactory(), ContentFile(b""), "empty.mp4")

    assert not MediaFile.objects.exists()


def test_a_file_over_the_size_limit_is_refused_before_anything_is_stored(settings):
    settings.MAX_UPLOAD_BYTES = 1024

    with pytest.raises(ValidationError, match="larger than the limit"):
        catalog_services.attach_file(MediaItemFactory(), ContentFile(b"x" * 2048), "big.mp4")

    assert not MediaFile.objects.exists()
