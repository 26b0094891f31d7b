"""The Deir Ezzor 2017 case as catalogue records: a worked example that a new analyst can open in the admin.

The data follows an analyst's reading of one scraped news report; the report itself is kept byte for byte.
Loading is idempotent: every row is found by a natural key, and verification values change only through
catalog.services, so loading twice adds nothing.
"""

import datetime as dt
from collections import Counter

from django.contrib.auth import get_user_model
from django.db import transaction

from catalog import services
from catalog.demo_showcase import load_showcase
from catalog.services.analysts import ensure_analyst_group
from catalog.ingest import parse_scraped_report
from catalog.choices import (
    TLP,
    AssertionMode,
    ClaimKind,
    ClaimRelation,
    ClaimStatus,
    InformationCredibility,
    MediaKind,
    OrganizationKind,
    PlaceKind,
    Platform,
    SightingKind,
    SourceReliability,
)
from catalog.models import (
    Channel,
    Claim,
    ClaimLink,
    IdentityAssertion,
    MediaItem,
    Organization,
    OrganizationAlias,
    Place,
    PlaceAlias,
    Quote,
    Report,
    Sighting,
    Tag,
)

# The report exactly as the scraper saved it: repeated headline, outlet tag, non-breaking spaces
# (written \u00a0 so no editor can turn them into spaces) and the trailing widget dump, no final newline.
REPORT_RAW_TEXT = (
    "Isis releases video of captured Russian soldiers that Russia denies losing in Syria\n"
    "\n"
    "Isis releases video of captured Russian soldiers that Russia denies losing in Syria\n"
    "Wed Oct 4, 2017 11:52:38\n"
    "\n"
    "Isis released a video Tuesday of two injured men it claims are captured Russian soldiers that "
    "Moscow has denied losing.\n"
    "\n"
    "(newsweek) -- The \"proof of life\" video was shared by Isis\u00a0official Amaq news agency and "
    "shared via encrypted messaging app Telegram and other forms of social media. The footage depicts "
    "two bruised and dirtied European-looking males in grey tunics, one of whom is sporting a beard "
    "and handcuffs. One man, who is sitting on the right of the screen, identifies himself and his "
    "comrade to the camera, claiming the pair were captured during a Russian-backed Syrian military "
    "offensive to retake the eastern city of Deir Ezzor from the group.\n"
    "\n"
    "\"I am Zabolotny Roman, I was\u00a0born [in] 1979 in Rustav\u00a0Oblast in Aksaysk District in "
    "the village of Rassvet. During a counterattack\u00a0conducted by the Isis, I was taken "
    "prisoner\u00a0[sic] in the area of Shula,\" the man said in Russian with Arabic subtitles.\n"
    "\n"
    "\"Captured with me was\u00a0Tsurkanov Gregory. He was born [in] 1978 in the\u00a0Domodedovo "
    "area,\" he added, presumably identifying the man sitting beside him.\n"
    "\n"
    "Isis\u00a0first claimed Thursday it had captured two Russian soldiers\u00a0while attempting to "
    "stave off an advance by the Syrian military and allies, which included Russian troops and "
    "Iran-backed militants, on Deir Ezzor. After securing major gains through central Syria, the "
    "pro-government campaign saw early success last month, with the Syrian military breaking a "
    "three-year Isis\u00a0siege on fellow soldiers trapped behind enemy lines since summer 2014.\n"
    "\n"
    "However, as Syria's armed forces push the terrorists across the Euphrates river that divides the "
    "city, they've experienced fierce resistance, including a major counterattack in the southwestern "
    "Deir Ezzor village of Shula, as mentioned in the video. In response to Isis\u00a0claims Thursday, "
    "a representative of\u00a0Russia's Hmeymim airbase in western Syria\u00a0denied that any soldiers "
    "had been captured and the spokesperson repeated these claims on Tuesday.\n"
    "\n"
    "\"All servicemen of the Russian Armed Forces staying in the Syrian Arab Republic are safe and in "
    "a good condition and are performing the designated tasks,\" the spokesperson said, according to "
    "state-run\u00a0Tass Russian News Agency.\n"
    "\n"
    "\"There were no reports of incidents connected with capture or losses among servicemen of the "
    "Russian Armed Forces in the Deir Ezzor Governorate and other Syrian areas,\" he added, with "
    "Russia's defense ministry\u00a0releasing a near-identical statement\u00a0shortly after.\n"
    "\n"
    "In addition to condemning\u00a0an Isis-claimed suicide bombing and gun attack\u00a0on a police "
    "station in Damascus, Russia also said it killed more than 300 Isis\u00a0fighters and wounded over "
    "200 more in airstrikes outside Deir Ezzor, according to a defense ministry statement cited "
    "by\u00a0the Associated Press. The defense ministry said it had destroyed a training center, "
    "artillery positions, tanks and ammunition depots.\n"
    "\n"
    "\n"
    "(Photo: A man identifies himself as \"Zabolotny Roman\" (R) and his companion as \"Tsurkanov "
    "Gregory\" (L), two Russian soldiers allegedly captured by Isis\u00a0in the eastern Syrian city of "
    "Deir Ezzor in this video credited to ISIS's Amaq news agency. Russia previously denied any of its "
    "troops were captured. Social media)\n"
    "\n"
    "string(324) "
    "\"[{\"id\":\"3040596\",\"sort\":\"8426606\","
    "\"contenttypeid\":\"21\",\"pic\":\"150417245201763500.jpg\",\"title\":\"Isis "
    "terrorists hand over Hezbollah body of Iranian martyr 'Hojaji' \"} "
    ",{\"id\":\"3059396\",\"sort\":\"8426611\","
    "\"contenttypeid\":\"21\",\"pic\":\"150649309280894300.jpg\",\"title\":\"Iranian "
    "soldier beheaded by Isis, mourned as an icon \"} ]\""
)


DEMO_ANALYST = "demo-analyst"

# (name, kind, affiliation, aliases); an affiliation is listed before the organisations that name it.
ORGANIZATIONS = [
    ("Islamic State", OrganizationKind.ARMED_GROUP, None,
     ["Isis", "ISIS", "IS", "Islamic State of Iraq and Syria", "الدولة الإسلامية"]),
    ("Amaq News Agency", OrganizationKind.ARMED_GROUP_MEDIA, "Islamic State",
     ["Amaq", "A'maq", "Amaq News Agency", "وكالة أعماق"]),
    ("Newsweek", OrganizationKind.NEWS_OUTLET, None, []),
    ("Tass Russian News Agency", OrganizationKind.NEWS_OUTLET, None, ["Tass", "ТАСС"]),
    ("Associated Press", OrganizationKind.NEWS_OUTLET, None, ["AP"]),
    ("Ministry of Defence of the Russian Federation", OrganizationKind.GOVERNMENT_BODY, None,
     ["Russian defence ministry", "Russia's defense ministry", "Минобороны России"]),
    ("Russian Armed Forces group at Hmeymim airbase", OrganizationKind.GOVERNMENT_BODY,
     "Ministry of Defence of the Russian Federation", ["Hmeymim airbase", "Khmeimim airbase"]),
]

# (name, kind, parent, ISO 3166 code, latitude, longitude, aliases); parents first.
# Coordinates are approximate centres, to put the case on a map, not to geolocate anything.
PLACES = [
    ("Syria", PlaceKind.COUNTRY, None, "SY", "34.802", "38.997", ["Syrian Arab Republic", "سوريا"]),
    ("Deir ez-Zor Governorate", PlaceKind.REGION, "Syria", "SY-DY", "35.000", "40.500",
     ["Deir Ezzor Governorate", "محافظة دير الزور"]),
    ("Deir ez-Zor", PlaceKind.CITY, "Deir ez-Zor Governorate", "SY-DY", "35.336", "40.140",
     ["Deir Ezzor", "Deir ez-Zor", "Dayr az Zawr", "دير الزور"]),
    ("Shula", PlaceKind.VILLAGE, "Deir ez-Zor Governorate", "SY-DY", "35.120", "39.900", ["Al-Shula", "الشولا"]),
    ("Latakia Governorate", PlaceKind.REGION, "Syria", "SY-LA", "35.650", "36.000", ["محافظة اللاذقية"]),
    ("Hmeymim airbase", PlaceKind.FACILITY, "Latakia Governorate", "SY-LA", "35.401", "35.948",
     ["Khmeimim", "Hmeimim", "Хмеймим"]),
    ("Damascus", PlaceKind.CITY, "Syria", "SY-DI", "33.513", "36.292", ["دمشق"]),
    ("Russia", PlaceKind.COUNTRY, None, "RU", "61.524", "105.319", ["Russian Federation", "Россия"]),
    ("Rostov Oblast", PlaceKind.REGION, "Russia", "RU-ROS", "47.700", "41.250",
     ["Ростовская область", "Rustav Oblast"]),
    ("Aksaysky District", PlaceKind.DISTRICT, "Rostov Oblast", "RU-ROS", "47.350", "40.050",
     ["Aksaysk District", "Аксайский район"]),
    ("Rassvet", PlaceKind.VILLAGE, "Aksaysky District", "RU-ROS", "47.330", "39.960", ["Рассвет"]),
    ("Moscow Oblast", PlaceKind.REGION, "Russia", "RU-MOS", "55.500", "38.000", ["Московская область"]),
    ("Domodedovo", PlaceKind.CITY, "Moscow Oblast", "RU-MOS", "55.437", "37.767", ["Домодедово"]),
]

# (platform, handle, operator)
CHANNELS = {
    "amaq_telegram": (Platform.TELEGRAM, "Amaq News Agency", "Amaq News Agency"),
    "other_social_media": (Platform.OTHER, "other forms of social media", None),
    "newsweek": (Platform.WEBSITE, "newsweek.com", "Newsweek"),
    "tass": (Platform.NEWS_WIRE, "Tass", "Tass Russian News Agency"),
    "ap": (Platform.NEWS_WIRE, "AP", "Associated Press"),
}

ITEM_TITLE = 'Amaq "proof of life" video of two men presented as captured Russian soldiers'
ITEM_DESCRIPTION = (
    'A "proof of life" video credited to Amaq News Agency (the Islamic State\'s news outlet), released '
    "Tuesday 3 October 2017. Two bruised men in grey tunics, one bearded and handcuffed; Russian speech with "
    "Arabic subtitles. Graphic: shows prisoners (handle with the care that images of possible prisoners of war "
    "need)."
)
ITEM_TAGS = ["prisoners", "proof-of-life", "syria", "russia"]

HMEYMIM_SPOKESPERSON = "spokesperson, Hmeymim airbase"
# (speaker as the report names them, organisation, words between the quotation marks)
QUOTES = [
    ("Zabolotny Roman", None,
     "I am Zabolotny Roman, I was born [in] 1979 in Rustav Oblast in Aksaysk District in the village of Rassvet. "
     "During a counterattack conducted by the Isis, I was taken prisoner [sic] in the area of Shula,"),
    ("Zabolotny Roman", None,
     "Captured with me was Tsurkanov Gregory. He was born [in] 1978 in the Domodedovo area,"),
    (HMEYMIM_SPOKESPERSON, "Russian Armed Forces group at Hmeymim airbase",
     "All servicemen of the Russian Armed Forces staying in the Syrian Arab Republic are safe and in a good "
     "condition and are performing the designated tasks,"),
    (HMEYMIM_SPOKESPERSON, "Russian Armed Forces group at Hmeymim airbase",
     "There were no reports of incidents connected with capture or losses among servicemen of the Russian Armed "
     "Forces in the Deir Ezzor Governorate and other Syrian areas,"),
]

# Claims are keyed by (claimant, kind): each claimant makes one claim of a kind in this report.
# Admiralty ratings: a party to the conflict is at best fairly reliable (C), Islamic State media not usually (D);
# the capture and its denials are each possibly true (3) until checked; the casualty figures cannot be judged (6).
CLAIMS = {
    "is_capture": dict(
        claimant="Islamic State", kind=ClaimKind.CAPTURE, stated_on=dt.date(2017, 9, 28), place="Deir ez-Zor",
        text="Islamic State captured two Russian soldiers near Deir Ezzor while resisting the Syrian military's "
             "advance on the city.",
        source_reliability=SourceReliability.D, information_credibility=InformationCredibility.POSSIBLY_TRUE,
    ),
    "video_capture": dict(
        claimant="Amaq News Agency", kind=ClaimKind.CAPTURE, stated_on=dt.date(2017, 10, 3), place="Shula",
        text="The two men in the video are Russian servicemen, taken prisoner during an Islamic State "
             "counterattack in the Shula area of Deir Ezzor.",
        source_reliability=SourceReliability.D, information_credibility=InformationCredibility.POSSIBLY_TRUE,
        on_item=True,
    ),
    "hmeymim_denial": dict(
        claimant="Russian Armed Forces group at Hmeymim airbase", kind=ClaimKind.CAPTURE,
        claimant_description=HMEYMIM_SPOKESPERSON, stated_on=dt.date(2017, 9, 28), place="Deir ez-Zor Governorate",
        text="All Russian servicemen in Syria are safe; there were no incidents of capture or losses among them in "
             "Deir Ezzor Governorate or elsewhere in Syria. Said on 28 September 2017 and repeated on "
             "3 October 2017, according to Tass.",
        source_reliability=SourceReliability.C, information_credibility=InformationCredibility.POSSIBLY_TRUE,
    ),
    "ministry_denial": dict(
        claimant="Ministry of Defence of the Russian Federation", kind=ClaimKind.CAPTURE,
        stated_on=dt.date(2017, 10, 3), place="Deir ez-Zor Governorate",
        text="A statement nearly identical to the Hmeymim spokesperson's: no Russian servicemen have been "
             "captured or lost in Deir Ezzor Governorate or elsewhere in Syria.",
        source_reliability=SourceReliability.C, information_credibility=InformationCredibility.POSSIBLY_TRUE,
    ),
    "ministry_casualties": dict(
        claimant="Ministry of Defence of the Russian Federation", kind=ClaimKind.CASUALTY,
        stated_on=None, place="Deir ez-Zor",
        text="Russian airstrikes outside Deir Ezzor killed more than 300 Islamic State fighters and wounded over "
             "200, and destroyed a training centre, artillery positions, tanks and ammunition depots "
             "(a defence ministry statement cited by the Associated Press).",
        source_reliability=SourceReliability.C, information_credibility=InformationCredibility.CANNOT_BE_JUDGED,
    ),
}

# (source, relation, target); the casualty claim is about something else and stays unlinked.
CLAIM_LINKS = [
    ("hmeymim_denial", ClaimRelation.DENIES, "is_capture"),
    ("hmeymim_denial", ClaimRelation.DENIES, "video_capture"),
    ("ministry_denial", ClaimRelation.REPEATS, "hmeymim_denial"),
    ("ministry_denial", ClaimRelation.DENIES, "is_capture"),
    ("ministry_denial", ClaimRelation.DENIES, "video_capture"),
]

DISPUTED_CLAIMS = ["is_capture", "video_capture"]
DISPUTED_RATIONALE = (
    "Claimed by Islamic State and shown in the Amaq video, but officially denied by the Hmeymim spokesperson "
    "and the Russian defence ministry; the identities stated on camera are not independently confirmed."
)


class _Loader:
    def __init__(self):
        self.counts = Counter()

    def upsert(self, model, defaults=None, create_defaults=None, **lookup):
        obj, created = model.objects.update_or_create(**lookup, defaults=defaults, create_defaults=create_defaults)
        self.counts[model._meta.verbose_name_plural, "created" if created else "updated"] += 1
        return obj

    def ensure(self, model, defaults=None, **lookup):
        """For rows that are never rewritten once there: aliases, links and what was stated on camera."""
        obj, created = model.objects.get_or_create(**lookup, defaults=defaults or {})
        self.counts[model._meta.verbose_name_plural, "created" if created else "unchanged"] += 1
        return obj

    def summary(self):
        lines = {}
        for (name, state), count in self.counts.items():
            lines.setdefault(name, []).append(f"{count} {state}")
        return [f"{name}: {', '.join(states)}" for name, states in lines.items()]

    def load(self):
        analyst = self.demo_analyst()
        orgs = self.organizations()
        places = self.places()
        channels = {
            key: self.upsert(Channel, platform=platform, handle=handle, defaults={"operator": orgs.get(operator)})
            for key, (platform, handle, operator) in CHANNELS.items()
        }
        item = self.media_item(orgs, analyst)
        self.sightings(item, channels)
        self.identities(item, places)
        report = self.report(orgs)
        claims = self.claims(orgs, places, item, report)
        for source, relation, target in CLAIM_LINKS:
            self.ensure(ClaimLink, source=claims[source], relation=relation, target=claims[target])
        for key in DISPUTED_CLAIMS:
            # Reviewed only when the status differs, so a second load adds no review history.
            if claims[key].status != ClaimStatus.DISPUTED:
                services.review_claim_status(claims[key], ClaimStatus.DISPUTED, analyst, DISPUTED_RATIONALE)
                self.counts["claim reviews", "created"] += 1
        return item, analyst

    def demo_analyst(self):
        user, created = get_user_model().objects.get_or_create(
            username=DEMO_ANALYST, defaults={"first_name": "Demo", "last_name": "Analyst"}
        )
        if created:
            user.set_unusable_password()  # the author of the demo reviews; nobody logs in as it
            user.save(update_fields=["password"])
        user.groups.add(ensure_analyst_group())
        return user

    def organizations(self):
        orgs = {}
        for name, kind, affiliation, aliases in ORGANIZATIONS:
            orgs[name] = self.upsert(
                Organization, name=name, defaults={"kind": kind, "affiliation": orgs.get(affiliation)}
            )
            for alias in aliases:
                self.ensure(OrganizationAlias, organization=orgs[name], name=alias)
        return orgs

    def places(self):
        places = {}
        for name, kind, parent, code, latitude, longitude, aliases in PLACES:
            places[name] = self.upsert(
                Place, name=name, parent=places.get(parent),
                defaults={"kind": kind, "country_code": code, "latitude": latitude, "longitude": longitude},
            )
            for alias in aliases:
                self.ensure(PlaceAlias, place=places[name], name=alias)
        return places

    def media_item(self, orgs, analyst):
        # Authenticity is not among the defaults: it stays not assessed, and changes only through a review.
        described = {
            "kind": MediaKind.VIDEO, "description": ITEM_DESCRIPTION, "languages": ["ru", "ar"],
            "claimed_release_at": dt.datetime(2017, 10, 3, tzinfo=dt.UTC), "is_graphic": True, "tlp": TLP.GREEN,
        }
        item = self.upsert(
            MediaItem, title=ITEM_TITLE, producer=orgs["Amaq News Agency"],
            defaults=described, create_defaults={**described, "created_by": analyst},
        )
        # Added, never set: tags an analyst put on the item stay.
        item.tags.add(*(Tag.objects.get_or_create(name=name)[0] for name in ITEM_TAGS))
        return item

    def sightings(self, item, channels):
        release = self.upsert(
            Sighting, media_item=item, channel=channels["amaq_telegram"], kind=SightingKind.ORIGINAL_RELEASE,
            defaults={
                "posted_at": dt.datetime(2017, 10, 3, tzinfo=dt.UTC),
                "notes": "Release date from the report (\"Tuesday\"); the time of day is not known.",
            },
        )
        self.upsert(
            Sighting, media_item=item, channel=channels["other_social_media"], kind=SightingKind.REPOST,
            defaults={"derived_from": release, "notes": "\"Shared via ... other forms of social media\" (Newsweek)."},
        )
        self.upsert(
            Sighting, media_item=item, channel=channels["newsweek"], kind=SightingKind.EMBEDDED_IN_REPORT,
            defaults={
                "derived_from": release, "posted_at": dt.datetime(2017, 10, 4, 11, 52, 38, tzinfo=dt.UTC),
                "notes": "Still from the video in the Newsweek report; its dateline gives no time zone (taken as UTC).",
            },
        )

    def identities(self, item, places):
        speaker = self.ensure(
            IdentityAssertion, media_item=item, name_as_stated="Zabolotny Roman",
            defaults={
                "birth_year_as_stated": 1979,
                "birthplace_as_stated": "Rustav Oblast, Aksaysk District, village of Rassvet",
                "birthplace": places["Rassvet"], "mode": AssertionMode.SELF_IDENTIFIED,
            },
        )
        self.ensure(
            IdentityAssertion, media_item=item, name_as_stated="Tsurkanov Gregory",
            defaults={
                "birth_year_as_stated": 1978, "birthplace_as_stated": "the Domodedovo area",
                "birthplace": places["Domodedovo"], "mode": AssertionMode.NAMED_BY_OTHER, "named_by": speaker,
            },
        )

    def report(self, orgs):
        parsed = parse_scraped_report(REPORT_RAW_TEXT)
        report = self.upsert(
            Report, outlet=orgs["Newsweek"], title=parsed.title,
            defaults={
                "dateline": parsed.dateline, "published_at": parsed.published_at,
                "body": parsed.body, "caption": parsed.caption, "raw_text": REPORT_RAW_TEXT, "tlp": TLP.CLEAR,
            },
        )
        for position, (speaker, organization, text) in enumerate(QUOTES, start=1):
            self.upsert(
                Quote, report=report, position=position,
                defaults={"speaker": speaker, "speaker_organization": orgs.get(organization), "text": text},
            )
        return report

    def claims(self, orgs, places, item, report):
        claims = {}
        for key, spec in CLAIMS.items():
            spec = dict(spec)
            claimant, kind, place = spec.pop("claimant"), spec.pop("kind"), spec.pop("place")
            on_item = spec.pop("on_item", False)
            # Status is not among the defaults: it changes only through a review.
            claims[key] = self.upsert(
                Claim, report=report, claimant_organization=orgs[claimant], kind=kind,
                defaults={**spec, "place": places[place], "media_item": item if on_item else None, "tlp": TLP.GREEN},
            )
        return claims


def load_demo_case(showcase=True):
    """Create or refresh the case's records, then what it shows at once (catalog.demo_showcase: evidence, people, a
    re-upload proposal, a finding; `showcase=False` leaves that out); returns summary lines of what was created and
    updated."""
    with transaction.atomic():
        loader = _Loader()
        item, analyst = loader.load()
    return loader.summary() + (load_showcase(item, analyst) if showcase else [])
