"""JSON bodies nested deeper than API_MAX_JSON_DEPTH are refused with a 400 by the API's JSON parser
(catalog/api/parsers.py), where Python's json module would raise RecursionError (a 500)."""

import json

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from catalog.api.parsers import nesting_exceeds
from catalog.choices import TLP
from catalog.models import Tag
from tests.partners.conftest import key_client
from tests.partners.factories import PartnerFactory, issue_key

DEEP_ARRAY = "[" * 2000 + "]" * 2000
DEEP_OBJECT = '{"a":' * 2000 + "1" + "}" * 2000
TOO_DEEP = "nested more than 32 levels deep"


@pytest.mark.django_db
@pytest.mark.parametrize("body", [DEEP_ARRAY, DEEP_OBJECT], ids=["arrays", "objects"])
@pytest.mark.parametrize("url", [
    reverse("api-v1:tags-list"), reverse("api-v1:media-items-list"), reverse("api-v1:report-ingest-list"),
    reverse("api-v1:review-approvals-list"),
])
def test_a_body_nested_2000_deep_is_a_400_with_a_readable_message(analyst_client, url, body):
    response = analyst_client.post(url, body, content_type="application/json")

    assert response.status_code == 400
    assert TOO_DEEP in response.json()["detail"]


@pytest.mark.django_db
def test_a_body_nested_deep_in_a_field_of_an_otherwise_good_record_is_refused(analyst_client):
    body = json.dumps({"name": "deep", "description": "x"})[:-1] + ', "extra": ' + DEEP_ARRAY + "}"

    response = analyst_client.post(reverse("api-v1:tags-list"), body, content_type="application/json")

    assert response.status_code == 400
    assert not Tag.objects.filter(name="deep").exists()


@pytest.mark.django_db
def test_a_body_within_the_limit_is_read_as_before(analyst_client, settings):
    settings.API_MAX_JSON_DEPTH = 3
    within = {"name": "a tag", "extra": [[1]]}  # depth 3
    beyond = {"name": "a tag", "extra": [[[1]]]}  # depth 4

    accepted = analyst_client.post(reverse("api-v1:tags-list"), within, format="json")
    refused = analyst_client.post(reverse("api-v1:tags-list"), beyond, format="json")

    assert accepted.status_code == 201
    assert refused.status_code == 400
    assert "nested more than 3 levels deep" in refused.json()["detail"]


@pytest.mark.django_db
@pytest.mark.parametrize("body", [DEEP_ARRAY, DEEP_OBJECT], ids=["arrays", "objects"])
def test_the_partner_lookup_by_upload_refuses_a_deep_json_body_without_a_server_error(body):
    partner = key_client(issue_key(PartnerFactory(max_tlp=TLP.GREEN))[1])

    response = partner.post(reverse("api-v1:lookup"), body, content_type="application/json")

    # Lookup by upload reads multipart only: JSON of any depth is refused as a media type it does not read.
    assert response.status_code == 415


@pytest.mark.django_db
def test_a_body_that_is_not_in_its_charset_is_a_400(analyst_client):
    response = analyst_client.post(
        reverse("api-v1:tags-list"), b'{"name": "\xff\xfe"}', content_type="application/json; charset=utf-8"
    )

    assert response.status_code == 400
    assert "not utf-8" in response.json()["detail"]


def test_brackets_inside_strings_do_not_count():
    text = json.dumps({"a": "[" * 100 + '\\"{' * 100, "b": [["]]]]"]]})

    assert not nesting_exceeds(text, 3)
    assert nesting_exceeds(text, 2)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(alphabet='[]{}"\\ab,:'),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text('[]{}"\\', max_size=3), children,
                                                                       max_size=3),
    max_leaves=20,
)


def depth(value):
    if isinstance(value, list):
        return 1 + max((depth(child) for child in value), default=0)
    if isinstance(value, dict):
        return 1 + max((depth(child) for child in value.values()), default=0)
    return 0


@given(json_values, st.integers(min_value=0, max_value=8))
def test_the_scan_measures_the_depth_json_would_recurse_to_for_every_document(value, limit):
    assert nesting_exceeds(json.dumps(value), limit) == (depth(value) > limit)
