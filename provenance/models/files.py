from django.core.validators import RegexValidator
from django.db import models

sha256_hex = RegexValidator(r"^[0-9a-f]{64}$", "A SHA-256 is 64 lowercase hexadecimal characters.")
md5_hex = RegexValidator(r"^[0-9a-f]{32}$", "An MD5 is 32 lowercase hexadecimal characters.")


ORIGINALS_FOLDER = "originals"


def content_address(sha256):
    """Where a file's bytes live in storage: named by their SHA-256, so equal bytes are stored once."""
    return f"{ORIGINALS_FOLDER}/{sha256[:2]}/{sha256[2:4]}/{sha256}"


class MediaFile(models.Model):
    """Evidence bytes, stored once per SHA-256 and never modified."""

    sha256 = models.CharField("SHA-256", max_length=64, unique=True, validators=[sha256_hex])
    md5 = models.CharField("MD5", max_length=32, blank=True, validators=[md5_hex])
    size = models.PositiveBigIntegerField()
    original_filename = models.CharField(max_length=255, blank=True, help_text="The name it first arrived with.")
    file = models.FileField(max_length=300)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_at", "-pk"]

    def __str__(self):
        return f"{self.original_filename or 'file'} ({self.sha256[:12]})"
