"""Where a sentence reports a statement: reporting verbs ("said", "denied", "claimed"), "according to X",
"X-claimed" and passive agents ("was denied by X"), each with the span its statement covers; nouns that look like
verbs ("the claims", "a Russian report") are told apart here."""

import re
from dataclasses import dataclass

from .claimants import PRONOUNS
from .names import is_demonym
from .phrases import ADVERBS, trim_phrase
from .quotes import SPEECH_VERBS
from .vocabulary import CLAIM_VERBS, DENIAL_VERBS, REPEAT_VERBS

_VERB = re.compile(rf"\b(?P<verb>{CLAIM_VERBS}|{DENIAL_VERBS}|{REPEAT_VERBS}|adding)\b")

_SIMILAR_STATEMENT = re.compile(
    r"\b(?P<verb>releasing|released|issuing|issued|making|made|publishing|published) an? "
    r"(?:near-identical|nearly identical|similar|identical) statement\b"
)

_ACCORDING = re.compile(r"\b[Aa]ccording to (?P<source>[^,.;]+)")

_HYPHEN_CLAIMED = re.compile(r"\b(?P<claimant>[A-Z][\w]*(?:-[A-Z][\w]*)*)-claimed\b")

_PASSIVE_AGENT = re.compile(
    r"\b(?P<aux>(?:had|has|have) been|was|were|is|are|being) (?P<verb>blamed|accused|claimed|denied) "
    r"by (?P<agent>[^,.;]+?)(?=[,.;]|\s+(?:for|of|as|in|on)\b|$)"
)

_NOUN_MARKERS = {
    "the",
    "a",
    "an",
    "these",
    "those",
    "this",
    "such",
    "its",
    "their",
    "his",
    "her",
    "our",
    "of",
    "to",
    "in",
    "on",
    "about",
    "against",
    "with",
    "from",
    "despite",
    "no",
    "any",
    "similar",
    "false",
    "unfounded",
    "baseless",
    "groundless",
    "new",
    "earlier",
    "previous",
    "initial",
    "unverified",
    "by",
    "for",
    "and",
    "or",
}

_DETERMINERS = {"the", "a", "an", "these", "those", "this", "such", "its", "their", "his", "her", "our", "no", "any"}

_CLAIM_NOUNS = {"claim", "claims", "report", "reports", "say", "claimed", "reported", "described", "repeated"}

_DENIAL_OBJECTS = re.compile(
    r"^\s*(?:on \w+\s+)?what (?:it|they|he|she|the \w+) (?:called|described as|termed)\b|^\s*(?:[\w'’-]+\s+){0,3}?(?:claims?|reports?|allegations?|accusations?|videos?|footage|images?|photos?|"
    r"pictures?|figures?|toll|suggestions?|statements?|account)\b|^\s*(?:that|as)\b"
)

_BOUNDARY = re.compile(
    # "(MIT) said": a bracketed acronym belongs to the subject before it.
    r"(?:[,;:]|\((?![A-Z][\w-]*\))|\s(?:and|but|while|whereas|that|because|although|though|when|after|before|as|with)\s)"
)

_NEGATED = re.compile(r"\b(?:not|never|n't|no longer)\s+(?:\w+\s+)?$")

_PASSIVE_BEFORE = re.compile(rf"\b(?:was|were|is|are|been|being|be)\s+(?:(?:{ADVERBS})\s+)?$", re.IGNORECASE)


@dataclass
class Trigger:
    start: int
    end: int
    verb: str
    form: str  # "verb", "denial", "repeat", "according", "hyphen" or "passive"
    claimant: str = ""
    span_start: int = 0
    span_end: int = 0


def _attributions(masked):
    """Offsets of the verbs that attribute a direct quote: those are not claims."""
    offsets = set()
    verbs = f"{SPEECH_VERBS}|{CLAIM_VERBS}"
    for match in re.finditer(r"…+", masked):
        after = re.match(rf"\s*,?\s*(?:[^\s,.;…]+,?\s+){{0,8}}?(?P<v>{verbs})\b", masked[match.end() :])
        if after:
            offsets.add(match.end() + after.start("v"))
        before = re.search(rf"\b(?P<v>{verbs})\b[^.;…]{{0,60}}[:,]\s*$", masked[: match.start()])
        if before:
            offsets.add(before.start("v"))
    return offsets


def find_triggers(masked, quoted):
    attributions = _attributions(masked) if quoted else set()
    triggers = []
    for match in _VERB.finditer(masked):
        verb = match.group("verb")
        if match.start() in attributions or not _is_reporting_verb(masked, match):
            continue
        form = (
            "denial" if re.fullmatch(DENIAL_VERBS, verb) else "repeat" if re.fullmatch(REPEAT_VERBS, verb) else "verb"
        )
        triggers.append(Trigger(match.start(), match.end(), verb, form))
    for match in _SIMILAR_STATEMENT.finditer(masked):
        triggers.append(Trigger(match.start(), match.end(), match.group("verb"), "repeat"))
    for match in _HYPHEN_CLAIMED.finditer(masked):
        triggers.append(Trigger(match.start(), match.end(), "claimed", "hyphen", match.group("claimant")))
    for match in _PASSIVE_AGENT.finditer(masked):
        triggers.append(
            Trigger(match.start(), match.end(), match.group("verb"), "passive", trim_phrase(match.group("agent")))
        )
    according = _ACCORDING.search(masked)
    if according and not triggers and not quoted:
        triggers.append(
            Trigger(
                according.start(), according.end(), "according to", "according", trim_phrase(according.group("source"))
            )
        )
    triggers.sort(key=lambda trigger: trigger.start)
    for trigger in triggers:
        trigger.span_start = _subject_start(masked, trigger)
    return triggers


def _is_reporting_verb(masked, match):
    verb, before, after = match.group("verb"), masked[: match.start()], masked[match.end() :]
    if _NEGATED.search(before) or _PASSIVE_BEFORE.search(before):
        return False
    words = re.findall(r"[\w'’-]+", before)
    if before.endswith("-"):
        return False  # "Isis-claimed": read as a claim of responsibility by the hyphen rule
    if (verb in _CLAIM_NOUNS or verb.endswith("ed")) and words:
        previous = words[-1]
        markers = _NOUN_MARKERS if verb in _CLAIM_NOUNS else _DETERMINERS
        if (
            previous.lower() in markers
            or is_demonym(previous)
            or re.fullmatch(f"{DENIAL_VERBS}|{REPEAT_VERBS}|cited|citing|quoted|quoting", previous)
        ):
            return False  # "the claims", "the alleged plot", "Russian reports", "denied reports": not a verb
        if verb in ("claim", "claims", "report", "reports") and len(words) > 1 and words[-2].lower() in _DETERMINERS:
            return False  # "the casualty claim", "a Russian report": a determiner and a modifier make a noun phrase
        if (
            verb in ("claim", "claims", "report", "reports")
            and previous[:1].isupper()
            and len(words) > 1
            and words[-2].lower() in _NOUN_MARKERS
            and previous.lower() not in PRONOUNS
        ):
            return False  # "in response to Isis claims": a noun phrase, not Isis claiming
    if re.match(r"\s+to\s+(?:be|have|show)\b", after) and verb == "said":
        return False  # "men said to be members": a passive infinitive, nobody's statement
    if verb.startswith("purporting") and re.search(
        r"\b(?:video|videos|footage|clip|image|images|photo|photos|picture|pictures|recording)\s*$", before
    ):
        return False  # "a video purporting to show ...": what the item is said to show, no party's statement
    if verb in ("described", "describes"):
        return bool(re.match(r"[^.;]{0,60}?\bas\b", after))
    if verb == "adding":
        return bool(re.match(r"\s+that\b", after))
    if re.fullmatch(DENIAL_VERBS, verb) and not verb.startswith("den"):
        # "rejected any negotiation" refuses; "rejected the claims" / "a claim ... rejected" denies.
        return bool(
            _DENIAL_OBJECTS.match(after)
            or re.search(
                r"\b(?:claims?|reports?|allegations?|accusations?|figures?|toll|account|version)\b[^,;]{0,40}$", before
            )
        )
    return True


def _subject_start(masked, trigger):
    if trigger.form in ("according", "passive"):
        return trigger.start
    boundary = None
    for match in _BOUNDARY.finditer(masked, 0, trigger.start):
        boundary = match
    return boundary.end() if boundary else 0
