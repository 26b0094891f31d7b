"""Sharing administration: partners, their clearance, API keys (shown once) and webhooks, for analysts who hold the
"manage partners" permission (catalog.policies.access.may_manage_partners)."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from catalog.models import Partner, PartnerAPIKey, WebhookSubscription
from catalog.policies.access import may_manage_partners
from catalog.services import sharing
from catalog.workspace.sharing_forms import ExpireKeyForm, IssueKeyForm, PartnerForm, WebhookForm
from catalog.workspace.views.common import analyst_required, error_text, is_htmx

SECTIONS = {"clearance": "workspace/_sharing_clearance.html", "keys": "workspace/_sharing_keys.html",
            "webhooks": "workspace/_sharing_webhooks.html"}


def manager_required(view):
    @wraps(view)
    @analyst_required
    def wrapper(request, *args, **kwargs):
        if not may_manage_partners(request.user):
            return render(request, "workspace/sharing_forbidden.html", {"page": "sharing"}, status=403)
        return view(request, *args, **kwargs)

    return wrapper


@require_http_methods(["GET", "POST"])
@manager_required
def partner_list(request):
    form = PartnerForm(request.POST or None, auto_id="new-partner-%s")
    if request.method == "POST" and form.is_valid():
        try:
            partner = sharing.create_partner(request.user, **form.cleaned_data)
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            messages.success(request, f"Partner “{partner.name}” added. Issue it a key below.")
            return HttpResponseRedirect(reverse("workspace:partner", args=[partner.pk]))
    partners = Partner.objects.annotate(
        live_keys=Count("api_keys", filter=Q(api_keys__revoked=False), distinct=True),
        hooks=Count("webhooks", filter=Q(webhooks__is_active=True), distinct=True),
    ).order_by("name")
    return render(request, "workspace/sharing.html", {"partners": partners, "form": form, "page": "sharing"},
                  status=422 if form.errors else 200)


def _context(partner, **extra):
    return {
        "partner": partner, "page": "sharing",
        "partner_form": extra.pop("partner_form", None) or PartnerForm(instance=partner, auto_id="partner-%s"),
        "key_form": extra.pop("key_form", None) or IssueKeyForm(auto_id="key-%s"),
        "webhook_form": extra.pop("webhook_form", None) or WebhookForm(auto_id="webhook-%s"),
        "keys": PartnerAPIKey.objects.filter(partner=partner).order_by("-created"),
        "webhooks": WebhookSubscription.objects.filter(partner=partner).order_by("pk"),
        **extra,
    }


def _answer(request, partner, section, *, notice="", error="", status=200, **extra):
    """htmx: the section again; without JavaScript: the page (a new key must be shown, not redirected away)."""
    partner.refresh_from_db()
    context = _context(partner, notice=notice, error=error, section=section, **extra)
    if is_htmx(request):
        return render(request, SECTIONS[section], context, status=status)
    if status == 200 and "new_key" not in extra and "new_webhook" not in extra:
        messages.success(request, notice)
        return HttpResponseRedirect(f"{reverse('workspace:partner', args=[partner.pk])}#{section}")
    return render(request, "workspace/partner.html", context, status=status)


@require_GET
@manager_required
def partner_detail(request, pk):
    return render(request, "workspace/partner.html", _context(get_object_or_404(Partner, pk=pk)))


@require_POST
@manager_required
def partner_update(request, pk):
    partner = get_object_or_404(Partner, pk=pk)
    form = PartnerForm(request.POST, instance=Partner.objects.get(pk=pk), auto_id="partner-%s")
    if form.is_valid():
        try:
            partner, changed = sharing.update_partner(partner, request.user, **form.cleaned_data)
        except ValidationError as refused:
            form.add_error(None, refused)
    if form.errors:
        return _answer(request, partner, "clearance", error="Nothing was changed.", status=422, partner_form=form)
    notice = f"Saved: {', '.join(Partner._meta.get_field(name).verbose_name for name in changed)}." if changed \
        else "Nothing to change."
    return _answer(request, partner, "clearance", notice=notice)


@require_POST
@manager_required
def key_issue(request, pk):
    partner = get_object_or_404(Partner, pk=pk)
    form = IssueKeyForm(request.POST, auto_id="key-%s")
    if form.is_valid():
        try:
            key, plain = sharing.issue_partner_key(partner, request.user, **form.cleaned_data)
        except ValidationError as refused:
            form.add_error(None, refused)  # a dict of field errors lands on its fields
    if form.errors:
        return _answer(request, partner, "keys", error="No key was issued.", status=422, key_form=form)
    return _answer(request, partner, "keys", notice=f"Key {key.prefix}… issued. Copy it now: it is shown only once.",
                   new_key=plain)


@require_POST
@manager_required
def key_revoke(request, pk):
    key = get_object_or_404(PartnerAPIKey.objects.select_related("partner"), pk=pk)
    try:
        sharing.revoke_key(key, request.user)
    except ValidationError as refused:
        return _answer(request, key.partner, "keys", error=error_text(refused), status=422)
    return _answer(request, key.partner, "keys", notice=f"Key {key.prefix}… revoked; it no longer opens the API.")


@require_POST
@manager_required
def key_expire(request, pk):
    key = get_object_or_404(PartnerAPIKey.objects.select_related("partner"), pk=pk)
    form = ExpireKeyForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors["on"])
        key = sharing.expire_key(key, request.user, form.cleaned_data["on"])
    except ValidationError as refused:
        return _answer(request, key.partner, "keys", error=error_text(refused), status=422)
    return _answer(request, key.partner, "keys",
                   notice=f"Key {key.prefix}… expires {key.expiry_date:%d %b %Y %H:%M} UTC.")


@require_POST
@manager_required
def webhook_add(request, pk):
    partner = get_object_or_404(Partner, pk=pk)
    form = WebhookForm(request.POST, auto_id="webhook-%s")
    if form.is_valid():
        try:
            subscription = sharing.add_webhook(partner, request.user, form.cleaned_data["url"],
                                               form.cleaned_data["events"])
        except ValidationError as refused:
            form.add_error(None, refused)
    if form.errors:
        return _answer(request, partner, "webhooks", error="No webhook was added.", status=422, webhook_form=form)
    return _answer(request, partner, "webhooks", new_webhook=subscription,
                   notice="Webhook added. Give the partner its signing secret, shown below once.")


@require_POST
@manager_required
def webhook_toggle(request, pk):
    subscription = get_object_or_404(WebhookSubscription.objects.select_related("partner"), pk=pk)
    active = request.POST.get("active") == "1"
    sharing.set_webhook_active(subscription, request.user, active)
    return _answer(request, subscription.partner, "webhooks",
                   notice=f"Webhook to {subscription.url} {'resumed' if active else 'paused'}.")
