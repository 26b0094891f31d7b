from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models

from provenance.choices import C2paState, DerivedKind, HashAlgorithm, MatchMethod
from .indexes import list_indexes

sha256_hex = RegexValidator(r"^[0-9a-f]{64}$", "A SHA-256 is 64 lowercase hexadecimal characters.")
md5_hex = RegexValidator(r"^[0-9a-f]{32}$", "An MD5 is 32 lowercase hexadecimal characters.")


ORIGINALS_FOLDER = "originals"


def content_address(sha256):
    """Where a file's bytes live in storage: named by their SHA-256, so equal bytes are stored once."""
    return f"{ORIGINALS_FOLDER}/{sha256[:2]}/{sha256[2:4]}/{sha256}"


class MediaFile(models.Model):
    """Evidence bytes, stored once per SHA-256 and never modified."""

    sha256 = models.CharField("SHA-256", max_length=64, unique=True, validators=[sha256_hex])
    md5 = models.CharField("MD5", max_length=32, blank=True, db_index=True, validators=[md5_hex])
    size = models.PositiveBigIntegerField()
    original_filename = models.CharField(max_length=255, blank=True, help_text="The name it first arrived with.")
    file = models.FileField(max_length=300)
    received_at = models.DateTimeField(auto_now_add=True)
    mime_type = models.CharField(max_length=100, blank=True, help_text="Sniffed from the bytes, not the name.")
    media_metadata = models.JSONField(default=dict, blank=True)
    c2pa_state = models.CharField(max_length=20, choices=C2paState.choices, default=C2paState.NOT_CHECKED)
    c2pa_report = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        indexes = list_indexes("mf", orderings=["received_at", "size"])

    def __str__(self):
        return f"{self.original_filename or 'file'} ({self.sha256[:12]})"


class DerivedFile(models.Model):
    """A keyframe or thumbnail made from an original; stored apart from the originals."""

    media_file = models.ForeignKey(MediaFile, on_delete=models.CASCADE, related_name="derived_files")
    kind = models.CharField(max_length=20, choices=DerivedKind.choices)
    position_seconds = models.FloatField(default=0)
    file = models.FileField(max_length=300)
    sha256 = models.CharField("SHA-256", max_length=64, validators=[sha256_hex])
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["media_file", "kind", "position_seconds"]
        constraints = [
            models.UniqueConstraint(fields=["media_file", "kind", "position_seconds"], name="one_derived_file_per_slot")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} at {self.position_seconds:.1f} s of {self.media_file}"


class FrameHash(models.Model):
    """A perceptual hash of an image or of one sampled video frame, in one variant (full, trimmed, cropped...)."""

    media_file = models.ForeignKey(MediaFile, on_delete=models.CASCADE, related_name="frame_hashes")
    algorithm = models.CharField(max_length=10, choices=HashAlgorithm.choices)
    variant = models.CharField(max_length=20, default="full")
    frame_number = models.PositiveIntegerField(default=0)
    timestamp = models.FloatField(default=0)
    hash = models.CharField(max_length=64)
    quality = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["media_file", "variant", "frame_number"]
        verbose_name_plural = "frame hashes"
        constraints = [
            models.UniqueConstraint(fields=["media_file", "variant", "frame_number"], name="one_hash_per_frame_variant")
        ]
        # The second index lets each process find the robust hashes added since it last looked.
        indexes = [models.Index(fields=["hash"]), models.Index(fields=["algorithm", "id"])]

    def __str__(self):
        return f"{self.algorithm} {self.hash[:12]}… frame {self.frame_number}"


class FileMatch(models.Model):
    """A near-duplicate found between two stored files (never between a file and itself)."""

    query_file = models.ForeignKey(MediaFile, on_delete=models.CASCADE, related_name="matches_found")
    matched_file = models.ForeignKey(MediaFile, on_delete=models.CASCADE, related_name="matched_by")
    query_match_percent = models.FloatField()
    target_match_percent = models.FloatField()
    best_distance = models.PositiveSmallIntegerField(
        help_text="Video: the nearest PDQ distance. Audio: differing bits per 32-bit item, on average, aligned."
    )
    method = models.CharField(max_length=50, choices=MatchMethod.choices)
    # Audio evidence: how much of the query's soundtrack aligns with the matched file's, and how well.
    aligned_seconds = models.FloatField(null=True, blank=True)
    bit_error_rate = models.FloatField(null=True, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "file matches"
        constraints = [
            # Picture and soundtrack are separate evidence: each method keeps its own row for a pair of files.
            models.UniqueConstraint(fields=["query_file", "matched_file", "method"], name="one_match_per_file_pair"),
            models.CheckConstraint(condition=~models.Q(query_file=models.F("matched_file")), name="match_not_self"),
        ]

    def __str__(self):
        return f"{self.query_file} ≈ {self.matched_file} ({self.query_match_percent:.0f}% of frames)"


class SensitiveMediaAccess(models.Model):
    """Who looked at graphic media unblurred, and when: one frame (`derived_file`) or the original (`media_file`)."""

    derived_file = models.ForeignKey(
        DerivedFile, on_delete=models.PROTECT, related_name="accesses", null=True, blank=True
    )
    media_file = models.ForeignKey(
        MediaFile, on_delete=models.PROTECT, related_name="sensitive_accesses", null=True, blank=True,
        help_text="Set when the original itself was sent.",
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    accessed_at = models.DateTimeField(auto_now_add=True)
    reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-accessed_at"]
        verbose_name_plural = "sensitive media accesses"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(derived_file__isnull=False, media_file__isnull=True)
                | models.Q(derived_file__isnull=True, media_file__isnull=False),
                name="sensitive_access_of_a_frame_or_an_original",
            )
        ]
