"""Creating and editing an item in the desk: producer and channels picked from the catalogue in any script, TLP
chosen; authenticity only ever changes through a verdict with a rationale."""

import datetime as dt

import pytest
from django.urls import reverse

from catalog.choices import TLP, MediaAuthenticity, SightingKind
from catalog.models import MediaItem, ReviewEvent, Sighting
from tests.factories import ChannelFactory, MediaItemFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def new_item(desk, **fields):
    data = {"title": "Amaq proof-of-life video", "kind": "video", "tlp": "amber", "sighting_kind": "original_release",
            **fields}
    return desk.post(reverse("workspace:item-new"), data)


@pytest.mark.parametrize("query", ["Амак", "أعماق", "amaq"])
def test_the_producer_suggestions_find_the_latin_record_whatever_the_script(desk, amaq, query):
    response = desk.get(reverse("workspace:pick-organizations"), {"producer": query}, **HTMX)

    assert response.status_code == 200
    assert '<option value="Amaq News Agency">' in response.content.decode()


def test_channel_suggestions_name_the_channel_never_an_id(desk, amaq_telegram):
    html = desk.get(reverse("workspace:pick-channels"), {"channel": "Амак"}, **HTMX).content.decode()

    assert '<option value="Telegram: @amaqagency">' in html


def test_a_one_letter_query_suggests_nothing_yet(desk, amaq):
    assert "<option" not in desk.get(reverse("workspace:pick-organizations"), {"producer": "a"}).content.decode()


def test_an_analyst_creates_an_item_with_its_producer_channels_and_tlp(desk, analyst, amaq, amaq_telegram):
    response = new_item(desk, producer="وكالة أعماق", channel=["Telegram: @amaqagency", ""], tlp="red",
                        claimed_release_at="2017-10-03T14:05Z", languages="ru, AR", is_graphic="on")

    item = MediaItem.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:item-evidence", args=[item.pk])
    assert (item.producer, item.tlp, item.is_graphic, item.created_by) == (amaq, TLP.RED, True, analyst)
    assert item.languages == ["ru", "ar"]
    assert item.claimed_release_at == dt.datetime(2017, 10, 3, 14, 5, tzinfo=dt.UTC)
    assert item.authenticity == MediaAuthenticity.NOT_ASSESSED
    sighting = Sighting.objects.get(media_item=item)
    assert (sighting.channel, sighting.kind) == (amaq_telegram, SightingKind.ORIGINAL_RELEASE)


def test_an_unknown_producer_is_refused_in_words_and_nothing_is_created(desk):
    response = new_item(desk, producer="Nobody Media")

    assert response.status_code == 422
    html = response.content.decode()
    assert "No organisation in the catalogue is named “Nobody Media”" in html
    assert 'value="Nobody Media"' in html  # what was typed is kept
    assert not MediaItem.objects.exists()


def test_an_unknown_channel_is_refused_and_what_was_typed_stays(desk, amaq):
    response = new_item(desk, channel=["Telegram: @nobody"])

    assert response.status_code == 422
    assert "No channel in the catalogue is named “Telegram: @nobody”" in response.content.decode()
    assert 'value="Telegram: @nobody"' in response.content.decode()
    assert not MediaItem.objects.exists()


def test_without_suggestions_while_typing_the_refusal_offers_them(desk, amaq):
    html = new_item(desk, producer="Амак").content.decode()

    assert "No organisation in the catalogue is named “Амак”. Did you mean “Amaq News Agency”?" in html


def test_a_bad_date_and_language_say_what_is_wrong(desk):
    html = new_item(desk, claimed_release_at="3rd October", languages="russian").content.decode()

    assert "is not a date such as 2017-10-03" in html
    assert "Use an ISO 639 language code" in html


def test_htmx_answers_a_refused_form_with_the_form_alone(desk):
    response = desk.post(reverse("workspace:item-new"), {"title": ""}, **HTMX)

    assert response.status_code == 200  # the form says what is wrong; a 4xx would log a console error
    assert "The item was not saved" in response.content.decode()
    assert response.content.decode().startswith('<form id="item-form"')


def test_htmx_is_sent_to_the_new_item_once_it_is_created(desk):
    response = desk.post(reverse("workspace:item-new"), {"title": "x", "kind": "image", "tlp": "clear",
                                                         "sighting_kind": "repost"}, **HTMX)

    assert response.status_code == 204
    assert response["HX-Redirect"] == reverse("workspace:item-evidence", args=[MediaItem.objects.get().pk])


def test_editing_an_item_changes_its_fields_and_adds_new_channels_as_sightings(desk, amaq, amaq_telegram):
    item = MediaItemFactory(title="Old title", tlp=TLP.AMBER)
    other = ChannelFactory(handle="@mirror")
    Sighting.objects.create(media_item=item, channel=other, kind=SightingKind.REPOST)

    response = desk.post(reverse("workspace:item-edit", args=[item.pk]), {
        "title": "New title", "kind": "video", "tlp": "green", "producer": "Amaq News Agency",
        "channel": ["Telegram: @amaqagency", str(other)], "sighting_kind": "repost",
    })

    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.title, item.tlp, item.producer) == ("New title", TLP.GREEN, amaq)
    assert sorted(item.sightings.values_list("channel__handle", flat=True)) == ["@amaqagency", "@mirror"]


def test_the_edit_form_never_changes_authenticity(desk):
    item = MediaItemFactory()

    desk.post(reverse("workspace:item-edit", args=[item.pk]), {
        "title": "t", "kind": "video", "tlp": "amber", "sighting_kind": "repost",
        "authenticity": MediaAuthenticity.STAGED,
    })

    item.refresh_from_db()
    assert item.authenticity == MediaAuthenticity.NOT_ASSESSED
    assert not ReviewEvent.objects.exists()


def test_the_item_service_refuses_a_verification_value_without_a_review(analyst):
    from django.core.exceptions import ValidationError

    from catalog import services

    with pytest.raises(ValidationError, match="only through a verdict with a rationale"):
        services.create_item(user=analyst, title="t", kind="video", authenticity=MediaAuthenticity.STAGED)
    with pytest.raises(ValidationError, match="only through a verdict with a rationale"):
        services.update_item(MediaItemFactory(), authenticity=MediaAuthenticity.STAGED)


def test_the_api_creates_items_through_the_same_service(analyst_client, analyst, amaq):
    response = analyst_client.post("/api/v1/media-items/", {
        "title": "From the API", "kind": "video", "producer": amaq.pk, "tlp": "green",
        "authenticity": MediaAuthenticity.STAGED,
    }, format="json")

    assert response.status_code == 201, response.data
    item = MediaItem.objects.get(pk=response.data["id"])
    assert (item.created_by, item.producer, item.authenticity) == (analyst, amaq, MediaAuthenticity.NOT_ASSESSED)


def test_the_items_list_offers_to_create_the_first_item(desk):
    html = desk.get(reverse("workspace:items")).content.decode()

    assert "No item yet." in html
    assert reverse("workspace:item-new") in html


@pytest.mark.parametrize("name", ["workspace:item-new", "workspace:pick-organizations"])
def test_anonymous_callers_are_sent_to_log_in(client, name):
    response = client.get(reverse(name))

    assert response.status_code == 302
    assert reverse("workspace:login") in response["Location"]
