import pytest

from catalog.choices import FindingKind
from catalog.filtersets import MediaItemFilterSet
from catalog.models import Finding, IdentityAssertion, MediaItem
from catalog.services.screen_text import accept_identity_hint, accept_producer_hint
from provenance.models import FrameText
from tests.factories import MediaItemFactory, OrganizationAliasFactory, OrganizationFactory
from tests.ocr.analysed import attach_and_analyse
from tests.ocr.captions import write_captioned

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("read_text")]


@pytest.fixture(scope="module")
def captioned(tmp_path_factory):
    return write_captioned(tmp_path_factory.mktemp("hints") / "captioned.mp4")


def test_the_enrichment_stores_each_line_with_its_time_language_confidence_and_box(captioned):
    link = attach_and_analyse(captioned, MediaItemFactory())
    texts = FrameText.objects.filter(media_file=link.media_file)
    assert {text.language for text in texts} == {"ara", "rus", "eng"}
    russian = texts.get(language="rus")
    assert russian.text == "Имя: Иван Петров" and russian.timestamp == pytest.approx(3.0, abs=0.5)
    assert russian.confidence > 75 and russian.width > 0 and russian.height > 0


def test_logo_text_proposes_the_producer_and_never_sets_it_until_accepted(captioned):
    amaq = OrganizationFactory(name="Amaq News Agency")
    OrganizationAliasFactory(organization=amaq, name="أعماق")
    item = MediaItemFactory(producer=None)
    attach_and_analyse(captioned, item)
    hint = Finding.objects.get(kind=FindingKind.PRODUCER_HINT, media_item=item)
    assert hint.detail["organization"] == amaq.pk and hint.detail["timestamp"] < 3
    item.refresh_from_db()
    assert item.producer is None
    accept_producer_hint(hint)
    item.refresh_from_db()
    assert item.producer == amaq


def test_a_labelled_name_in_a_caption_proposes_an_identity_assertion_at_its_time_code(captioned):
    item = MediaItemFactory()
    attach_and_analyse(captioned, item)
    hint = Finding.objects.get(kind=FindingKind.IDENTITY_HINT, media_item=item)
    assert hint.detail["name"] == "Иван Петров"
    assert not IdentityAssertion.objects.filter(media_item=item).exists()
    accept_identity_hint(hint)
    assertion = IdentityAssertion.objects.get(media_item=item)
    assert assertion.name_as_stated == "Иван Петров"
    assert assertion.timecode.total_seconds() == pytest.approx(3.0, abs=0.5)


def test_with_text_reading_turned_off_the_enrichment_stores_no_text(captioned, settings):
    settings.ENRICHMENT_READ_TEXT = False
    link = attach_and_analyse(captioned, MediaItemFactory())
    assert not FrameText.objects.filter(media_file=link.media_file).exists()
    assert not Finding.objects.filter(kind__in=[FindingKind.PRODUCER_HINT, FindingKind.IDENTITY_HINT]).exists()


def test_free_text_search_finds_an_item_by_the_words_on_its_frames(captioned):
    item = attach_and_analyse(captioned, MediaItemFactory(title="Untitled")).media_item
    MediaItemFactory(title="Another")
    found = MediaItemFilterSet({"q": "deir ezzor"}, queryset=MediaItem.objects.all()).qs
    assert list(found) == [item]
    # The analysis keys each line in every spelling: its Russian caption is found in Latin letters.
    assert list(MediaItemFilterSet({"q": "Ivan Petrov"}, queryset=MediaItem.objects.all()).qs) == [item]
