"""Reports as received, the claims they carry and how claims bear on each other."""

from django.contrib import admin

from catalog import services
from catalog.models import Claim, ClaimLink, Quote, Report

from .archives import archive_pages
from .reviews import ReviewedAdminMixin, ReviewHistoryInline, ReviewRationaleForm


class QuoteInline(admin.StackedInline):
    model = Quote
    fields = ("position", "speaker", "speaker_person", "speaker_organization", "text")
    autocomplete_fields = ("speaker_person", "speaker_organization")
    extra = 0


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ("title", "outlet", "dateline", "published_at", "tlp")
    list_filter = ("tlp", "outlet", "published_at")
    search_fields = ("title", "body", "caption", "outlet__name", "outlet__aliases__name")
    autocomplete_fields = ("outlet",)
    list_select_related = ("outlet",)
    date_hierarchy = "published_at"
    # The text as the scraper delivered it; a browser form would rewrite its line endings and edges.
    readonly_fields = ("raw_text",)
    inlines = [QuoteInline]
    actions = [archive_pages]


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
    list_display = ("speaker", "text", "report", "position")
    search_fields = ("speaker", "text", "report__title")
    autocomplete_fields = ("report", "speaker_person", "speaker_organization")
    list_select_related = ("report",)


class ClaimLinkInline(admin.TabularInline):
    model = ClaimLink
    fk_name = "source"
    fields = ("relation", "target", "note")
    autocomplete_fields = ("target",)
    extra = 0
    verbose_name_plural = "links from this claim"


class ClaimForm(ReviewRationaleForm):
    reviewed_fields = ("status",)

    class Meta:
        model = Claim
        fields = "__all__"


@admin.register(Claim)
class ClaimAdmin(ReviewedAdminMixin, admin.ModelAdmin):
    form = ClaimForm
    list_display = ("__str__", "kind", "claimant", "stated_on", "status", "admiralty_rating", "tlp", "media_item")
    list_filter = (
        "status", "kind", "tlp", "source_reliability", "information_credibility", "stated_on",
        "claimant_organization",
    )
    search_fields = (
        "text", "claimant_description", "claimant_organization__name", "claimant_organization__aliases__name",
        "claimant_person__canonical_name",
    )
    autocomplete_fields = ("claimant_organization", "claimant_person", "media_item", "report", "place")
    list_select_related = ("claimant_organization", "claimant_person", "media_item")
    date_hierarchy = "stated_on"
    fieldsets = (
        (None, {"fields": (
            "text", "kind", "claimant_organization", "claimant_person", "claimant_description", "stated_on",
            "media_item", "report", "place", "tlp",
        )}),
        ("Assessment", {"fields": (
            ("source_reliability", "information_credibility"), "status", "review_rationale", "published_status",
        )}),
    )
    readonly_fields = ("published_status",)  # what partners see follows approvals, never a direct edit
    inlines = [ClaimLinkInline, ReviewHistoryInline]

    @admin.display(description="claimant")
    def claimant(self, claim):
        return claim.claimant_organization or claim.claimant_person or claim.claimant_description

    def review(self, claim, data, analyst, rationale):
        services.review_claim_status(claim, data["status"], analyst, rationale)


@admin.register(ClaimLink)
class ClaimLinkAdmin(admin.ModelAdmin):
    list_display = ("source", "relation", "target", "created_at")
    list_filter = ("relation", "created_at")
    search_fields = ("source__text", "target__text", "note")
    autocomplete_fields = ("source", "target")
    list_select_related = ("source", "target")
