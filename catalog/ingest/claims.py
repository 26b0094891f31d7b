"""Claims and denials: the statements parties make in the report's narration, with their dates.

A claim is a reporting verb (said, claimed, announced...) with a party as its subject; a denial is
a verb of denying; "repeated" and "a similar statement" repeat the statement before. Quoted words
stay quotes (they are listed with their speakers); the claims come from the narration around them.
"""

import re
from dataclasses import dataclass, field

from catalog.choices import ClaimKind, ClaimRelation

from .dates import date_range, find_temporal, format_date
from .links import infer_denial_kinds, link_claims, same_party, same_side
from .names import is_demonym
from .phrases import ADVERBS, PREDICATE_START, is_media_phrase, resolve_pronoun, sentence_subject, trim_phrase
from .quoted_denials import drop_unanswering, quoted_denials
from .quotes import QUOTE_SPAN, SPEECH_VERBS
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
_BOUNDARY = re.compile(
    # "(MIT) said": a bracketed acronym belongs to the subject before it.
    r"(?:[,;:]|\((?![A-Z][\w-]*\))|\s(?:and|but|while|whereas|that|because|although|though|when|after|before|as|with)\s)"
)
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
_NEGATED = re.compile(r"\b(?:not|never|n't|no longer)\s+(?:\w+\s+)?$")
_PASSIVE_BEFORE = re.compile(rf"\b(?:was|were|is|are|been|being|be)\s+(?:(?:{ADVERBS})\s+)?$", re.IGNORECASE)
_RELATIVE_SUBJECT = re.compile(rf"(?:,\s*)?\b(?:which|who|that)\s+(?:(?:{ADVERBS})\s+)*$")
_PRONOUNS = {"it", "they", "he", "she", "we", "its", "their"}
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


@dataclass
class _Trigger:
    start: int
    end: int
    verb: str
    form: str  # "verb", "denial", "repeat", "according", "hyphen" or "passive"
    claimant: str = ""
    span_start: int = 0
    span_end: int = 0


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
    triggers = _triggers(masked, quoted)
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


def _triggers(masked, quoted):
    attributions = _attributions(masked) if quoted else set()
    triggers = []
    for match in _VERB.finditer(masked):
        verb = match.group("verb")
        if match.start() in attributions or not _is_reporting_verb(masked, match):
            continue
        form = (
            "denial" if re.fullmatch(DENIAL_VERBS, verb) else "repeat" if re.fullmatch(REPEAT_VERBS, verb) else "verb"
        )
        triggers.append(_Trigger(match.start(), match.end(), verb, form))
    for match in _SIMILAR_STATEMENT.finditer(masked):
        triggers.append(_Trigger(match.start(), match.end(), match.group("verb"), "repeat"))
    for match in _HYPHEN_CLAIMED.finditer(masked):
        triggers.append(_Trigger(match.start(), match.end(), "claimed", "hyphen", match.group("claimant")))
    for match in _PASSIVE_AGENT.finditer(masked):
        triggers.append(
            _Trigger(match.start(), match.end(), match.group("verb"), "passive", trim_phrase(match.group("agent")))
        )
    according = _ACCORDING.search(masked)
    if according and not triggers and not quoted:
        triggers.append(
            _Trigger(
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
            and previous.lower() not in _PRONOUNS
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


def _claim(trigger, text, masked, context, first):
    after = masked[trigger.end : trigger.span_end]
    content = after
    claimant, coordinated_with = _claimant(trigger, masked, context)
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


def _claimant(trigger, masked, context):
    """Who makes the statement, as the report writes it, and the claim it is coordinated with."""
    if trigger.form in ("according", "hyphen", "passive"):
        return trigger.claimant, None
    before = masked[: trigger.start]
    earlier, made = context.earlier, context.made
    if trigger.verb.endswith("ing") and not re.search(r"\bwith\s*$", masked[: trigger.span_start]):
        if trigger.verb == "saying" and made:
            return None, None  # "denied ..., saying ...": the same statement, already made
        if made:
            return earlier[-1].claimant, earlier[-1]
        if context.quoted:
            return context.quoted[-1].speaker, None
        return sentence_subject(context.sentence.text), None
    relative = _RELATIVE_SUBJECT.search(before)
    if relative:
        antecedent = _last_noun_phrase(before[: relative.start()])
        trigger.span_start = relative.start()
        if antecedent and not is_media_phrase(antecedent):
            return antecedent, None
        return resolve_pronoun(
            "it", before[: relative.start()], context.previous_sentence, _last_claimant(earlier)
        ), None
    words = re.findall(r"[\w'’-]+", trim_phrase(before))
    if words and words[-1].lower() in _PRONOUNS:
        subject = words[-1]
        trigger.span_start = before.rfind(subject)
    else:
        segment = masked[trigger.span_start : trigger.start]
        # "aired footage of what the group said": the subject is the phrase just before the verb.
        subject = trim_phrase(_last_noun_phrase(segment) if PREDICATE_START.search(segment) else segment)
    if not subject:
        preceding = masked[: trigger.span_start].rstrip()
        if re.search(r"\b(?:and|but)$", preceding):
            if made:
                return earlier[-1].claimant, earlier[-1]  # "said ... and denied ...": one subject, two statements
            subject = sentence_subject(context.sentence.text)  # "gives his name as X and says ..."
        if preceding.endswith(","):
            subject = _appositive_head(masked[: trigger.span_start])
            trigger.span_start = max(masked.find(subject), 0)
    if not subject:
        return None, None
    if subject.lower() in _PRONOUNS:
        stated = [i for i in context.identities if i.evidence == context.sentence.text]
        if subject.lower() in ("he", "she") and stated:
            return stated[0].name_as_stated, None
        return resolve_pronoun(
            subject, masked[: trigger.span_start], context.previous_sentence, _last_claimant(earlier)
        ), None
    return subject, None


def _last_noun_phrase(text):
    """'Islamic State released a video on Wednesday' -> 'a video': the phrase after the last verb or preposition."""
    text = trim_phrase(text)
    cuts = list(
        re.finditer(
            r"\b(?:by|of|on|in|to|from|with|for|at|what|released|published|posted|aired|broadcast|"
            r"shared|showed|shows|issued)\s+",
            text,
        )
    )
    cut = cuts[-1] if cuts else None
    return trim_phrase(text[cut.end() :] if cut else text)


def _appositive_head(before):
    """'A coalition spokesman, Colonel X, repeated': the phrase that starts the chain of commas."""
    clause = re.split(r"[;:]|\s(?:and|but|while|that)\s", before.rstrip(" ,"))[-1]
    # "On Tuesday, the army's spokesman, Col. X, denied": a leading date is no subject.
    return next((trim_phrase(part) for part in clause.split(",") if trim_phrase(part)), "")


def _last_claimant(earlier):
    return earlier[-1].claimant if earlier else ""


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
