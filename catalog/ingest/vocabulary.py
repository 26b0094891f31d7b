"""Closed word lists the extraction rules match against.

The organisation lists hold widely known armed groups, their media outlets and the big news
agencies: the names an analyst of propaganda media knows by heart. Unknown outlets are still found
by pattern ("X news agency", "the channel X"); the lists only make the kind guess better.
"""

import re

from catalog.choices import OrganizationKind, Platform

# (pattern, platform). "X" is matched only where it can only mean the platform.
PLATFORM_PATTERNS = [
    (r"\bTelegram\b", Platform.TELEGRAM),
    (r"\bTwitter\b|\b(?:on|to|via) X\b|\bX (?:account|post|feed|user)s?\b|(?<=/)X\b|\bX(?=/)", Platform.X_TWITTER),
    (r"\bFacebook\b", Platform.FACEBOOK),
    (r"\bYouTube\b", Platform.YOUTUBE),
    (r"\bVKontakte\b|\bVK\b", Platform.VKONTAKTE),
    (r"\bweb ?sites?\b", Platform.WEBSITE),
    (
        r"\bfile-sharing\b|\bfile sharing\b|\bArchive\.org\b|\bInternet Archive\b|\bGoogle Drive\b|\bDropbox\b",
        Platform.FILE_SHARING,
    ),
    (
        r"\bsocial media\b|\bWhatsApp\b|\bInstagram\b|\bTikTok\b|\bMessenger\b|\bRocket\.Chat\b|\bSignal\b"
        r"|\btelevision\b|\bTV\b",
        Platform.OTHER,
    ),
]
PLATFORM_NAMES = {
    "Telegram",
    "Twitter",
    "X",
    "Facebook",
    "YouTube",
    "VKontakte",
    "VK",
    "WhatsApp",
    "Instagram",
    "TikTok",
    "Messenger",
    "Signal",
    "Rocket.Chat",
    "Archive.org",
}

ARMED = OrganizationKind.ARMED_GROUP
MEDIA = OrganizationKind.ARMED_GROUP_MEDIA
NEWS = OrganizationKind.NEWS_OUTLET

# (pattern, kind). Matched case-sensitively so that "IS" is not "is".
KNOWN_ORGANISATIONS = [
    (r"Islamic State(?: group)?|ISIS-K|ISKP|ISIS|Isis|ISIL|Daesh|IS(?= fighters| militants)", ARMED),
    (r"[Aa]l-Qaeda in the Arabian Peninsula|AQAP|AQIM|[Aa]l-Qaeda", ARMED),
    (r"[Aa]l-Shabaab|Boko Haram|ISWAP|JNIM|Abu Sayyaf|Hayat Tahrir al-Sham|HTS", ARMED),
    (r"Tehreek-e-Taliban Pakistan|TTP|Taliban", ARMED),
    (r"Houthi movement|Houthis|Ansar Allah|Hezbollah|Hamas|Islamic Jihad|Kataib Hezbollah", ARMED),
    (r"Kurdistan Workers' Party|PKK|YPG|SDF|Wagner(?: Group)?|Rapid Support Forces|RSF", ARMED),
    (r"Amaq|[Aa]l-Naba|Nashir|[Aa]l-Furqan|[Aa]l-Hayat Media Cent(?:er|re)|[Aa]l-Malahem|[Aa]s-Sahab", MEDIA),
    (r"Shahada News Agency|Shahada|[Aa]l-Kataib|[Aa]l-Masirah|[Aa]l-Manar|Ebaa|Umar Media", MEDIA),
    (r"Tass|TASS|RIA Novosti|Interfax|Sputnik|Associated Press|AP(?= |\b)|Reuters|AFP|Agence France-Presse", NEWS),
    (r"Anadolu|SANA|Saba|IRNA|Fars|Tasnim|Xinhua|Ukrinform|UNIAN|Firat News Agency|ANF|Lusa|RT", NEWS),
    (r"[Aa]l-Ikhbariya|Rossiya 24|Al Jazeera|Al Arabiya|BBC|CNN", NEWS),
]
# Outlets that are news agencies in their own right: what they publish, they distribute.
AGENCY = re.compile(r"^(?:Amaq|Shahada|Ebaa|Nashir)\b|\b(?:[Nn]ews|[Pp]ropaganda) [Aa]gency$")
KNOWN_ORGANISATION = re.compile("|".join(rf"(?:\b(?:{pattern})\b)" for pattern, _ in KNOWN_ORGANISATIONS))


def known_kind(name):
    for pattern, kind in KNOWN_ORGANISATIONS:
        if re.fullmatch(pattern, name):
            return kind
    return None


# Words that make a phrase a media outlet, a government body or an armed group.
MEDIA_HEADS = (
    r"news agency|News Agency|media foundation|Media Foundation|Foundation|media cent(?:er|re)|"
    r"Media Cent(?:er|re)|media office|media wing|media arm|propaganda agency|TV|television|"
    r"Television|channel|newsletter"
)
GOVERNMENT_HEADS = (
    r"ministry|Ministry|General Staff|National Guard|Security Service|Foreign Office|"
    r"Kremlin|Pentagon|army|military|police|government|Government|Command|directorate|"
    r"Inter-Services Public Relations|intelligence"
)
ARMED_HEADS = r"group|militants|rebels|movement|forces|Forces|militias|fighters|insurgents"

# Reporting verbs. A claim is a statement a party makes; a denial contradicts one.
CLAIM_VERBS = (
    r"said|says|say|saying|told|tells|tell|claimed|claims|claim|claiming|stated|states|announced|announces|"
    r"alleged|alleges|purports|purported|purporting|asserted|asserts|insisted|insists|confirmed|confirms|"
    r"accused|accuses|acknowledged|acknowledges|reported|reports|described|describes"
)
DENIAL_VERBS = r"denied|denies|deny|denying|dismissed|dismisses|rejected|rejects|refuted|refutes"
REPEAT_VERBS = r"repeated|repeats|reiterated|reiterates"
RELEASE_VERBS = (
    r"released|releases|published|publishes|posted|posts|posting|aired|airs|broadcast|broadcasts|shared|"
    r"shares|issued|issues|distributed|produced|uploaded|credited to|put out|publishing|releasing|issuing"
)

MEDIA_NOUNS = {
    "video": "video",
    "videos": "video",
    "footage": "video",
    "clip": "video",
    "film": "video",
    "photo": "image",
    "photos": "image",
    "photograph": "image",
    "photographs": "image",
    "image": "image",
    "images": "image",
    "picture": "image",
    "pictures": "image",
    "interview": "video",
    "interviews": "video",
    "audio": "audio",
    "recording": "audio",
    "statement": "document",
    "document": "document",
    "letter": "document",
    "newsletter": "document",
}
MEDIA_KIND_ORDER = ["video", "image", "audio", "document"]

GRAPHIC_HINTS = [
    (
        r"\b(?:captured|prisoners?|captives?|hostages?|POWs?|handcuff\w*|kidnapped|abducted|detained|"
        r"taken prisoner|surrendered|hands tied)\b",
        "prisoners",
    ),
    (r"\b(?:injured|wounded|bruised|bloodied|bandaged|sling)\b", "injured"),
    (r"\b(?:bodies|corpses?|dead)\b", "dead"),
    (r"\b(?:executed|execution|beheaded|beheading)\b", "execution"),
]

LANGUAGE_WORDS = re.compile(
    r"\b(?:(?:speaks?|speaking|spoke)\s+(?:[a-z]+\s+){0,2}?(?:in\s+)?|(?:says|said|adds|added|answers?|answering|"
    r"questions|reads?|pleads?|pleading)\s+(?:[a-z]+\s+){0,2}?in\s+)"
    r"(?:[A-Z][a-z]+(?:i|ian)\s+(?=[A-Z]))?(?P<language>[A-Z][a-z]+)\b(?:\s+(?:and|&)\s+(?P<second>[A-Z][a-z]+))?"
)
