"""The verification desk's rows: written by its jobs and workflows, looked at and decided here.

Nothing is edited in place. Reports come in through the ingest page (the draft list's "add"), drafts are accepted or
rejected whole, findings triaged, proposals decided and checks queued with actions, each calling catalog.services;
a workflow's refusal is shown as a message. Scraped text is shown escaped, as text.
"""

import json

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_permission_codename
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.template import engines
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from catalog import services
from catalog.api.desk_serializers import decode_report, draft_sections, ingest
from catalog.choices import TLP
from catalog.models import Finding, LivenessCheck, ReportDraft, ReviewApproval, VariantProposal, VerificationRun
from catalog.services import findings
from catalog.services.drafts import SECTIONS
from provenance.admin import ReadOnlyAdminMixin


class DecidedHereMixin:
    """Rows are never edited in a form; analysts who may change them decide them with the admin's actions."""

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_decide_permission(self, request):
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.{get_permission_codename('change', opts)}")

    def apply_to_each(self, request, queryset, workflow, done):
        """Run `workflow` on each selected row; a refusal is reported for its row and the others go on."""
        succeeded = 0
        for obj in queryset:
            try:
                with transaction.atomic():
                    workflow(obj)
            except ValidationError as refused:
                self.message_user(request, f"{obj}: {' '.join(refused.messages)}", messages.ERROR)
            else:
                succeeded += 1
        if succeeded:
            name = self.opts.verbose_name if succeeded == 1 else self.opts.verbose_name_plural
            self.message_user(request, f"{succeeded} {name} {done}.", messages.SUCCESS)


# Reports and their drafts


class ReportIngestForm(forms.Form):
    raw_text = forms.CharField(
        label="Report text", required=False, strip=False, widget=forms.Textarea(attrs={"rows": 20, "cols": 100}),
        help_text="Paste the report exactly as scraped; or upload it below.",
    )
    file = forms.FileField(label="or a .txt file", required=False, help_text="UTF-8 text as the scraper saved it.")
    url = forms.URLField(label="URL", required=False, max_length=2000, help_text="Where the report was published.")
    tlp = forms.ChoiceField(label="TLP", choices=TLP.choices, initial=TLP.AMBER,
                            help_text="Marking of the report and of what is accepted from it.")

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None:
            return None
        try:
            return decode_report(upload.read())
        except ValidationError as refused:
            raise ValidationError(refused.message_dict["file"]) from refused

    def clean(self):
        cleaned = super().clean()
        given = [name for name in ("raw_text", "file") if cleaned.get(name)]
        if len(given) == 2:
            raise ValidationError("Paste the text or upload a file, not both.")
        if not given and not self.errors:
            raise ValidationError("Paste the report's text or upload it as a .txt file.")
        cleaned["source"] = given[0] if given else None
        return cleaned


INGEST_PAGE = engines["django"].from_string("""{% extends "admin/base_site.html" %}
{% load admin_urls %}
{% block breadcrumbs %}<div class="breadcrumbs"><a href="{% url 'admin:index' %}">Home</a>
&rsaquo; <a href="{% url 'admin:app_list' app_label=opts.app_label %}">{{ opts.app_config.verbose_name }}</a>
&rsaquo; <a href="{% url opts|admin_urlname:'changelist' %}">{{ opts.verbose_name_plural|capfirst }}</a>
&rsaquo; {{ title }}</div>{% endblock %}
{% block content %}<div id="content-main">
<p>The report is kept exactly as received; the desk reads it into a draft, and nothing reaches the catalogue until
you accept it. The same text ingested again opens the draft made the first time.</p>
<form method="post" enctype="multipart/form-data" novalidate>{% csrf_token %}
{% if form.non_field_errors %}<p class="errornote">{% for error in form.non_field_errors %}{{ error }} {% endfor %}</p>{% endif %}
<fieldset class="module aligned">{% for field in form %}
<div class="form-row{% if field.errors %} errors{% endif %}">{{ field.errors }}
<div class="flex-container">{{ field.label_tag }} {{ field }}</div>
{% if field.help_text %}<div class="help">{{ field.help_text }}</div>{% endif %}</div>{% endfor %}
</fieldset>
<div class="submit-row"><input type="submit" class="default" value="Ingest the report"></div>
</form></div>{% endblock %}
""")


@admin.register(ReportDraft)
class ReportDraftAdmin(DecidedHereMixin, admin.ModelAdmin):
    list_display = ("report", "status", "decided_parts", "media_item", "decided_by", "created_at")
    list_filter = ("status", "created_at")
    search_fields = ("report__title",)
    list_select_related = ("report", "media_item", "decided_by")
    fields = ("report", "status", "media_item", "decided_by", "created_at", "updated_at", "parts", "warnings",
              "raw_payload")
    readonly_fields = fields
    actions = ["accept_whole", "reject_whole"]

    @admin.display(description="decided")
    def decided_parts(self, draft):
        sections = draft_sections(draft)
        return f"{sum(1 for part in sections if part['decision'])} of {len(sections)}"

    @admin.display(description="what the desk read")
    def parts(self, draft):
        tables, parts = [], draft_sections(draft)
        for section in SECTIONS:
            rows = [part for part in parts if part["section"] == section]
            if not rows:
                continue
            body = format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", (
                (part["path"], part["label"], _details(draft, part["path"]), _state(part)) for part in rows
            ))
            tables.append(format_html(
                "<h3>{}</h3><table><thead><tr><th>part</th><th>as read</th><th>details and evidence</th>"
                "<th>decision</th></tr></thead><tbody>{}</tbody></table>", section.replace("_", " "), body,
            ))
        return format_html_join("", "{}", ((table,) for table in tables)) or "Nothing was read from this report."

    @admin.display(description="reading warnings")
    def warnings(self, draft):
        found = [*draft.payload.get("warnings", []), *(draft.payload.get("report") or {}).get("warnings", [])]
        unique = list(dict.fromkeys(str(warning) for warning in found))
        return format_html_join("", "<p>{}</p>", ((warning,) for warning in unique)) or "None."

    @admin.display(description="payload (JSON)")
    def raw_payload(self, draft):
        return format_html("<pre>{}</pre>", json.dumps(draft.payload, indent=2, ensure_ascii=False))

    @admin.action(description="Accept whole draft", permissions=["decide"])
    def accept_whole(self, request, queryset):
        self.apply_to_each(request, queryset, lambda draft: _decide_rest(services.accept_draft, draft, request.user),
                           "accepted")

    @admin.action(description="Reject whole draft", permissions=["decide"])
    def reject_whole(self, request, queryset):
        self.apply_to_each(request, queryset, lambda draft: _decide_rest(services.reject_draft, draft, request.user),
                           "rejected")

    def add_view(self, request, form_url="", extra_context=None):
        """Ingest a report: pasted or uploaded, through catalog.services.ingest_report; then its draft opens."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ReportIngestForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            text = form.cleaned_data[form.cleaned_data["source"]]
            try:
                draft, created = ingest(text, url=form.cleaned_data["url"], tlp=form.cleaned_data["tlp"],
                                        user=request.user)
            except ValidationError as refused:
                form.add_error(form.cleaned_data["source"], refused.messages)
            else:
                said = "is in; its draft waits for you" if created else "was ingested before; here is its draft"
                level = messages.SUCCESS if created else messages.WARNING
                self.message_user(request, f"“{draft.report.title}” {said}.", level)
                return redirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[draft.pk]))
        context = {**self.admin_site.each_context(request), "title": "Ingest a report", "form": form, "opts": self.opts}
        return TemplateResponse(request, INGEST_PAGE, context)


def _decide_rest(workflow, draft, analyst):
    if all(part["decision"] for part in draft_sections(draft)):
        raise ValidationError("Every part of this draft is already decided.")
    workflow(draft, analyst)


def _state(part):
    if not part["decision"]:
        return "undecided"
    record = f" → {part['record']}" if part.get("record") else ""
    return f"{part['decision']} by {part['decided_by']}{record}"


def _details(draft, path):
    """The part's other fields as 'name: value' lines (its label is shown apart), escaped."""
    section, _, index = path.partition(".")
    part = draft.payload[section] if not index else draft.payload[section][int(index)]
    lines = [
        (name.replace("_", " "), value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))
        for name, value in part.items() if value not in (None, "", [], {})
    ]
    return format_html_join("", "<div><strong>{}</strong>: {}</div>", lines)


# The review queue


@admin.register(Finding)
class FindingAdmin(DecidedHereMixin, admin.ModelAdmin):
    """Analysts triage a finding with the actions; what the job found stays as it found it."""

    list_display = ("message", "kind", "severity", "status", "media_item", "updated_at")
    list_filter = ("status", "kind", "severity", "updated_at")
    search_fields = ("message", "key", "media_item__title")
    list_select_related = ("media_item",)
    readonly_fields = (
        "kind", "key", "severity", "status", "message", "detail", "media_item", "claim", "sighting", "channel",
        "person", "created_at", "updated_at",
    )
    actions = ["acknowledge", "dismiss", "resolve"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Acknowledge (being looked into)", permissions=["decide"])
    def acknowledge(self, request, queryset):
        self.apply_to_each(request, queryset, findings.acknowledge_finding, "acknowledged")

    @admin.action(description="Dismiss (not a problem)", permissions=["decide"])
    def dismiss(self, request, queryset):
        self.apply_to_each(request, queryset, findings.dismiss_finding, "dismissed")

    @admin.action(description="Resolve (dealt with)", permissions=["decide"])
    def resolve(self, request, queryset):
        self.apply_to_each(request, queryset, findings.resolve_finding, "resolved")


@admin.register(LivenessCheck)
class LivenessCheckAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("url", "is_up", "http_status", "checked_at", "sighting", "channel")
    list_filter = ("is_up", "checked_at")
    search_fields = ("url", "error")
    list_select_related = ("sighting__media_item", "sighting__channel", "channel")
    date_hierarchy = "checked_at"


@admin.register(ReviewApproval)
class ReviewApprovalAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("review_event", "approver", "created_at")
    list_filter = ("created_at", "approver")
    search_fields = ("note", "approver__username")
    list_select_related = ("review_event", "approver")


@admin.register(VerificationRun)
class VerificationRunAdmin(DecidedHereMixin, admin.ModelAdmin):
    """A run is queued (added, or again like selected ones) through catalog.services.request_verification."""

    list_display = ("__str__", "kind", "status", "media_item", "created_at", "finished_at")
    list_filter = ("kind", "status", "created_at")
    list_select_related = ("media_item",)
    raw_id_fields = ("media_item",)
    readonly_fields = ("status", "attempts", "error", "result", "created_at", "enqueued_at", "started_at", "finished_at")
    actions = ["queue_again"]

    def get_fields(self, request, obj=None):
        return ("kind", "media_item") if obj is None else ("kind", "media_item", *self.readonly_fields)

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else self.readonly_fields

    def save_model(self, request, obj, form, change):
        run = services.request_verification(obj.kind, obj.media_item)
        obj.pk = run.pk

    @admin.action(description="Queue a new run of the same kind and scope", permissions=["add"])
    def queue_again(self, request, queryset):
        wanted = {(run.kind, run.media_item) for run in queryset}
        self.apply_to_each(request, wanted, lambda scope: services.request_verification(*scope), "queued")


@admin.register(VariantProposal)
class VariantProposalAdmin(DecidedHereMixin, admin.ModelAdmin):
    list_display = ("summary", "media_item", "matched_item", "status", "decided_by", "created_at")
    list_filter = ("status", "created_at")
    search_fields = ("summary", "media_item__title", "matched_item__title")
    list_select_related = ("media_item", "matched_item", "decided_by")
    readonly_fields = ("media_item", "matched_item", "file_match", "summary", "status", "decided_by", "decided_at",
                       "created_at")
    actions = ["confirm", "reject"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Confirm: the item is a variant of the matched one", permissions=["decide"])
    def confirm(self, request, queryset):
        self.apply_to_each(request, queryset, lambda proposal: services.confirm_variant(proposal, request.user),
                           "confirmed")

    @admin.action(description="Reject: not the same media", permissions=["decide"])
    def reject(self, request, queryset):
        self.apply_to_each(request, queryset, lambda proposal: services.reject_variant(proposal, request.user),
                           "rejected")
