from django.core.exceptions import ValidationError
from django.db import models

from catalog.choices import (
    TLP,
    ClaimKind,
    ClaimRelation,
    DatePrecision,
    ClaimStatus,
    InformationCredibility,
    SourceReliability,
)
from catalog.search_keys import SearchKeyQuerySet

from .base import TimestampedModel
from .reviews import ReviewEvent
from provenance.models.indexes import list_indexes


class Report(TimestampedModel):
    """A news or research report, kept with the raw text exactly as it was received."""

    outlet = models.ForeignKey(
        "catalog.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="reports"
    )
    url = models.URLField(max_length=2000, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    title = models.CharField(max_length=500)
    dateline = models.CharField(max_length=200, blank=True)
    body = models.TextField(blank=True)
    caption = models.TextField(blank=True)
    raw_text = models.TextField(blank=True, help_text="The report exactly as the scraper delivered it.")
    tlp = models.CharField("TLP", max_length=20, choices=TLP.choices, default=TLP.CLEAR)
    content_hash = models.CharField(
        max_length=64, null=True, blank=True, editable=False,
        help_text="catalog.text.report_fingerprint of the raw text: one report, however its copies are spaced or "
                  "escaped, is ingested once.",
    )
    # Its words in every script's loose Latin spellings (catalog.search_keys), written on save; not for display.
    search_key = models.TextField(blank=True, default="", editable=False)

    objects = SearchKeyQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["content_hash"], name="one_report_per_content_hash")]
        indexes = list_indexes("re", orderings=["published_at", "title", "created_at"], filters=["tlp"])

    def __str__(self):
        return self.title


class Quote(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="quotes")
    speaker = models.CharField(max_length=300, help_text="The speaker as the report names them.")
    speaker_person = models.ForeignKey(
        "catalog.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="quotes"
    )
    speaker_organization = models.ForeignKey(
        "catalog.Organization", null=True, blank=True, on_delete=models.SET_NULL, related_name="quotes"
    )
    text = models.TextField()
    position = models.PositiveIntegerField(default=0, help_text="Order of the quote within the report.")
    # Its words in every script's loose Latin spellings (catalog.search_keys), written on save; not for display.
    search_key = models.TextField(blank=True, default="", editable=False)

    objects = SearchKeyQuerySet.as_manager()

    class Meta:
        ordering = ["report", "position", "pk"]
        indexes = list_indexes("qu", orderings=["report", "position"], filters=[])

    def __str__(self):
        return f"{self.speaker}: {self.text[:60]}"


DISPUTING_RELATIONS = (ClaimRelation.DENIES, ClaimRelation.CONTRADICTS)


class ClaimQuerySet(SearchKeyQuerySet):
    def with_standing(self):
        """Annotate `standing`: a denied claim stands disputed until an analyst records a verdict on it."""
        denied = models.Exists(ClaimLink.objects.filter(target=models.OuterRef("pk"), relation__in=DISPUTING_RELATIONS))
        reviewed = models.Exists(ReviewEvent.objects.filter(claim=models.OuterRef("pk")))
        return self.annotate(
            standing=models.Case(
                models.When(models.Q(denied) & ~models.Q(reviewed), then=models.Value(ClaimStatus.DISPUTED)),
                default=models.F("status"),
                output_field=models.CharField(),
            )
        )


class Claim(TimestampedModel):
    text = models.TextField()
    kind = models.CharField(max_length=20, choices=ClaimKind.choices)
    claimant_organization = models.ForeignKey(
        "catalog.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="claims"
    )
    claimant_person = models.ForeignKey(
        "catalog.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="claims"
    )
    claimant_description = models.CharField(
        max_length=300, blank=True, help_text="Who spoke, as reported, e.g. 'spokesperson, Hmeymim airbase'."
    )
    stated_on = models.DateField(null=True, blank=True)
    # A statement dated "last week" or "in March" is a range: stated_on stays empty unless the day is known.
    stated_on_earliest = models.DateField(null=True, blank=True)
    stated_on_latest = models.DateField(null=True, blank=True)
    stated_on_precision = models.CharField(max_length=8, choices=DatePrecision.choices, blank=True)
    media_item = models.ForeignKey(
        "catalog.MediaItem", null=True, blank=True, on_delete=models.CASCADE, related_name="claims"
    )
    report = models.ForeignKey(Report, null=True, blank=True, on_delete=models.SET_NULL, related_name="claims")
    place = models.ForeignKey("catalog.Place", null=True, blank=True, on_delete=models.PROTECT, related_name="claims")
    status = models.CharField(
        max_length=20, choices=ClaimStatus.choices, default=ClaimStatus.UNSTARTED,
        help_text="Changed only through a review, which records a rationale.",
    )
    published_status = models.CharField(
        max_length=20, choices=ClaimStatus.choices, default=ClaimStatus.UNSTARTED,
        help_text="The status partners see: the latest verdict that passed review.",
    )
    source_reliability = models.CharField(
        max_length=1, choices=SourceReliability.choices, default=SourceReliability.F
    )
    information_credibility = models.CharField(
        max_length=1, choices=InformationCredibility.choices, default=InformationCredibility.CANNOT_BE_JUDGED
    )
    tlp = models.CharField("TLP", max_length=20, choices=TLP.choices, default=TLP.AMBER)
    # Its words in every script's loose Latin spellings (catalog.search_keys), written on save; not for display.
    search_key = models.TextField(blank=True, default="", editable=False)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["stated_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~(models.Q(claimant_organization__isnull=False) & models.Q(claimant_person__isnull=False)),
                name="claim_has_one_claimant",
            ),
        ]
        indexes = list_indexes("cl", orderings=["stated_on", "status", "published_status", "created_at"], filters=["kind", "tlp", "source_reliability", "information_credibility"])

    def __str__(self):
        return self.text[:80]

    @property
    def admiralty_rating(self):
        return f"{self.source_reliability}{self.information_credibility}"

    def clean(self):
        if self.claimant_organization_id and self.claimant_person_id:
            raise ValidationError("A claim has one claimant: an organisation or a person, not both.")


class ClaimLink(models.Model):
    """A typed relation: `source` supports / corroborates / contradicts / denies / repeats `target`."""

    source = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="outgoing_links")
    target = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="incoming_links")
    relation = models.CharField(max_length=20, choices=ClaimRelation.choices)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["source", "target", "relation"], name="unique_claim_link"),
            models.CheckConstraint(condition=~models.Q(source=models.F("target")), name="claim_link_not_to_itself"),
        ]
        indexes = list_indexes("cll", orderings=["relation", "created_at"], filters=[])

    def __str__(self):
        return f"{self.source_id} {self.relation} {self.target_id}"

    def clean(self):
        if self.source_id and self.source_id == self.target_id:
            raise ValidationError("A claim cannot be linked to itself.")
