"""Verification values change in the admin only through the catalogue's review services, with a rationale."""

from django import forms
from django.contrib import admin

from catalog.models import ReviewEvent
from provenance.admin import ReadOnlyAdminMixin


class ReviewRationaleForm(forms.ModelForm):
    """A form whose `reviewed_fields` may change only when the analyst says why."""

    reviewed_fields = ()

    review_rationale = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Why the verification value changes. Required when it does; kept in the review history.",
    )

    def reviewed_changes(self):
        return [name for name in self.reviewed_fields if name in self.changed_data]

    def clean(self):
        cleaned = super().clean()
        if self.reviewed_changes() and not cleaned.get("review_rationale", "").strip():
            self.add_error("review_rationale", "Give a rationale: this changes a verification value.")
        return cleaned


class ReviewedAdminMixin:
    """Saves the row with its verification values as they were, then changes them through `review()`."""

    def review(self, obj, data, analyst, rationale):
        raise NotImplementedError

    def save_model(self, request, obj, form, change):
        changed = form.reviewed_changes()
        for name in changed:
            # Put back the value the form started from; the review service makes the change and records it.
            setattr(obj, obj._meta.get_field(name).attname, form.get_initial_for_field(form.fields[name], name))
        super().save_model(request, obj, form, change)
        if changed:
            self.review(obj, form.cleaned_data, request.user, form.cleaned_data["review_rationale"])


class ReviewHistoryInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ReviewEvent
    fields = readonly_fields = ("created_at", "old_value", "new_value", "rationale", "analyst")
    extra = 0
    verbose_name_plural = "review history"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("analyst")


@admin.register(ReviewEvent)
class ReviewEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("created_at", "value", "subject", "old_value", "new_value", "analyst")
    list_filter = ("value", "created_at", "analyst")
    search_fields = ("rationale", "old_value", "new_value", "analyst__username")
    list_select_related = ("analyst", "media_item", "claim", "identity_assertion")
    date_hierarchy = "created_at"

    @admin.display(description="subject")
    def subject(self, event):
        return event.media_item or event.claim or event.identity_assertion
