"""`manage.py issue_partner_key PARTNER_NAME [--expires DAYS]` prints a new key once."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from catalog.models import PartnerAPIKey
from tests.partners.conftest import key_client
from tests.partners.factories import PartnerFactory

pytestmark = pytest.mark.django_db


def issue(*args):
    out, err = StringIO(), StringIO()
    call_command("issue_partner_key", *args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue()


def test_it_prints_a_key_that_authenticates_the_partner():
    partner = PartnerFactory(name="Newsroom verification desk")

    key, note = issue("Newsroom verification desk")

    api_key = PartnerAPIKey.objects.get(partner=partner)
    assert key.startswith(api_key.prefix + ".")
    assert "does not expire" in note and key not in note
    assert key_client(key).get(reverse("api-v1:me")).data["partner"]["name"] == partner.name


def test_the_key_expires_after_the_given_days():
    PartnerFactory(name="Platform trust and safety")

    issue("Platform trust and safety", "--expires", "30")

    expiry = PartnerAPIKey.objects.get().expiry_date
    assert abs(expiry - (timezone.now() + dt.timedelta(days=30))) < dt.timedelta(minutes=1)


def test_each_run_issues_another_key_and_keeps_the_earlier_ones():
    PartnerFactory(name="P")

    first, _ = issue("P")
    second, _ = issue("P")

    assert first != second
    assert PartnerAPIKey.objects.count() == 2


def test_an_unknown_partner_is_an_error():
    with pytest.raises(CommandError, match="No partner is named 'Nobody'"):
        issue("Nobody")


def test_an_inactive_partner_gets_no_key():
    PartnerFactory(name="Dormant", is_active=False)

    with pytest.raises(CommandError, match="not active"):
        issue("Dormant")
    assert not PartnerAPIKey.objects.exists()


def test_a_non_positive_expiry_is_an_error():
    PartnerFactory(name="P")

    with pytest.raises(CommandError, match="1 or more"):
        issue("P", "--expires", "0")
