"""Hashes from other organisations' lists (Tech Against Terrorism's, a partner's CSV...), matched against every
stored file (provenance.services.external_signals)."""

from django.db import models


class ExternalSignal(models.Model):
    """One hash from an external list, named by the list it came from."""

    class Algorithm(models.TextChoices):
        PDQ = "pdq", "PDQ"
        MD5 = "md5", "MD5"
        SHA256 = "sha256", "SHA-256"

    source = models.CharField(max_length=200, help_text="The list it came from, as findings name it.")
    algorithm = models.CharField(max_length=10, choices=Algorithm.choices)
    hash_digest = models.CharField(max_length=64)
    external_id = models.CharField(max_length=100, blank=True, help_text="The entry's id in its list, if it has one.")
    detail = models.JSONField(default=dict, blank=True, help_text="What the list said of it (ideology, file type).")
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["source", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["source", "algorithm", "hash_digest"], name="one_signal_per_list_hash"),
        ]
        indexes = [models.Index(fields=["algorithm", "hash_digest"]), models.Index(fields=["algorithm", "id"])]

    def __str__(self):
        return f"{self.source}: {self.get_algorithm_display()} {self.hash_digest[:16]}"


class ExternalSignalMatch(models.Model):
    """A stored file matched an external signal: exactly (MD5, SHA-256) or within a PDQ distance."""

    media_file = models.ForeignKey("provenance.MediaFile", on_delete=models.CASCADE, related_name="external_matches")
    signal = models.ForeignKey(ExternalSignal, on_delete=models.CASCADE, related_name="matches")
    distance = models.PositiveSmallIntegerField(default=0, help_text="PDQ bits apart; 0 for an exact hash.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "external signal matches"
        constraints = [models.UniqueConstraint(fields=["media_file", "signal"], name="one_match_per_file_signal")]

    def __str__(self):
        return f"{self.media_file} matches {self.signal}"
