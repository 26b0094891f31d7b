"""Sharing administration in the desk: only analysts with the "manage partners" permission; partners, clearance,
keys shown once, expiry and revocation, webhooks; every change in the admin's action log."""

import datetime as dt

import pytest
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from catalog.choices import TLP
from catalog.models import Partner, PartnerAPIKey, WebhookSubscription
from catalog.services.analysts import grant_partner_management
from catalog.services.partners import issue_key
from tests.factories import AnalystFactory
from tests.workspace.case import HTMX

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(db):
    user = AnalystFactory(username="sharing-lead")
    grant_partner_management(user)
    client = Client()
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def partner(db):
    return Partner.objects.create(name="Newsroom North", max_tlp=TLP.GREEN)


def test_an_analyst_without_the_permission_is_refused_and_sees_no_link(desk, partner):
    assert desk.get(reverse("workspace:sharing")).status_code == 403
    assert desk.post(reverse("workspace:key-issue", args=[partner.pk])).status_code == 403
    assert reverse("workspace:sharing") not in desk.get("/desk/").content.decode()
    assert not PartnerAPIKey.objects.exists()


def test_anonymous_callers_get_the_login_page(client, partner):
    response = client.get(reverse("workspace:partner", args=[partner.pk]))

    assert response.status_code == 302 and "/desk/login/" in response["Location"]


def test_the_empty_list_says_what_to_do_next(manager):
    html = manager.get(reverse("workspace:sharing")).content.decode()

    assert "No partner yet. Add the first one below" in html
    assert reverse("workspace:sharing") in manager.get("/desk/").content.decode()


def test_a_manager_adds_a_partner_and_it_is_logged(manager):
    response = manager.post(reverse("workspace:sharing"), {
        "name": "Fact desk South", "contact_email": "desk@south.example", "max_tlp": TLP.AMBER,
        "may_see_identities": "on", "is_active": "on"})

    partner = Partner.objects.get(name="Fact desk South")
    assert response.status_code == 302 and response["Location"] == reverse("workspace:partner", args=[partner.pk])
    assert (partner.max_tlp, partner.may_see_identities, partner.may_see_graphic) == (TLP.AMBER, True, False)
    assert LogEntry.objects.get(object_id=str(partner.pk)).user == manager.user


def test_a_partner_with_a_taken_name_is_refused_in_words(manager, partner):
    response = manager.post(reverse("workspace:sharing"), {"name": "Newsroom North", "max_tlp": TLP.CLEAR})

    assert response.status_code == 422
    assert "already exists" in response.content.decode()


def test_widening_clearance_with_htmx_answers_the_section_and_logs_who_changed_what(manager, partner):
    response = manager.post(reverse("workspace:partner-update", args=[partner.pk]), {
        "name": partner.name, "max_tlp": TLP.AMBER, "is_active": "on"}, **HTMX)

    assert response.status_code == 200
    assert response.content.decode().lstrip().startswith('<section id="clearance"')
    partner.refresh_from_db()
    assert partner.max_tlp == TLP.AMBER
    entry = LogEntry.objects.get(object_id=str(partner.pk))
    assert entry.user == manager.user and "max_tlp: green → amber" in entry.change_message


def test_an_issued_key_is_shown_once_and_opens_the_api(manager, partner):
    response = manager.post(reverse("workspace:key-issue", args=[partner.pk]), {"name": "CMS import"}, **HTMX)

    html = response.content.decode()
    key = PartnerAPIKey.objects.get(partner=partner)
    start = html.index('id="new-key"')
    plain = html[html.index(">", start) + 1:html.index("</p>", start)]
    assert PartnerAPIKey.objects.get_from_key(plain) == key
    assert "shown only once" in html
    assert plain not in manager.get(reverse("workspace:partner", args=[partner.pk])).content.decode()
    assert APIClient().get("/api/v1/media-items/", HTTP_AUTHORIZATION=f"Api-Key {plain}").status_code == 200


def test_an_expiry_in_the_past_is_refused_in_words(manager, partner):
    yesterday = timezone.localdate() - dt.timedelta(days=1)

    response = manager.post(reverse("workspace:key-issue", args=[partner.pk]), {"expires_on": yesterday}, **HTMX)

    assert response.status_code == 422
    assert "Choose an expiry date after today." in response.content.decode()
    assert not PartnerAPIKey.objects.exists()


def test_a_revoked_key_no_longer_opens_the_api(manager, partner):
    key, plain = issue_key(partner)

    response = manager.post(reverse("workspace:key-revoke", args=[key.pk]), **HTMX)

    assert response.status_code == 200
    assert "revoked" in response.content.decode()
    assert APIClient().get("/api/v1/media-items/", HTTP_AUTHORIZATION=f"Api-Key {plain}").status_code in (401, 403)
    again = manager.post(reverse("workspace:key-revoke", args=[key.pk]), **HTMX)
    assert again.status_code == 422 and "already revoked" in again.content.decode()


def test_expiring_a_key_now_stops_it_without_javascript(manager, partner):
    key, plain = issue_key(partner)

    response = manager.post(reverse("workspace:key-expire", args=[key.pk]), {"on": ""}, follow=True)

    assert response.redirect_chain[-1][0].startswith(reverse("workspace:partner", args=[partner.pk]))
    assert PartnerAPIKey.objects.get(pk=key.pk).has_expired
    assert APIClient().get("/api/v1/media-items/", HTTP_AUTHORIZATION=f"Api-Key {plain}").status_code in (401, 403)


def test_a_webhook_is_added_with_its_secret_shown_and_can_be_paused(manager, partner):
    response = manager.post(reverse("workspace:webhook-add", args=[partner.pk]), {
        "url": "https://hooks.north.example/catalogue", "events": ["status.changed"]}, **HTMX)

    subscription = WebhookSubscription.objects.get(partner=partner)
    assert subscription.events == ["status.changed"]
    assert subscription.secret in response.content.decode()
    manager.post(reverse("workspace:webhook-toggle", args=[subscription.pk]), {"active": "0"}, **HTMX)
    subscription.refresh_from_db()
    assert not subscription.is_active


def test_a_webhook_without_events_or_with_a_bad_url_is_refused_in_words(manager, partner):
    response = manager.post(reverse("workspace:webhook-add", args=[partner.pk]), {"url": "not a url"}, **HTMX)

    html = response.content.decode()
    assert response.status_code == 422
    assert "Enter a valid URL." in html and "This field is required." in html
    assert not WebhookSubscription.objects.exists()


def test_a_superuser_manages_partners_without_the_permission_being_granted(partner):
    client = Client()
    client.force_login(AnalystFactory(is_superuser=True))

    assert client.get(reverse("workspace:partner", args=[partner.pk])).status_code == 200


def test_without_javascript_a_new_key_is_shown_on_the_page_not_lost_in_a_redirect(manager, partner):
    response = manager.post(reverse("workspace:key-issue", args=[partner.pk]), {"name": "no-JS desk"})

    assert response.status_code == 200
    html = response.content.decode()
    assert '<p class="secret" id="new-key"' in html and "<!DOCTYPE html>" in html
    assert PartnerAPIKey.objects.filter(partner=partner).count() == 1
