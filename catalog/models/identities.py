from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from catalog.choices import AssertionMode, Script
from catalog.search_keys import SearchKeyQuerySet
from catalog.text import detect_script
from provenance.models.indexes import list_indexes


class IdentityAssertion(models.Model):
    """An identity as stated in a media item. What was stated is never overwritten; a resolution sits beside it."""

    STATED_FIELDS = (
        "media_item_id", "name_as_stated", "script", "birth_year_as_stated",
        "birthplace_as_stated", "affiliation_as_stated", "mode", "named_by_id", "timecode",
    )

    media_item = models.ForeignKey("catalog.MediaItem", on_delete=models.CASCADE, related_name="identity_assertions")
    name_as_stated = models.CharField(max_length=300)
    script = models.CharField(max_length=20, choices=Script.choices, blank=True)
    birth_year_as_stated = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    birthplace_as_stated = models.CharField(max_length=300, blank=True)
    birthplace = models.ForeignKey(
        "catalog.Place", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text="The place the stated birthplace is taken to mean.",
    )
    affiliation_as_stated = models.CharField(max_length=300, blank=True)
    mode = models.CharField(max_length=20, choices=AssertionMode.choices)
    named_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="names_given",
        help_text="For an identity named by another person: that person's own assertion.",
    )
    timecode = models.DurationField(null=True, blank=True, help_text="Where in the media it is stated.")
    person = models.ForeignKey(
        "catalog.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="identity_assertions"
    )
    resolution_confidence = models.FloatField(
        null=True, blank=True, validators=[MinValueValidator(0.0), MaxValueValidator(1.0)]
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Its words in every script's loose Latin spellings (catalog.search_keys), written on save; not for display.
    search_key = models.TextField(blank=True, default="", db_default="", editable=False)

    objects = SearchKeyQuerySet.as_manager()

    class Meta:
        ordering = ["media_item", "timecode", "pk"]
        indexes = list_indexes("ia", orderings=["media_item", "name_as_stated", "timecode", "resolved_at", "created_at"], filters=["mode", "script"])

    def __str__(self):
        return self.name_as_stated

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._stated_when_loaded = self._stated_values() if self.pk else None

    def _stated_values(self):
        # Only loaded fields: reading a deferred one reloads the row, which builds another instance.
        deferred = self.get_deferred_fields()
        return {name: getattr(self, name) for name in self.STATED_FIELDS if name not in deferred}

    def clean(self):
        if self.named_by_id and self.named_by_id == self.pk:
            raise ValidationError({"named_by": "An identity cannot be named by itself."})
        if self.mode == AssertionMode.SELF_IDENTIFIED and self.named_by_id:
            raise ValidationError({"named_by": "A self-identified person is not named by another."})

    def save(self, *args, **kwargs):
        if not self.script:
            self.script = detect_script(self.name_as_stated)
        loaded = self._stated_when_loaded
        if loaded is not None and any(getattr(self, name) != value for name, value in loaded.items()):
            raise ValidationError("What was stated on camera is kept as recorded; add a new assertion instead.")
        super().save(*args, **kwargs)
        self._stated_when_loaded = self._stated_values()
