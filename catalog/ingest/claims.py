"""Claims and denials: the statements parties make in the report's narration, with their dates.

A claim is a reporting verb (said, claimed, announced...) with a party as its subject; a denial is
a verb of denying; "repeated" and "a similar statement" repeat the statement before. Quoted words
stay quotes (they are listed with their speakers); the claims come from the narration around them.
"""

import re
from dataclasses import dataclass, field

from catalog.choices import ClaimKind, ClaimRelation

from .claimants import claimant_of
from .dates import date_range, find_temporal, format_date
from .links import infer_denial_kinds, link_claims, same_party, same_side
from .phrases import is_media_phrase
from .quoted_denials import drop_unanswering, quoted_denials
from .quotes import QUOTE_SPAN
from .triggers import find_triggers

_CLAUSAL_AFTER = re.compile(r"^\s*(?:that|it|they|he|she|its|their|the\s+\w+\s+(?:was|were|had|is|are))\b")
_SELF_CONTENT = re.compile(
    r"^\s*(?:,\s*in \w+,\s*)?(?:that\s+)?(?:(?:his|her) name\b|"
    r"(?:he|she) (?:is|was) (?:\d|[A-ZА-Я]|from\b|born\b|a native\b)|"
    r"(?:he|she|they) (?:serves|served|is serving|joined|belongs|belonged|belong|is a member|was a member|"
    r"(?:was|were|is|are) fighting|fought)\b)"
)
_EMBEDDED_ATTRIBUTION = re.compile(
    r"\b(?:video|videos|footage|clip|clips|images?|photos?|photographs?|recording|message|post)\s+"
    r"(?:that\s+|which\s+)?(?:it|they)\s+$"
)
_AND_THAT = re.compile(r",?\s+and that\s+")
_EVENT_OBJECT = re.compile(
    r"^\s*(?:responsibility for\s+)?(?:an?|the|two|three|several|\d+)?\s*(?:[\w-]+\s+){0,2}?"
    r"(?:attacks?|bombings?|abductions?|kidnappings?|assaults?|strikes?|killings?|raids?|explosions?|blasts?)\b",
    re.IGNORECASE,
)
_MEDIUM_THEN_DATE = re.compile(
    r"\bin (?:an?|the|its) (?:[\w-]+ )?(?:message|statement|video|post|recording|broadcast|communiqué)\b", re.IGNORECASE
)
# Said in the item: "says in the video", "In the video, X says", "to the camera" ("the man shown in the video" is not).
_MEDIA_CONTEXT = re.compile(
    r"(?:^|\b(?:said|says|say|told|tells|claimed|claims|stated|states|adds|added)\s+(?:\w+\s+){0,2})"
    r"in the (?:video|clip|footage|message|recording)\b|\bto the camera\b|\bon camera\b",
    re.IGNORECASE,
)
_PEOPLE_IN_ITEM = re.compile(
    r"^(?:(?:the|one of the|another|one)\s+(?:first |second |third |other )?(?:man|men|woman|women|prisoners?|"
    r"captives?|hostages?|soldiers?|speaker)|one of them|both|each of them|all of them|"
    r"the (?:video|footage|clip|message|recording))\b",
    re.IGNORECASE,
)
_TRAILING_JOINERS = re.compile(r"(?:[\s,;]+(?:and|but|that|while|as|with))+\s*$")
_CLAUSAL_VERBS = {
    "said",
    "says",
    "say",
    "told",
    "tells",
    "tell",
    "stated",
    "states",
    "announced",
    "announces",
    "insisted",
    "insists",
    "alleged",
    "alleges",
    "confirmed",
    "confirms",
    "asserted",
    "asserts",
    "acknowledged",
    "acknowledges",
    "accused",
    "accuses",
    "reported",
    "reports",
}

_KIND_RULES = [
    (ClaimKind.RESPONSIBILITY, r"\bresponsibility\b|\binvolvement\b"),
    (
        ClaimKind.CAPTURE,
        r"\bcaptur\w*|\btaken prisoner|\bprisoners?\b|\bsurrender\w*|\babduct\w*|\bkidnap\w*|"
        r"\bdetain\w*|\bhostages?\b|\bcaptives?\b|\bPOWs?\b|\bhad fallen\b|\bin control of\b|"
        r"\boverr[au]n\b|\bmissing\b|\blost contact\b|\bseized\b",
    ),
    (
        ClaimKind.CASUALTY,
        r"\bkill\w*|\bdead\b|\bdied\b|\bdeaths?\b|\bwound\w*|\binjur\w*|\bhurt\b|\bcasualt\w*|"
        r"\blosses\b|\bdeath toll\b",
    ),
    (
        ClaimKind.RESPONSIBILITY,
        r"\battack\w*|\bbomb\w*|\bdowned\b|\bshot down\b|\bbrought down\b|\bdestroy\w*|"
        r"\bstruck\b|\bstrikes?\b|\bcarried (?:it )?out\b|\btargeted\b|\btargeting\b|\bblamed\b",
    ),
    (
        ClaimKind.IDENTITY,
        r"\bmembers? of\b|\bmercenar\w*|\bidentit\w*|\bvolunteers?\b|\bcivilians?\b|" r"\bservicemen\b|\bnot a\b",
    ),
    (ClaimKind.LOCATION, r"\bfilmed in\b|\brecorded in\b|\blocated\b|\bheld in\b"),
    (ClaimKind.DATE, r"\bfilmed on\b|\brecorded on\b|\bis old\b|\bare old\b"),
]


@dataclass
class ClaimProposal:
    text: str
    kind: str
    claimant: str
    evidence: str
    paragraph: int
    is_denial: bool = False
    stated_on: object = None  # datetime.date
    stated_on_precision: str = "day"
    stated_on_text: str = ""
    denies: list[int] = field(default_factory=list)
    repeats: list[int] = field(default_factory=list)
    sentence: int = 0
    from_quote: bool = False  # a party's quoted denial, kept only when it answers a claim

    def to_dict(self):
        relations = [{"relation": ClaimRelation.DENIES.value, "target": i} for i in self.denies]
        relations += [{"relation": ClaimRelation.REPEATS.value, "target": i} for i in self.repeats]
        earliest, latest = date_range(self.stated_on, self.stated_on_precision)
        return {
            "text": self.text,
            "kind": str(self.kind),
            "claimant": self.claimant,
            "is_denial": self.is_denial,
            "stated_on": format_date(self.stated_on, self.stated_on_precision),
            "stated_on_precision": self.stated_on_precision if self.stated_on else None,
            "stated_on_text": self.stated_on_text,
            "stated_on_earliest": earliest.isoformat() if earliest else None,
            "stated_on_latest": latest.isoformat() if latest else None,
            "relations": relations,
            "evidence": self.evidence,
        }


def extract_claims(sentences, quotes, identities, release, reference):
    """Claims in report order; `release` is the media item's release (TemporalRef or None)."""
    people = {name.casefold() for identity in identities for name in [identity.name_as_stated, *identity.name_variants]}
    claims, previous_sentence = [], ""
    for number, sentence in enumerate(sentences):
        quoted = [q for q in quotes if q.paragraph == sentence.paragraph and q.text in sentence.text]
        for claim in _sentence_claims(sentence, number, quoted, identities, previous_sentence, claims, reference):
            if claim.stated_on is None and release is not None and _said_in_item(claim, people):
                claim.stated_on, claim.stated_on_precision = release.day, release.precision
                claim.stated_on_text = f"the release of the item ({release.text})"
            claims.append(claim)
        claims.extend(quoted_denials(sentence, number, quoted, people, reference, ClaimProposal))
        previous_sentence = sentence.text
    infer_denial_kinds(claims)
    link_claims(claims)
    return drop_unanswering(claims, same_side)


def _sentence_claims(sentence, number, quoted, identities, previous_sentence, earlier, reference):
    text = sentence.text
    masked = _mask_quotes(text, quoted)
    triggers = find_triggers(masked, quoted)
    # "said it had opened a case over a video it said showed ...": a pronoun's attribution inside the content of an
    # earlier statement of the sentence describes that statement's object; it is no statement of its own.
    triggers = [
        t
        for number, t in enumerate(triggers)
        if not (number and t.form == "verb" and _EMBEDDED_ATTRIBUTION.search(masked[: t.start]))
    ]
    claims, made = [], []
    for index, trigger in enumerate(triggers):
        later = [t for t in triggers[index + 1 :] if t.span_start > trigger.start and t.form != "passive"]
        trigger.span_end = later[0].span_start if later and trigger.form != "passive" else len(text)
        context = _Context(sentence, number, quoted, identities, previous_sentence, earlier + claims, made, reference)
        claim = _claim(trigger, text, masked, context, first=not made)
        if claim is not None:
            claims.append(claim)
            made.append(trigger)
    return _merge_same_statement(claims)


@dataclass
class _Context:
    sentence: object
    number: int
    quoted: list
    identities: list
    previous_sentence: str
    earlier: list
    made: list
    reference: object


def _mask_quotes(text, quoted):
    texts = {q.text for q in quoted}

    def hide(match):
        inner = next(group for group in match.groups() if group is not None).strip().rstrip(",،").strip()
        # A quote's text leaves out the full stop that closes it inside the marks.
        return "…" * len(match.group(0)) if inner in texts or inner.rstrip(".") in texts else match.group(0)

    return QUOTE_SPAN.sub(hide, text)


def _claim(trigger, text, masked, context, first):
    after = masked[trigger.end : trigger.span_end]
    content = after
    claimant, coordinated_with = claimant_of(trigger, masked, context)
    if not claimant:
        return None
    if trigger.verb.startswith("purport") and is_media_phrase(claimant) and not context.made:
        return None  # "A video circulating on X purports to show ...": an item is not a party
    if trigger.form == "verb" and _SELF_CONTENT.match(after):
        rest = _AND_THAT.search(after)
        if not rest or _SELF_CONTENT.match(after[rest.end() :]):
            return None  # a self-identification: an identity, not a claim
        # "says that he is X, ..., and that he was recruited": the statement is what follows "and that".
        content = after[rest.end() :]
        first = False
        trigger.span_start = trigger.end + rest.start()
    post_positioned = _is_post_positioned(masked, trigger)
    if trigger.form == "passive":
        start, end = trigger.start, trigger.end
    elif post_positioned or trigger.form == "according":
        start, end, content = 0, len(text), masked
    else:
        # The first statement of a sentence keeps the words before it, unless they are a quotation.
        first = first and "…" not in masked[: trigger.span_start]
        start, end = (0 if first else min(trigger.span_start, trigger.start)), trigger.span_end
    claim = ClaimProposal(
        text=_TRAILING_JOINERS.sub("", text[start:end]).strip(" ,;"),
        kind=_kind(masked[trigger.start : end] if trigger.form == "hyphen" else content, trigger),
        claimant=claimant,
        evidence=text,
        paragraph=context.sentence.paragraph,
        is_denial=trigger.form == "denial",
        sentence=context.number,
    )
    if trigger.form == "repeat" and context.earlier:
        target = len(context.earlier) - 1
        claim.repeats = [target]
        claim.kind, claim.is_denial = context.earlier[target].kind, context.earlier[target].is_denial
    date_from = 0 if first and not post_positioned else trigger.span_start
    _date(claim, trigger, masked, date_from, context.reference, coordinated_with)
    return claim


def _is_post_positioned(masked, trigger):
    """'..., a military spokesman said on Tuesday.': the whole sentence is the statement."""
    if trigger.form != "verb" or not masked[: trigger.span_start].rstrip().endswith(","):
        return False
    return bool(re.fullmatch(r"\s*(?:(?:on|late on|early on)\s+)?[\w ]{0,20}?[.!?]?\s*", masked[trigger.end :]))


def _kind(content, trigger):
    if trigger.form == "hyphen" or trigger.verb == "blamed":
        return ClaimKind.RESPONSIBILITY
    if (
        trigger.form == "verb"
        and trigger.verb.startswith("claim")
        and re.match(r"\s*(?:responsibility|the attack)", content)
    ):
        return ClaimKind.RESPONSIBILITY
    if trigger.form == "verb" and trigger.verb.startswith("claim") and _EVENT_OBJECT.match(content):
        return ClaimKind.RESPONSIBILITY
    for kind, pattern in _KIND_RULES:
        if re.search(pattern, content, re.IGNORECASE):
            return kind
    return ClaimKind.OTHER


def _date(claim, trigger, masked, date_from, reference, coordinated_with):
    """The day of the statement: a date next to its verb, never one inside what was said."""
    before = find_temporal(masked[date_from : trigger.start], reference)
    chosen = before[-1] if before else _date_after_verb(trigger, masked, reference)
    if chosen is None and trigger.form in ("verb", "denial"):
        chosen = _date_of_saying(masked[trigger.end :], reference)
    if chosen is not None:
        claim.stated_on, claim.stated_on_precision, claim.stated_on_text = chosen.day, chosen.precision, chosen.text
    elif coordinated_with is not None:
        claim.stated_on, claim.stated_on_precision = coordinated_with.stated_on, coordinated_with.stated_on_precision
        claim.stated_on_text = coordinated_with.stated_on_text


def _date_of_saying(after, reference):
    """ "rejected what it called fabrications, saying on Tuesday that ...": the participle dates the same statement."""
    saying = re.match(r"[^.;]*?,\s+(?:saying|adding|insisting|stressing)\s+", after)
    if not saying:
        return None
    found = find_temporal(after[saying.end() :], reference)
    return found[0] if found and found[0].start == 0 else None


def _date_after_verb(trigger, masked, reference):
    if trigger.form in ("according", "passive", "hyphen"):
        return None
    after = masked[trigger.end : trigger.span_end]
    found = find_temporal(after, reference)
    if not found:
        return None
    if found[0].start == len(after) - len(after.lstrip()):
        return found[0]  # "claimed Thursday", "denied on Sunday that"
    without_date = after
    if trigger.verb in _CLAUSAL_VERBS or _CLAUSAL_AFTER.match(without_date):
        first = found[0]
        return first if len(after[: first.start].split()) <= 3 else None
    boundary = re.search(r"\s(?:that|which|who)\s|,", after)
    limit = boundary.start() if boundary else len(after)
    found = [ref for ref in found if ref.end <= limit]
    if found and _EVENT_OBJECT.match(after):
        # "claimed the bombing on Sunday": Sunday is the bombing's, unless it follows the medium of the claim.
        medium = _MEDIUM_THEN_DATE.search(after[:limit])
        found = [ref for ref in found if medium and ref.start > medium.start()]
    return found[0] if found else None


def _merge_same_statement(claims):
    """One party saying one thing twice in a sentence ("claimed ..., posting footage it said showed...")."""
    merged = []
    for claim in claims:
        previous = merged[-1] if merged else None
        if (
            previous
            and not claim.is_denial
            and not previous.is_denial
            and not claim.repeats
            and same_party(previous.claimant, claim.claimant)
            and previous.kind == claim.kind
        ):
            previous.text = claim.evidence.strip() if claim.text not in previous.text else previous.text
            continue
        merged.append(claim)
    return merged


def _said_in_item(claim, people):
    claimant = claim.claimant.casefold()
    return (
        claimant in people
        or bool(_PEOPLE_IN_ITEM.match(claim.claimant))
        or bool(_MEDIA_CONTEXT.search(claim.evidence))
        or is_media_phrase(claim.claimant)
    )
