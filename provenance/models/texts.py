from django.db import models

from .files import MediaFile


class FrameText(models.Model):
    """A line of text burned into a keyframe (or an image), as Tesseract read it (provenance.media.ocr)."""

    media_file = models.ForeignKey(MediaFile, on_delete=models.CASCADE, related_name="frame_texts")
    frame_number = models.PositiveIntegerField(default=0)
    timestamp = models.FloatField(default=0, help_text="Seconds from the start of the video.")
    text = models.TextField()
    language = models.CharField(max_length=3, help_text="ara, rus or eng by the script read; und when unknown.")
    confidence = models.FloatField(help_text="Tesseract's mean word confidence, 0-100.")
    left = models.PositiveIntegerField()
    top = models.PositiveIntegerField()
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    # Its words in loose Latin spellings for search: written by the catalogue (catalog.search_keys), which knows
    # the spellings of every script; not for display.
    search_key = models.TextField(blank=True, default="", db_default="", editable=False)

    class Meta:
        ordering = ["media_file", "timestamp", "top", "pk"]

    def __str__(self):
        return f"{self.timestamp:.1f}s: {self.text[:60]}"
