import pytest
from django.urls import reverse

from catalog.models import Organization
from tests.api.helpers import listed_ids
from tests.factories import (
    ChannelFactory,
    MediaItemFactory,
    OrganizationAliasFactory,
    OrganizationFactory,
)

pytestmark = pytest.mark.django_db

LIST_URL = reverse("api-v1:organizations-list")


def detail_url(organization):
    return reverse("api-v1:organizations-detail", args=[organization.pk])


def test_aliases_are_written_as_names_and_read_with_their_script(analyst_client):
    islamic_state = OrganizationFactory(name="Islamic State", kind="armed_group")

    response = analyst_client.post(
        LIST_URL,
        {"name": "Amaq News Agency", "kind": "armed_group_media", "affiliation": islamic_state.pk,
         "aliases": ["وكالة أعماق", "Агентство Амак", "Amaq"]},
    )

    assert response.status_code == 201, response.data
    assert sorted((alias["name"], alias["script"]) for alias in response.data["aliases"]) == [
        ("Amaq", "latin"), ("Агентство Амак", "cyrillic"), ("وكالة أعماق", "arabic"),
    ]
    assert response.data["affiliation"] == {"id": islamic_state.pk, "name": "Islamic State"}
    amaq = Organization.objects.get(pk=response.data["id"])
    assert set(amaq.aliases.values_list("name", flat=True)) == {"وكالة أعماق", "Агентство Амак", "Amaq"}


def test_updating_aliases_replaces_the_list_and_leaving_them_out_keeps_them(analyst_client):
    organization = OrganizationFactory()
    OrganizationAliasFactory(organization=organization, name="Old name")
    OrganizationAliasFactory(organization=organization, name="Kept name")

    replaced = analyst_client.patch(detail_url(organization), {"aliases": ["Kept name", "New name"]})
    untouched = analyst_client.patch(detail_url(organization), {"description": "Media arm."})

    assert replaced.status_code == untouched.status_code == 200
    assert sorted(alias["name"] for alias in untouched.data["aliases"]) == ["Kept name", "New name"]


def test_it_rejects_aliases_given_as_one_string_or_blank(analyst_client):
    organization = OrganizationFactory()

    as_string = analyst_client.patch(detail_url(organization), {"aliases": "Amaq"})
    with_blank = analyst_client.patch(detail_url(organization), {"aliases": ["Amaq", ""]})

    assert as_string.status_code == with_blank.status_code == 400
    assert as_string.data["aliases"]
    assert with_blank.data["aliases"][1]


def test_it_rejects_an_unknown_kind_and_a_duplicate_name(analyst_client):
    OrganizationFactory(name="Amaq News Agency")

    response = analyst_client.post(LIST_URL, {"name": "Amaq News Agency", "kind": "cartel"})

    assert response.status_code == 400
    assert "cartel" in str(response.data["kind"][0])
    assert response.data["name"]


def test_it_finds_organisations_by_name_or_alias_once_each(analyst_client):
    amaq = OrganizationFactory(name="Amaq News Agency")
    OrganizationAliasFactory(organization=amaq, name="وكالة أعماق")
    OrganizationAliasFactory(organization=amaq, name="Amaq Agency")
    nashir = OrganizationFactory(name="Nashir")
    OrganizationAliasFactory(organization=nashir, name="ناشر")

    by_alias = analyst_client.get(LIST_URL, {"q": "أعماق"})
    by_name_and_alias = analyst_client.get(LIST_URL, {"q": "Amaq"})

    assert listed_ids(by_alias) == {amaq.pk}
    assert [row["id"] for row in by_name_and_alias.data["results"]] == [amaq.pk]


def test_it_filters_by_kind_and_affiliation(analyst_client):
    parent = OrganizationFactory(kind="armed_group")
    child = OrganizationFactory(affiliation=parent)

    assert listed_ids(analyst_client.get(LIST_URL, {"affiliation": parent.pk})) == {child.pk}
    assert listed_ids(analyst_client.get(LIST_URL, {"kind": "armed_group"})) == {parent.pk}


@pytest.mark.parametrize("make_reference", [ChannelFactory, MediaItemFactory], ids=["channel", "media item"])
def test_deleting_an_organisation_still_referenced_is_refused_with_409_and_deletes_nothing(
    analyst_client, make_reference
):
    organization = OrganizationFactory()
    OrganizationAliasFactory(organization=organization)
    reference = make_reference(**{"operator" if make_reference is ChannelFactory else "producer": organization})

    response = analyst_client.delete(detail_url(organization))

    assert response.status_code == 409
    assert "remove or reassign" in response.data["detail"]
    assert Organization.objects.filter(pk=organization.pk).exists()
    assert organization.aliases.count() == 1
    assert type(reference).objects.filter(pk=reference.pk).exists()


def test_an_analyst_deletes_an_unreferenced_organisation_with_its_aliases(analyst_client):
    organization = OrganizationFactory()
    OrganizationAliasFactory(organization=organization)

    assert analyst_client.delete(detail_url(organization)).status_code == 204
    assert not Organization.objects.filter(pk=organization.pk).exists()


def test_its_list_query_count_does_not_grow_with_page_size(assert_list_queries_constant):
    parent = OrganizationFactory()
    for _ in range(12):
        organization = OrganizationFactory(affiliation=parent)
        OrganizationAliasFactory.create_batch(2, organization=organization)

    assert_list_queries_constant(LIST_URL)
