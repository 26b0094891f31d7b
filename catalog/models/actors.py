from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from catalog.choices import ChannelStatus, OrganizationKind, Platform
from catalog.search_keys import SearchKeyQuerySet

from .base import AliasModel, TimestampedModel
from provenance.models.indexes import list_indexes


class Organization(TimestampedModel):
    name = models.CharField(max_length=300, unique=True)
    kind = models.CharField(max_length=30, choices=OrganizationKind.choices)
    affiliation = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="affiliates",
        help_text="The organisation this one belongs to or speaks for (Amaq → Islamic State).",
    )
    description = models.TextField(blank=True)
    # Its words in every script's loose Latin spellings (catalog.search_keys), written on save; not for display.
    search_key = models.TextField(blank=True, default="", editable=False)

    objects = SearchKeyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = list_indexes("org", orderings=["name", "kind", "created_at"], filters=[])

    def __str__(self):
        return self.name


class OrganizationAlias(AliasModel):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="aliases")

    class Meta:
        verbose_name_plural = "organization aliases"
        constraints = [models.UniqueConstraint(fields=["organization", "name"], name="unique_organization_alias")]


class Channel(TimestampedModel):
    platform = models.CharField(max_length=20, choices=Platform.choices)
    handle = models.CharField(max_length=300, blank=True)
    url = models.URLField(max_length=2000, blank=True)
    operator = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="channels"
    )
    status = models.CharField(max_length=20, choices=ChannelStatus.choices, default=ChannelStatus.ACTIVE)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    first_active_at = models.DateTimeField(null=True, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)
    # Its words in every script's loose Latin spellings (catalog.search_keys), written on save; not for display.
    search_key = models.TextField(blank=True, default="", editable=False)

    objects = SearchKeyQuerySet.as_manager()

    class Meta:
        ordering = ["platform", "handle"]
        indexes = list_indexes("ch", orderings=["platform", "handle", "status", "first_active_at", "created_at"], filters=[])

    def __str__(self):
        # Never the row's id: "Telegram: 6" tells an analyst nothing (and reading the operator here would cost every
        # list of sightings a query per row; catalog.services.drafts names channels after their owner instead).
        return f"{self.get_platform_display()}: {self.handle or self.url or 'unnamed channel'}"


class Person(TimestampedModel):
    """A real person, to whom asserted identities may be resolved."""

    canonical_name = models.CharField(max_length=300)
    birth_year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    birthplace = models.ForeignKey(
        "catalog.Place", null=True, blank=True, on_delete=models.PROTECT, related_name="people_born_here"
    )
    notes = models.TextField(blank=True)
    # Its words in every script's loose Latin spellings (catalog.search_keys), written on save; not for display.
    search_key = models.TextField(blank=True, default="", editable=False)

    objects = SearchKeyQuerySet.as_manager()

    class Meta:
        ordering = ["canonical_name"]
        verbose_name_plural = "people"
        indexes = list_indexes("pe", orderings=["canonical_name", "birth_year", "created_at"], filters=[])

    def __str__(self):
        return self.canonical_name


class PersonNameVariant(AliasModel):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="name_variants")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "name"], name="unique_person_name_variant")]
