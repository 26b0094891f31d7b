"""Media items with where they were seen, what they claim, who appears in them and their evidence files."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from catalog import services
from catalog.models import ChannelAppearance, Claim, IdentityAssertion, ItemFile, MediaItem, Sighting, Tag, UrlCapture
from provenance.admin import ReadOnlyAdminMixin
from provenance.services import validate_original_filename

from .archives import archive_pages
from .reviews import ReviewedAdminMixin, ReviewHistoryInline, ReviewRationaleForm

STATED_FIELD_NAMES = tuple(IdentityAssertion._meta.get_field(name).name for name in IdentityAssertion.STATED_FIELDS)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    search_fields = ("name",)


@admin.register(ChannelAppearance)
class ChannelAppearanceAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Which items were seen on which channel, kept from the sightings (catalog.signals): for reading only."""

    list_display = ("media_item", "channel", "item_created_at")
    list_select_related = ("media_item", "channel")
    search_fields = ("channel__handle", "media_item__title")


class SightingInline(admin.TabularInline):
    model = Sighting
    fields = ("channel", "kind", "url", "posted_at", "observed_at", "derived_from", "taken_down_at", "place")
    autocomplete_fields = ("channel", "derived_from", "place")
    extra = 0
    show_change_link = True


class ClaimInline(admin.StackedInline):
    model = Claim
    fields = (
        "text", "kind", "claimant_organization", "stated_on", "place",
        ("source_reliability", "information_credibility"), "tlp", "status",
    )
    readonly_fields = ("status",)  # changed on the claim's own page, through a review
    autocomplete_fields = ("claimant_organization", "place")
    extra = 0
    show_change_link = True


class IdentityAssertionInline(admin.StackedInline):
    """New assertions can be added here; existing ones are shown as stated, and resolved on their own page."""

    model = IdentityAssertion
    fields = (
        *(name for name in STATED_FIELD_NAMES if name != "media_item"), "birthplace", "person",
        "resolution_confidence",
    )
    readonly_fields = ("person", "resolution_confidence")
    autocomplete_fields = ("named_by", "birthplace")
    extra = 0
    show_change_link = True

    def has_change_permission(self, request, obj=None):
        return False


class ItemFileInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ItemFile
    fields = readonly_fields = ("original_filename", "sha256", "size", "attached_by", "attached_at")
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("media_file", "attached_by")

    @admin.display(description="SHA-256")
    def sha256(self, link):
        return link.media_file.sha256

    @admin.display(description="size (bytes)")
    def size(self, link):
        return link.media_file.size


class MediaItemForm(ReviewRationaleForm):
    reviewed_fields = ("authenticity",)

    attach_file = forms.FileField(required=False, label="File", help_text="Stored once by its SHA-256, then hashed.")
    attach_as = forms.CharField(
        required=False, max_length=255, label="Original filename",
        help_text="The file's name as it was found, if the upload's name differs.",
    )

    class Meta:
        model = MediaItem
        fields = "__all__"

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("attach_file")
        if cleaned.get("attach_as") and not upload:
            self.add_error("attach_file", "Choose the file to attach under this name.")
        elif upload:
            cleaned["attach_as"] = cleaned.get("attach_as") or upload.name
            try:
                validate_original_filename(cleaned["attach_as"])
            except ValidationError as error:
                self.add_error("attach_as", error)
        return cleaned


@admin.register(MediaItem)
class MediaItemAdmin(ReviewedAdminMixin, admin.ModelAdmin):
    form = MediaItemForm
    list_display = (
        "title", "kind", "producer", "claimed_release_at", "first_seen", "authenticity", "is_graphic", "tlp",
    )
    list_filter = ("kind", "authenticity", "is_graphic", "tlp", "producer", "claimed_release_at", "created_at")
    search_fields = ("title", "description", "producer__name", "producer__aliases__name", "tags__name")
    autocomplete_fields = ("producer", "tags", "variant_of")
    list_select_related = ("producer",)
    date_hierarchy = "claimed_release_at"
    # What partners see follows approvals, never a direct edit.
    readonly_fields = ("published_authenticity", "created_by", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": (
            "kind", "title", "description", "languages", "producer", "claimed_release_at", "duration",
            "is_graphic", "tlp", "tags", "variant_of",
        )}),
        ("Verification", {"fields": ("authenticity", "review_rationale", "published_authenticity")}),
        ("Attach an evidence file", {"fields": ("attach_file", "attach_as")}),
        ("Record", {"fields": ("created_by", "created_at", "updated_at")}),
    )
    inlines = [SightingInline, ClaimInline, IdentityAssertionInline, ItemFileInline, ReviewHistoryInline]

    @admin.display(description="first seen", ordering="first_seen_at")
    def first_seen(self, item):
        return item.first_seen_at

    def get_deleted_objects(self, objs, request):
        # An item's channel appearances are kept from its sightings and go with it; their own admin, read-only,
        # must not make the deletion of an item ask for a permission no one holds.
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        return deleted, counts, perms_needed - {ChannelAppearance._meta.verbose_name}, protected

    def review(self, item, data, analyst, rationale):
        services.review_item_authenticity(item, data["authenticity"], analyst, rationale)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        upload = form.cleaned_data.get("attach_file")
        if upload:
            link = services.attach_file(
                obj, upload, form.cleaned_data["attach_as"], user=request.user, source={"via": "admin upload"}
            )
            self.message_user(request, f"Attached “{link.original_filename}” (SHA-256 {link.media_file.sha256}).")


@admin.register(Sighting)
class SightingAdmin(admin.ModelAdmin):
    list_display = ("media_item", "channel", "kind", "posted_at", "observed_at", "taken_down_at")
    list_filter = ("kind", "channel__platform", "posted_at", "observed_at", "taken_down_at")
    search_fields = ("url", "notes", "media_item__title", "channel__handle")
    autocomplete_fields = ("media_item", "channel", "derived_from", "place")
    list_select_related = ("media_item", "channel")
    date_hierarchy = "posted_at"
    actions = [archive_pages]


@admin.register(ItemFile)
class ItemFileAdmin(admin.ModelAdmin):
    """Files are attached from their media item's page; a link may be removed, the evidence stays."""

    list_display = ("original_filename", "media_item", "media_file", "attached_by", "attached_at")
    list_filter = ("attached_at",)
    search_fields = ("original_filename", "media_file__sha256", "media_item__title")
    list_select_related = ("media_item", "media_file", "attached_by")
    readonly_fields = ("media_item", "media_file", "original_filename", "attached_by", "attached_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class IdentityAssertionForm(ReviewRationaleForm):
    reviewed_fields = ("person", "resolution_confidence")

    class Meta:
        model = IdentityAssertion
        fields = "__all__"

    def clean(self):
        cleaned = super().clean()
        # The same rule as catalog.services.resolve_identity, shown on the form instead of as a server error.
        if self.reviewed_changes() and cleaned.get("person") and cleaned.get("resolution_confidence") is None:
            self.add_error("resolution_confidence", "Give a confidence between 0 and 1 for a resolution.")
        return cleaned


@admin.register(IdentityAssertion)
class IdentityAssertionAdmin(ReviewedAdminMixin, admin.ModelAdmin):
    form = IdentityAssertionForm
    list_display = (
        "name_as_stated", "media_item", "birth_year_as_stated", "birthplace_as_stated", "mode", "person",
        "resolution_confidence",
    )
    list_filter = ("mode", "script", ("person", admin.EmptyFieldListFilter), "created_at")
    search_fields = (
        "name_as_stated", "birthplace_as_stated", "affiliation_as_stated", "person__canonical_name",
        "person__name_variants__name",
    )
    autocomplete_fields = ("media_item", "birthplace", "named_by", "person")
    list_select_related = ("media_item", "person")
    fieldsets = (
        ("As stated", {"fields": STATED_FIELD_NAMES}),
        ("Interpretation", {"fields": ("birthplace",)}),
        ("Resolution", {"fields": (
            "person", "resolution_confidence", "review_rationale", "resolved_by", "resolved_at",
        )}),
    )
    inlines = [ReviewHistoryInline]

    def get_readonly_fields(self, request, obj=None):
        recorded = ("resolved_by", "resolved_at", "created_at")
        # What was stated is kept as recorded once saved.
        return recorded + STATED_FIELD_NAMES if obj else recorded

    def review(self, assertion, data, analyst, rationale):
        services.resolve_identity(assertion, data["person"], data["resolution_confidence"], analyst, rationale)


@admin.register(UrlCapture)
class UrlCaptureAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("url", "media_item", "status", "requested_by", "created_at", "finished_at", "error")
    list_filter = ("status", "created_at")
    search_fields = ("url", "media_item__title", "error")
    list_select_related = ("media_item", "requested_by")
