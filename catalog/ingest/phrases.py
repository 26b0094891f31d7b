"""Small phrase-level helpers: subjects of verbs, organisation-like noun phrases, trimming."""

import re

from .quotes import person_phrase
from .vocabulary import ARMED_HEADS, GOVERNMENT_HEADS, KNOWN_ORGANISATION, MEDIA_HEADS

ADVERBS = (
    r"also|first|later|then|again|previously|repeatedly|swiftly|quickly|immediately|officially|publicly|"
    r"initially|earlier|since|already|reportedly|allegedly|separately|further|had|has|have|would|could|did|does|"
    r"was|were|is|are|themselves|itself|once|long|subsequently|promptly|flatly|strongly"
)
_TRAILING_ADVERBS = re.compile(rf"(?:\s+(?:{ADVERBS}))+$", re.IGNORECASE)
_LEADING_FILLERS = re.compile(
    r"^(?:(?:however|meanwhile|but|and|yet|still|separately|also|then|with|while|as|in addition)\b,?\s*)+",
    re.IGNORECASE,
)
_TEMPORAL_WORDS = (
    r"(?:(?:on|late on|early on|late|early)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?|yesterday|today|last (?:week|month|year)|this week|earlier this week"
)
_TEMPORAL_IN_PHRASE = re.compile(rf"\s*\b(?:{_TEMPORAL_WORDS})\b", re.IGNORECASE)
# Verbs that end the subject of a sentence: the first of them starts the predicate.
PREDICATE_START = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|released|releases|published|publishes|posted|"
    r"posts|aired|airs|broadcast|broadcasts|shared|shares|issued|issues|distributed|uploaded|appears?|shows?|"
    r"showed|said|says|say|told|tells|claimed|claims|denied|denies|stated|announced|alleged|purports|"
    r"speaks|speak|spoke|sits|sit|stands|looks|gives|identifies|introduces|names|does|did)\b"
)
ORGANISATION_PHRASE = re.compile(
    rf"(?:(?:[Tt]he|[Aa]n?|[Ii]ts)\s+)?(?:(?:[A-Z][\w'’.-]*|[a-z][\w-]*-(?:run|backed|linked|led)|state|paramilitary|"
    rf"military|official|banned|outlawed|self-styled|media|propaganda|national|provincial|armed|militant|"
    rf"jihadist|Islamist|rebel|defen[cs]e|foreign|interior|security)(?:'s|’s)?\s+){{0,5}}"
    rf"(?:{MEDIA_HEADS}|{GOVERNMENT_HEADS}|{ARMED_HEADS}|office|service|Service|party|Party|coalition|channel)\b"
)


def trim_phrase(phrase):
    """A subject phrase without leading fillers, temporal words or trailing adverbs and auxiliaries."""
    phrase = _TEMPORAL_IN_PHRASE.sub("", phrase.strip(" ,;:"))
    phrase = re.sub(r"^\s*[-–—]+\s*", "", phrase)  # "NAIROBI, Thursday -- X": the dash of a wire dateline
    phrase = _LEADING_FILLERS.sub("", phrase)
    phrase = _TRAILING_ADVERBS.sub("", phrase)
    phrase = re.sub(
        r"^(?:a|the|which|whose)\s+(?:claim|report|allegation|figure|account)s?\s+(?:that\s+)?",
        "",
        phrase,
        flags=re.IGNORECASE,
    )
    return phrase.strip(" ,;:")


# "(nation-africa) -- NAIROBI, Thursday -- X released": the outlet tag and a wire dateline are not the subject.
WIRE_PREFIX = re.compile(
    r"^(?:\([^)\s]+\)\s*[-–—]{1,2}\s*)?(?:[A-Z][A-Z'’.-]+(?:[ /][A-Z][A-Z'’.-]+)*,\s+[^-–—]{0,40}?\s+[-–—]{1,2}\s+)?"
)


def sentence_subject(sentence):
    """The subject of a sentence: its first comma-separated phrase, up to the first verb."""
    head = re.split(r",\s+", WIRE_PREFIX.sub("", sentence), maxsplit=1)[0]
    predicate = PREDICATE_START.search(head)
    return trim_phrase(head[: predicate.start()] if predicate else head)


def is_media_phrase(phrase):
    return bool(
        re.match(
            r"^(?:the|a|an|this|that)?\s*(?:[\w-]+\s+){0,2}(?:video|footage|clip|images?|photos?|"
            r"photographs?|pictures?|recording|message|statement)\b",
            phrase,
            re.IGNORECASE,
        )
    )


def organisation_before(text):
    """The last organisation-like phrase in `text` (a known group, or a phrase with an organisation head)."""
    candidates = [(m.start(), m.group(0)) for m in ORGANISATION_PHRASE.finditer(text)]
    candidates += [(m.start(), _extend_left(text, m.start(), m.group(0))) for m in KNOWN_ORGANISATION.finditer(text)]
    if not candidates:
        return ""
    return trim_phrase(max(candidates, key=lambda item: item[0])[1])


def _extend_left(text, start, name):
    """'Russia's' + 'Hmeymim' and 'the banned' + 'TTP': keep the words that belong to the name."""
    before = re.search(r"(?:(?:[Tt]he|[A-Z][\w'’-]*(?:'s|’s))\s+)+$", text[:start])
    return (before.group(0) if before else "") + name


def resolve_pronoun(pronoun, before, previous_sentence, fallback=""):
    """What 'it', 'they', 'he' or 'she' stands for, from the text before it."""
    pronoun = pronoun.lower()
    if pronoun in ("he", "she", "him", "her"):
        return person_phrase(before) or person_phrase(previous_sentence) or fallback or pronoun
    subject = sentence_subject(before) if before.strip() else ""
    if subject and subject.lower() not in ("it", "they", "he", "she") and not is_media_phrase(subject):
        return subject
    return organisation_before(before) or fallback or pronoun
