from django.db import models

from .files import MediaFile


class AudioFingerprint(models.Model):
    """A file's soundtrack as Chromaprint's raw items (provenance.media.audio): one row per file with audio.

    A re-analysis replaces the row (a new id), so every process's audio index picks it up as new.
    """

    media_file = models.OneToOneField(MediaFile, on_delete=models.CASCADE, related_name="audio_fingerprint")
    algorithm = models.CharField(max_length=30, default="chromaprint-2")
    items = models.BinaryField(help_text="The raw 32-bit items, little-endian unsigned, in time order.")
    item_count = models.PositiveIntegerField()
    item_seconds = models.FloatField(help_text="Seconds between successive items.")
    duration_seconds = models.FloatField(help_text="Length of the decoded soundtrack.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["media_file"]

    def __str__(self):
        return f"Audio fingerprint of {self.media_file} ({self.duration_seconds:.1f} s)"
