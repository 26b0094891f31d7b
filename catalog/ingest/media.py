"""The media item a report is about: its kind, release date, producer, channels and organisations."""

import re
from dataclasses import dataclass

from catalog.choices import MediaKind, OrganizationKind, Platform

from .dates import find_temporal, format_date
from .names import language_code
from .phrases import ORGANISATION_PHRASE, trim_phrase
from .producers import (
    MEDIA_NOUN,
    RELEASE,
    UNNAMED_DISTRIBUTOR,
    find_producer,
    release_verb_near_media,
)
from .vocabulary import (
    AGENCY,
    GOVERNMENT_HEADS,
    GRAPHIC_HINTS,
    KNOWN_ORGANISATION,
    LANGUAGE_WORDS,
    MEDIA_HEADS,
    MEDIA_KIND_ORDER,
    MEDIA_NOUNS,
    PLATFORM_PATTERNS,
    known_kind,
)

_PASSIVE_DISTRIBUTION = re.compile(
    r"\b(?:distributed|republished|released|published|shared|issued|credited to)\s+(?:by|through|to)\s+"
    r"(?P<agent>[^,.;:()]+?(?:news agency|News Agency|propaganda agency))\b"
)


@dataclass
class OrganisationProposal:
    name: str
    kind: str
    roles: list[str]
    evidence: str
    affiliation: str = ""

    def to_dict(self):
        return {
            "name": self.name,
            "kind": str(self.kind),
            "roles": list(self.roles),
            "affiliation": self.affiliation,
            "evidence": self.evidence,
        }


@dataclass
class ChannelProposal:
    platform: str
    name_as_written: str
    evidence: str
    operator: str = ""

    def to_dict(self):
        return {
            "platform": str(self.platform),
            "name_as_written": self.name_as_written,
            "operator": self.operator,
            "evidence": self.evidence,
        }


@dataclass
class MediaItemProposal:
    kind: str
    title_suggestion: str
    release: object  # dates.TemporalRef or None
    producer: str
    producer_affiliation: str
    graphic: list[str]
    languages: list[str]
    evidence: str
    producer_evidence: str = ""
    wire: str = ""  # the news agency that distributes the item, when one does
    distributed_by: str = ""  # "a channel associated with Hezbollah": a distributor the report does not name

    def __post_init__(self):
        self.distributed_by = self.distributed_by or ""

    def to_dict(self):
        return {
            "kind": str(self.kind),
            "title_suggestion": self.title_suggestion,
            "release_date": format_date(self.release.day, self.release.precision) if self.release else None,
            "release_date_text": self.release.text if self.release else "",
            "producer": self.producer,
            "producer_affiliation": self.producer_affiliation,
            "graphic": list(self.graphic),
            "languages": list(self.languages),
            "evidence": self.evidence,
            "producer_evidence": self.producer_evidence,
            "distributed_by": f"distributed by {self.distributed_by}" if self.distributed_by else "",
        }


def describe_media_item(report, sentences, reference):
    release_sentence = next((s.text for s in sentences if release_verb_near_media(s.text)), "")
    kind = _kind(release_sentence, report)
    release = _release_date(release_sentence, reference) if release_sentence else None
    producer, affiliation, producer_evidence = find_producer(report, sentences)
    text = " ".join([report.title, *report.paragraphs])
    distributor = UNNAMED_DISTRIBUTOR.search(text)
    if affiliation.lower() == "the group":
        # "the group's al-Kataib": the group is the armed group the report names first.
        groups = [
            m.group(0)
            for m in KNOWN_ORGANISATION.finditer(text)
            if known_kind(m.group(0)) == OrganizationKind.ARMED_GROUP
        ]
        affiliation = groups[0] if groups else ""
    graphic = [hint for pattern, hint in GRAPHIC_HINTS if re.search(pattern, text, re.IGNORECASE)]
    spoken = [name for m in LANGUAGE_WORDS.finditer(text) for name in m.groups() if name]
    spoken += re.findall(r"\b([A-Z][a-z]+) subtitles\b", text)
    languages = list(dict.fromkeys(code for code in map(language_code, spoken) if code))
    return MediaItemProposal(
        kind=kind,
        title_suggestion="",
        release=release,
        producer=producer,
        producer_affiliation=affiliation,
        graphic=graphic,
        languages=languages,
        evidence=release_sentence,
        producer_evidence=producer_evidence,
        wire=_distributing_agency(text, producer, producer_evidence),
        distributed_by=trim_phrase(distributor.group("distributor")) if distributor else "",
    )


def _kind(sentence, report):
    nouns = [MEDIA_NOUNS[m.group(0).lower()] for m in MEDIA_NOUN.finditer(sentence)]
    if not nouns:
        nouns = [MEDIA_NOUNS[m.group(0).lower()] for p in report.paragraphs for m in MEDIA_NOUN.finditer(p)]
    if not nouns:
        return MediaKind.VIDEO
    return MediaKind(min(nouns, key=MEDIA_KIND_ORDER.index))


def _release_date(sentence, reference):
    verbs = list(RELEASE.finditer(sentence))
    dates = find_temporal(sentence, reference)
    if not verbs or not dates:
        return None
    verb = next((v for v in verbs if MEDIA_NOUN.search(sentence[max(0, v.start() - 60) : v.end() + 60])), verbs[0])
    near = [d for d in dates if _words_between(sentence, verb, d) <= 8 and not _since(sentence, d)]
    if near:
        return min(near, key=lambda d: _words_between(sentence, verb, d))
    # "claimed ... on Monday, posting footage" / "said on Sunday ..., and released pictures": the main clause's day.
    if verb.group(0).endswith("ing") or re.search(r"(?:,|\band)\s*$", sentence[: verb.start()]):
        earlier = [d for d in dates if d.end <= verb.start()]
        return earlier[-1] if earlier else None
    return None


def _words_between(sentence, verb, date):
    start, end = (verb.end(), date.start) if date.start >= verb.end() else (date.end, verb.start())
    return len(sentence[start:end].split())


def _since(sentence, date):
    return bool(re.search(r"\b(?:since|until)\s*$", sentence[: date.start]))


def _distributing_agency(text, producer, producer_evidence):
    """A news agency that distributes the item: the producer itself, or one named as distributing it."""
    if producer and (
        AGENCY.search(producer)
        or known_kind(producer) == OrganizationKind.NEWS_OUTLET
        or re.search(re.escape(producer) + r"[\w\s'’-]{0,12}?\bagency\b", producer_evidence, re.IGNORECASE)
    ):
        return producer
    match = _PASSIVE_DISTRIBUTION.search(text)
    return trim_phrase(match.group("agent")) if match else ""


def extract_channels(report, media_item):
    """Platforms the item is said to be on, once each, in order of mention."""
    channels, seen = [], set()
    if media_item.wire:
        channels.append(
            ChannelProposal(Platform.NEWS_WIRE, media_item.wire, media_item.producer_evidence, operator=media_item.wire)
        )
        seen.add(Platform.NEWS_WIRE)
    for text in [*report.paragraphs, *report.captions]:
        for pattern, platform in PLATFORM_PATTERNS:
            for match in re.finditer(pattern, text):
                sentence = _sentence_of(text, match.start())
                if platform in seen or _not_where_it_is(text, match, sentence):
                    continue
                seen.add(platform)
                channels.append(ChannelProposal(platform, match.group(0), sentence))
    return channels


_SPEAKS = re.compile(r"^\s+(?:said|says|reported|reports|claimed|claims|stated|announced|quoted)\b")
_NOT_POSTED = re.compile(
    r"\b(?:did|does|has|have|had|was|were|is|are)\s*(?:not|n['’]t)\s+(?:\w+\s+)?"
    r"(?:air|aired|post|posted|publish|published|share|shared|broadcast|upload|uploaded|carry|carried)\b|\bnever\s+"
    r"(?:aired|posted|published|shared|broadcast|uploaded|carried)\b"
)


def _not_where_it_is(text, match, sentence):
    """'al-Manar television said', 'its al-Manar television did not air it': an outlet speaking, or a platform
    the report says the item is not on."""
    return bool(_SPEAKS.match(text[match.end() :]) or _NOT_POSTED.search(sentence[sentence.find(match.group(0)) :]))


def _sentence_of(text, position):
    start = max(text.rfind(". ", 0, position) + 2, 0) if text.rfind(". ", 0, position) != -1 else 0
    end = text.find(". ", position)
    return text[start : end + 1 if end != -1 else len(text)].strip()


def extract_organisations(report, sentences, media_item, claims):
    """Organisations named in the report, each once, with their roles in it."""
    found = {}

    def add(name, role, evidence, kind=None, affiliation=""):
        name = name.strip()
        if not name:
            return
        key = next(
            (k for k in found if k.startswith(name.casefold() + " ") or name.casefold().startswith(k + " ")),
            name.casefold(),
        )
        if key not in found:
            found[key] = OrganisationProposal(name, kind or _kind_of(name), [], evidence, affiliation)
        if role and role not in found[key].roles:
            found[key].roles.append(role)

    if report.outlet:
        add(report.outlet, "source_outlet", f"({report.outlet}) --", OrganizationKind.NEWS_OUTLET)
    if media_item.producer:
        add(media_item.producer, "producer", media_item.producer_evidence, affiliation=media_item.producer_affiliation)
    if media_item.producer_affiliation:
        add(media_item.producer_affiliation, "affiliate", media_item.producer_evidence)
    for sentence in sentences:
        for match in KNOWN_ORGANISATION.finditer(sentence.text):
            role = "wire" if known_kind(match.group(0)) == OrganizationKind.NEWS_OUTLET else ""
            add(match.group(0), role, sentence.text)
    for claim in claims:
        for match in KNOWN_ORGANISATION.finditer(claim.claimant):
            add(match.group(0), "claimant", claim.evidence)
        if not KNOWN_ORGANISATION.search(claim.claimant) and ORGANISATION_PHRASE.fullmatch(claim.claimant):
            add(claim.claimant, "claimant", claim.evidence)
    return list(found.values())


def _kind_of(name):
    kind = known_kind(name)
    if kind:
        return kind
    if re.search(rf"\b(?:{MEDIA_HEADS})\b", name):
        return OrganizationKind.ARMED_GROUP_MEDIA
    if re.search(rf"\b(?:{GOVERNMENT_HEADS})\b", name):
        return OrganizationKind.GOVERNMENT_BODY
    return OrganizationKind.OTHER
