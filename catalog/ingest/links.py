"""Which claim a denial answers: sides (one institution, one state), topics, and the links between claims."""

import re

from catalog.choices import ClaimKind

from .names import country_names, is_demonym

_INSTITUTIONS = {
    "army",
    "military",
    "ministry",
    "government",
    "police",
    "command",
    "forces",
    "coalition",
    "navy",
    "kremlin",
    "pentagon",
    "staff",
    "guard",
}


def same_party(one, other):
    def key(name):
        return re.sub(r"^(?:the|a|an)\s+", "", name.casefold()).replace("’", "'")

    return key(one) == key(other)


def _leads(short, long):
    """'The Taliban' leads "the Taliban government's spokesman": a party and its own office or spokesman.

    Not "Islamic State" and "Islamic State Khorasan": a capitalised word after the name makes another party.
    """
    short, long = (
        re.sub(r"^(?:the|a|an)\s+", "", n.strip(), flags=re.IGNORECASE).replace("’", "'") for n in (short, long)
    )
    if not short[:1].isupper() or not long.startswith(short) or len(long) == len(short):
        return False
    rest = long[len(short) :]
    return bool(re.match(r"'s\b|\s+[a-z]", rest))


def same_side(one, other):
    """'the army' and 'Somali National Army commander X': one institution, unless each names a different country.

    Two state bodies of one country are one side too: "the Kremlin" and "Russia", "SANA" and "Syria's army".
    """
    if same_party(one, other) or _leads(one, other) or _leads(other, one):
        return True
    institutions = {word for word in re.findall(r"[a-z]+", one.lower()) if word in _INSTITUTIONS}
    shared = institutions & {word for word in re.findall(r"[a-z]+", other.lower()) if word in _INSTITUTIONS}
    places = [
        set(re.findall(r"\b([A-Z][a-z]+)['’]s\b", name))
        | {w for w in re.findall(r"\b[A-Z][a-z]+\b", name) if is_demonym(w)}
        for name in (one, other)
    ]
    if bool(shared) and not (places[0] and places[1] and places[0] != places[1]):
        return True
    states = [_state_of(name) for name in (one, other)]
    return states[0] is not None and states[0] == states[1]


_STATE_WORDS = {"minister", "president", "embassy", "presidency", "interior", "defence", "defense"}

# A capital, seat or state news agency speaking for its state.
_STATE_METONYMS = {
    "kremlin": "russia",
    "moscow": "russia",
    "tass": "russia",
    "ria novosti": "russia",
    "kyiv": "ukraine",
    "kiev": "ukraine",
    "ukrinform": "ukraine",
    "tehran": "iran",
    "irna": "iran",
    "damascus": "syria",
    "sana": "syria",
    "riyadh": "saudi",
    "ankara": "turkey",
    "anadolu": "turkey",
    "washington": "america",
    "pentagon": "america",
    "white house": "america",
    "beijing": "china",
    "xinhua": "china",
    "baghdad": "iraq",
    "kabul": "afghanistan",
    "islamabad": "pakistan",
    "abuja": "nigeria",
    "nairobi": "kenya",
    "mogadishu": "somalia",
}


def _country_key(word):
    """Syria / Syrian / Syria's -> 'syri': a country and its adjective share their first letters."""
    word = word.casefold()
    if word in ("united states", "us", "u.s."):
        return "amer"
    for name, state in _STATE_METONYMS.items():
        if word == name:
            return state[:4]
    return word[:4]


def _state_of(name):
    """The country a state body speaks for: "Russia", "the Kremlin", "Syria's army", "Turkey's defence ministry".

    None for anything that is not a state body ("Syrian rebels", "the Islamic State group", "local officials").
    """
    bare = re.sub(r"^(?:the|a|an)\s+", "", name.strip(), flags=re.IGNORECASE).replace("’", "'")
    lowered = bare.casefold()
    for metonym, state in _STATE_METONYMS.items():
        if re.search(rf"\b{re.escape(metonym)}\b", lowered):
            return state[:4]
    if bare in country_names():
        return _country_key(bare)
    if not {word for word in re.findall(r"[a-z]+", lowered) if word in _INSTITUTIONS | _STATE_WORDS}:
        return None
    owner = re.match(r"([A-Z][a-z]+(?: [A-Z][a-z]+)?)'s\b", bare)
    if owner and owner.group(1) in country_names():
        return _country_key(owner.group(1))
    demonym = next((w for w in re.findall(r"\b[A-Z][a-z]+\b", bare) if is_demonym(w)), None)
    return _country_key(demonym) if demonym else None


def infer_denial_kinds(claims):
    """A denial that names no kind ("denied losing") answers the claims of the other side around it.

    Among earlier claims, one that shares a topic word with the denial comes first ("a presence in Kabul" answers
    the bombing "in Kabul", not the death toll).
    """
    for index, claim in enumerate(claims):
        if not claim.is_denial or claim.repeats or claim.kind != ClaimKind.OTHER:
            continue
        same_sentence = [
            c
            for c in claims
            if c.sentence == claim.sentence and not c.is_denial and not same_side(c.claimant, claim.claimant)
        ]
        earlier = [
            c
            for c in reversed(claims[:index])
            if not c.is_denial and c.kind != ClaimKind.OTHER and not same_side(c.claimant, claim.claimant)
        ]
        sharing = [c for c in earlier if _topic(c) & _topic(claim)]
        # "rejected accusations of support for militants" says what it answers: no topic in common, no answer.
        earlier = sharing if _SPECIFIC_OBJECT.search(claim.text) else sharing + [c for c in earlier if c not in sharing]
        source = (same_sentence or earlier or [None])[0]
        if source is not None:
            claim.kind = source.kind


_SPECIFIC_OBJECT = re.compile(
    r"\b(?:accusations?|allegations?|claims?|reports?|suggestions?)\s+(?:of|about|over)\s+(?!(?:the|its|their)\b)\w+",
    re.IGNORECASE,
)

_TOPIC_STOP = {
    "that",
    "this",
    "with",
    "from",
    "have",
    "been",
    "were",
    "said",
    "says",
    "denied",
    "claimed",
    "group",
    "their",
    "they",
    "there",
    "which",
    "would",
    "about",
    "after",
    "before",
    "into",
    "over",
    "also",
    "only",
    "more",
    "than",
    "any",
    "some",
    "other",
    "such",
    "what",
    "when",
    "where",
    "while",
    "being",
    "does",
    "made",
    "make",
}


def _topic(claim):
    """The claim's content words, as stems of five letters: 'captured' and 'capture', 'soldiers' and 'soldier'."""
    claimant = {w.casefold() for w in re.findall(r"\w+", claim.claimant)}
    return {
        word.casefold()[:5]
        for word in re.findall(r"[A-Za-z]{4,}", claim.text)
        if word.casefold() not in _TOPIC_STOP and word.casefold() not in claimant
    }


_CALENDAR = re.compile(
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|May|June|July|August|September|"
    r"October|November|December"
)
# "denied that ...", "denied any ...": the denial says what it denies, unlike "denied such accusations".
_STATES_WHAT = re.compile(r"\b(?:denied|denies|rejected|rejects|dismissed|refuted)\s+(?:on \w+\s+)?(?:that|any)\b")


def _names(claim):
    """The proper names a claim mentions besides its claimant ("al-Tanf", "Eilat"), not its first word."""
    claimant = {w.casefold() for w in re.findall(r"\w+", claim.claimant)}
    return {
        word.casefold()
        for word in re.findall(r"(?<=[\s-])[A-Z][a-z]{2,}", claim.text)
        if word.casefold() not in claimant and not _CALENDAR.fullmatch(word)
    }


_INVOLVEMENT = re.compile(
    r"\b(?:involvement|responsibility|role)\b|\bwas\s+behind\b|\bwere\s+behind\b|\bcarried\s+out\b", re.IGNORECASE
)


def _denies_own_involvement(claim):
    """'X denied any involvement': X answers those who blamed X, not a group claiming the act for itself."""
    return claim.kind == ClaimKind.RESPONSIBILITY and bool(_INVOLVEMENT.search(claim.text))


def _names_party(target, party):
    """Whether a claim (its sentence) names the party: 'said Iran was behind' names Tehran; 'blamed' the Taliban."""
    state = _state_of(party)
    words = [w for w in re.findall(r"[A-Z][\w'-]+", party) if w.casefold() not in {"the", "a", "an"}]
    for word in re.findall(r"[A-Z][\w'-]+", target.evidence):
        if word in words or (state and _country_key(word.removesuffix("'s")) == state and len(word) > 3):
            return True
    return False


def _identity_of_captive(denial, target):
    """'denied that Koç had been a member of the group' answers 'captured a senior PKK militant': who was taken."""
    return denial.kind == ClaimKind.IDENTITY and target.kind == ClaimKind.CAPTURE


def link_claims(claims):
    """A denial denies the claims of its kind made by the other side before it (the lead answers the whole story).

    Not a claim by its own side (the same institution, or another state body of its country); when the denier
    denies its own involvement, only the claims that blame it (they name it, or share its sentence).
    """
    for index, claim in enumerate(claims):
        if not claim.is_denial:
            continue
        if claim.repeats:
            claim.kind = claims[claim.repeats[0]].kind
        own_involvement = _denies_own_involvement(claim)
        for target_index, target in enumerate(claims):
            if target.is_denial or target_index == index or same_side(target.claimant, claim.claimant):
                continue
            same_sentence = target.sentence == claim.sentence
            if not same_sentence and target.kind != claim.kind and not _identity_of_captive(claim, target):
                continue
            if target_index > index and claim.paragraph != 0 and not same_sentence:
                continue
            if claim.stated_on and target.stated_on and target.stated_on > claim.stated_on:
                continue
            if own_involvement and not same_sentence and not _names_party(target, claim.claimant):
                continue
            if (
                claim.kind == ClaimKind.OTHER
                and not same_sentence
                and (_STATES_WHAT.search(claim.text) or _SPECIFIC_OBJECT.search(claim.text))
                and not _topic(target) & _topic(claim)
            ):
                continue  # "other" is no topic: an unrelated statement is not what the denial answers
            claim.denies.append(target_index)
        _keep_shared_topic(claim, claims)


def _claimant_named(target, denial):
    """ "Sudan's army dismissed the Houthi videos": the denial names who made the claim it answers."""
    own = {w.casefold()[:5] for w in re.findall(r"[A-Z][\w'’-]+", denial.claimant)}
    named = {w.casefold()[:5] for w in re.findall(r"[A-Z][a-z][\w-]+", denial.text)} - own
    party = {w.casefold()[:5] for w in re.findall(r"[A-Z][a-z][\w-]+", target.claimant)} - {"the", "an"}
    return bool(named & party)


def _keep_shared_topic(claim, claims):
    """Of several claims of one kind, a denial that shares a topic with some answers those ("hit al-Tanf").

    Naming the claim's author comes first: "dismissed the Houthi videos" answers the Houthis, not the coalition
    spokesman who spoke of Houthi fighters.
    """
    others = [i for i in claim.denies if claims[i].sentence != claim.sentence]
    authors = [i for i in others if _claimant_named(claims[i], claim)]
    if authors and len(authors) < len(others):
        claim.denies = [i for i in claim.denies if i in authors or claims[i].sentence == claim.sentence]
        return
    sharing = [i for i in others if _names(claims[i]) & _names(claim)]
    if sharing and len(sharing) < len(others):
        claim.denies = [i for i in claim.denies if i in sharing or claims[i].sentence == claim.sentence]
