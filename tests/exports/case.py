"""The Amaq "proof of life" case as test data: an item with files, sightings, claims, a denial and two men named."""

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.utils import timezone

from catalog import services
from catalog.choices import (
    TLP,
    AssertionMode,
    ClaimKind,
    ClaimRelation,
    ClaimStatus,
    MediaAuthenticity,
    OrganizationKind,
    Platform,
    SightingKind,
)
from catalog.models import Partner
from catalog.policies.access import Caller
from provenance.models import MediaFile
from tests.factories import (
    ChannelFactory,
    ClaimFactory,
    ClaimLinkFactory,
    IdentityAssertionFactory,
    ItemFileFactory,
    MediaItemFactory,
    OrganizationFactory,
    ReportFactory,
    SightingFactory,
    TagFactory,
)

def partner_reader(max_tlp, identities=False, name="Partner newsroom"):
    """A partner caller (its Partner unsaved: exports read only its clearance and name)."""
    return Caller.for_partner(Partner(name=name, max_tlp=max_tlp, may_see_identities=identities))


ANALYST = Caller.analyst()
GREEN_PARTNER = partner_reader(TLP.GREEN)
AMBER_PARTNER = partner_reader(TLP.AMBER)
AMBER_PARTNER_CLEARED_FOR_IDENTITIES = partner_reader(TLP.AMBER, identities=True)

VIDEO_BYTES = b"\x00\x00\x00\x18ftypmp42" + b"proof of life" * 64
ROMAN, GREGORY = "Zabolotny Roman", "Tsurkanov Gregory"


def aware(*parts):
    return timezone.make_aware(dt.datetime(*parts))


@dataclass
class Case:
    item: object
    media_file: object
    original: object
    repost: object
    capture: object
    naming: object
    denial: object
    roman: object
    gregory: object
    amaq: object


def publish(verdict, reviewer):
    """A second analyst approves the verdict, which is then what partners see."""
    services.approve_review(verdict, reviewer)
    return verdict


def amaq_case(analyst, reviewer, tlp=TLP.AMBER):
    amaq = OrganizationFactory(name="Amaq News Agency", kind=OrganizationKind.ARMED_GROUP_MEDIA)
    ministry = OrganizationFactory(
        name="Ministry of Defence of the Russian Federation", kind=OrganizationKind.GOVERNMENT_BODY
    )
    item = MediaItemFactory(
        title='Amaq "proof of life" video of two men presented as captured Russian soldiers',
        description="Two bruised men in grey tunics; Russian speech with Arabic subtitles.",
        producer=amaq, tlp=tlp, is_graphic=True, languages=["ru", "ar"], duration=dt.timedelta(minutes=2, seconds=5),
    )
    item.tags.add(TagFactory(name="prisoners"))
    link = ItemFileFactory(media_item=item, content=VIDEO_BYTES, original_filename="amaq-proof-of-life.mp4")
    # The hashing worker would record MD5; set it as it would.
    MediaFile.objects.filter(pk=link.media_file.pk).update(md5=hashlib.md5(VIDEO_BYTES).hexdigest())
    link.media_file.refresh_from_db()

    telegram = ChannelFactory(
        platform=Platform.TELEGRAM, handle="@amaq_agency", operator=amaq, url="https://telegram.example/amaq_agency"
    )
    original = SightingFactory(
        media_item=item, channel=telegram, kind=SightingKind.ORIGINAL_RELEASE,
        url="https://telegram.example/amaq_agency/1234",
        posted_at=aware(2017, 10, 3, 12, 0), observed_at=aware(2017, 10, 3, 15, 30),
    )
    repost = SightingFactory(
        media_item=item, kind=SightingKind.REPOST, url="https://social.example/post/99",
        posted_at=aware(2017, 10, 4, 9, 0), observed_at=aware(2017, 10, 4, 10, 0),
        taken_down_at=aware(2017, 10, 6, 0, 0),
    )
    roman = IdentityAssertionFactory(
        media_item=item, name_as_stated=ROMAN, birth_year_as_stated=1979, birthplace_as_stated="Rustav Oblast",
        mode=AssertionMode.SELF_IDENTIFIED, timecode=dt.timedelta(seconds=12),
    )
    gregory = IdentityAssertionFactory(
        media_item=item, name_as_stated=GREGORY, birth_year_as_stated=1978, birthplace_as_stated="Domodedovo",
        mode=AssertionMode.NAMED_BY_OTHER, named_by=roman, timecode=dt.timedelta(seconds=40),
    )
    capture = ClaimFactory(
        media_item=item, claimant_organization=amaq, kind=ClaimKind.CAPTURE, tlp=tlp, stated_on=dt.date(2017, 10, 3),
        text="The two men in the video are Russian servicemen taken prisoner in the Shula area of Deir Ezzor.",
    )
    naming = ClaimFactory(
        media_item=item, claimant_organization=amaq, kind=ClaimKind.IDENTITY, tlp=tlp, stated_on=dt.date(2017, 10, 3),
        text=f"The prisoners are {ROMAN} and {GREGORY}.",
    )
    report = ReportFactory(
        url="https://news.example/2017/10/04/isis-video-russian-soldiers", tlp=TLP.CLEAR,
        title="Isis releases video of captured Russian soldiers that Russia denies losing in Syria",
    )
    denial = ClaimFactory(
        media_item=None, report=report, claimant_organization=ministry, kind=ClaimKind.CAPTURE, tlp=TLP.CLEAR,
        stated_on=dt.date(2017, 10, 3),
        text="There were no incidents of capture or losses among Russian servicemen in the Deir Ezzor Governorate.",
    )
    ClaimLinkFactory(source=denial, target=capture, relation=ClaimRelation.DENIES)

    publish(services.review_item_authenticity(
        item, MediaAuthenticity.ORIGINAL, analyst, "Matches Amaq's release pattern and the original upload."
    ), reviewer)
    publish(services.review_claim_status(
        capture, ClaimStatus.DISPUTED, analyst, "Russia denies it; no independent confirmation."
    ), reviewer)
    # A later working verdict that no second analyst has approved yet: partners must not see it.
    services.review_item_authenticity(item, MediaAuthenticity.STAGED, analyst, "Lighting suggests a staged set.")

    for record in (item, capture, naming, denial):
        record.refresh_from_db()
    return Case(item, link.media_file, original, repost, capture, naming, denial, roman, gregory, amaq)
