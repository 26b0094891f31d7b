"""The hash list partners' Hasher-Matcher-Actioner subscribes to (catalog.services.hashlists, catalog.api.hashlist)."""

from django.db import models

from .base import TimestampedModel


class TATIdeology(models.TextChoices):
    """The ideology values of Tech Against Terrorism's hash list, as threatexchange's TATHashListAPI reads them."""

    ISLAMIST = "islamist", "Islamist"
    FAR_RIGHT = "far-right", "Far right"


class ProducerIdeology(models.Model):
    """Which hash-list ideology a producer's items are listed under: data, edited in the admin, not code. Items of a
    producer without one are listed with a null ideology."""

    organization = models.OneToOneField(
        "catalog.Organization", on_delete=models.CASCADE, related_name="hash_list_ideology"
    )
    ideology = models.CharField(max_length=20, choices=TATIdeology.choices)

    class Meta:
        ordering = ["organization__name"]
        verbose_name = "producer's hash-list ideology"
        verbose_name_plural = "producers' hash-list ideologies"

    def __str__(self):
        return f"{self.organization}: {self.get_ideology_display()}"


class HashListCredential(TimestampedModel):
    """A partner's login to the hash list (a username and a password, stored hashed), apart from its API keys so
    that either can be revoked alone. Issued with `manage.py issue_hash_list_credential`."""

    partner = models.ForeignKey("catalog.Partner", on_delete=models.CASCADE, related_name="hash_list_credentials")
    username = models.CharField(max_length=150, unique=True)
    password_hash = models.CharField(max_length=256, help_text="Django's password hash; the password is shown once.")
    revoked_at = models.DateTimeField(null=True, blank=True, help_text="Set to refuse it and every token it got.")
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["partner", "username"]
        verbose_name = "hash-list credential"

    def __str__(self):
        return f"{self.username} ({self.partner})"

    @property
    def is_usable(self):
        return self.revoked_at is None and self.partner.is_active


class ListedHash(models.Model):
    """One hash of a stored file as the hash list names it; its primary key is the list entry's stable `id`."""

    class Algorithm(models.TextChoices):
        PDQ = "PDQ"
        MD5 = "MD5"
        SHA256 = "SHA-256"

    media_file = models.ForeignKey("provenance.MediaFile", on_delete=models.CASCADE, related_name="+")
    algorithm = models.CharField(max_length=10, choices=Algorithm.choices)
    hash_digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["media_file", "algorithm", "hash_digest"], name="one_listed_hash"),
        ]

    def __str__(self):
        return f"{self.algorithm} {self.hash_digest[:16]}"


class ListedItemFile(models.Model):
    """Which stored file an item file linked, kept after the item file is deleted: a withdrawal in the change feed
    names only the item file, and the hash list must then name that file's hashes as deleted. Written when an item
    file is saved (catalog.signals)."""

    item_file_id = models.PositiveBigIntegerField(primary_key=True)
    media_file = models.ForeignKey("provenance.MediaFile", on_delete=models.CASCADE, related_name="+")

    def __str__(self):
        return f"item file {self.item_file_id} → {self.media_file_id}"
