from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from catalog.choices import PlaceKind
from catalog.search_keys import SearchKeyQuerySet

from .base import AliasModel, TimestampedModel
from provenance.models.indexes import list_indexes


class Place(TimestampedModel):
    name = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=PlaceKind.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    country_code = models.CharField(
        max_length=10, blank=True, help_text="ISO 3166 code: a country (SY) or a subdivision (RU-ROS)."
    )
    latitude = models.DecimalField(
        max_digits=9, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        max_digits=9, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    gazetteer_id = models.CharField(
        max_length=60, blank=True, help_text="The embedded gazetteer's id for this place, e.g. iso:RU-ROS."
    )
    # Its words in every script's loose Latin spellings (catalog.search_keys), written on save; not for display.
    search_key = models.TextField(blank=True, default="", db_default="", editable=False)

    objects = SearchKeyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["gazetteer_id"], condition=~models.Q(gazetteer_id=""), name="one_place_per_gazetteer_entry"
            )
        ]
        indexes = list_indexes("pl", orderings=["name", "kind", "country_code", "created_at"], filters=[])

    def __str__(self):
        return self.name


class PlaceAlias(AliasModel):
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="aliases")

    class Meta:
        verbose_name_plural = "place aliases"
        constraints = [models.UniqueConstraint(fields=["place", "name"], name="unique_place_alias")]
