"""Who made or first published the media item: a release's agent or subject, a named channel, a group's wing."""

import re

from catalog.choices import OrganizationKind

from .names import is_demonym
from .phrases import PREDICATE_START, WIRE_PREFIX, sentence_subject, trim_phrase
from .vocabulary import GOVERNMENT_HEADS, KNOWN_ORGANISATION, MEDIA_HEADS, MEDIA_NOUNS, RELEASE_VERBS, known_kind

MEDIA_NOUN = re.compile(rf"\b(?:{'|'.join(MEDIA_NOUNS)})\b", re.IGNORECASE)
RELEASE = re.compile(rf"\b(?:{RELEASE_VERBS})\b")
_ITEM_OBJECT = (
    r"(?:\s+(?:(?:an?|the|its|their|two|three|four|several|\d+)\s+)?(?:new\s+|short\s+)?"
    r"(?:videos?|footage|clips?|images?|photos?|photographs?|recordings?|messages?))?"
)
_AGENT = re.compile(
    # "released two videos on Saturday through its Amaq news agency": the object may come before the agent.
    rf"\b(?:{RELEASE_VERBS})\b{_ITEM_OBJECT}(?:\s+(?:on|via|to|in)\s+[\w.]+){{0,2}}\s+(?:by|through)\s+"
    r"(?P<agent>(?:[^,.;:()]+?\s(?:associated with|linked to|affiliated with|run by|belonging to|close to)\s)?"
    r"(?:the\s+)?[^,.;:()]+?)(?=\s*(?:[,.;:(]|\s+(?:and|on|in|via|before|after|which|who|as|to|with|"
    r"from|for|at|showing|shows)\b|$))"
    r"|\bcredited to\s+(?P<credited>[^,.;:()]+?)(?=\s*(?:[,.;:(]|$))"
)
_OPERATOR = re.compile(
    r"\bon the (?:Facebook page|Telegram channel|YouTube channel|X account|website|VKontakte page) of "
    r"(?P<operator>[^,.;]+?)(?=\s*[,.;]|\s+and\b|$)"
    r"|\b(?P<owner>(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)['’]s (?:official )?(?:Facebook page|Telegram channel|"
    r"YouTube channel|X account|website|VKontakte page)"
)
_CHANNEL_NAMED = re.compile(
    r"\b(?:[Tt]he|[Aa]n?)\s+(?:[\w'’-]+\s+){0,5}?channel,?\s+(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})"
)
_MEDIA_NAME = re.compile(
    r"(?P<name>(?:[A-Z][\w'’-]*|(?:al|as|az|el|an|ad)-[\w'’-]+)(?:\s+[A-Z][\w'’-]*){0,3}?)"
    r"(?P<head>\s+(?:News Agency|Media Foundation|Foundation|Media Cent(?:er|re)|TV|Television)"
    r"|\s+(?:news agency|media foundation|foundation|media cent(?:er|re)|media office|media wing|media arm|"
    r"propaganda agency|television|Media wing|Media office))\b"
)
# "In a video it posted": the pronoun stands for the subject of the sentence before.
_PRONOUN_RELEASE = re.compile(
    r"\b(?:video|footage|clip|recording|images?|photos?|statement)\s+(?:that\s+)?(?P<pronoun>it|they)\s+"
    rf"(?:had\s+|has\s+|have\s+)?(?:{RELEASE_VERBS})\b"
)
# "X said ... and released a video of his interrogation": one subject, who also released the item.
_COORDINATED_RELEASE = re.compile(
    rf",?\s+and\s+(?:has\s+|had\s+|also\s+)?(?:{RELEASE_VERBS})\b{_ITEM_OBJECT}(?=\s|[.,;]|$)"
)
# "the channel", "the agency" as the one who released it: a name said before.
# Only a bare "the channel": "the Ukrainian project" describes, it does not point back.
_ANAPHOR = re.compile(
    r"(?i)^(?:the|this|that)\s+(?:channel|agency|service|group|brigade|faction|directorate|project|"
    r"unit|army|ministry|movement|organi[sz]ation|outlet|account)$|^(?:it|they)$"
)
# 'the project "I Want to Live"', 'the Telegram channel "Grey Zone"': a name in quotation marks.
_QUOTED_NAME = re.compile(
    r"\b(?:project|channel|account|group|studio|foundation|outlet|page)\s+[\"“«](?P<name>[^\"“”«»]{2,40})[\"”»]"
)
# "Al-Shabaab's media wing al-Kataib": the name after its head.
_HEAD_THEN_NAME = re.compile(
    r"\b(?:media wing|media arm|media foundation|media office|studio)\s+"
    r"(?P<name>(?:al|as|az|el|an|ad)-[\w'’-]+|[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})"
)
_LONGER_NAME = re.compile(r"(?:\s+(?!(?:Media|News|TV)\b)[A-Z][a-z][\w'’-]*)+\s+(?:Province|Wilayah|Branch)\b")
_MEDIA_HEAD_WORDS = r"(?:media foundation|media wing|media arm|media office|media cent(?:er|re)|news agency)"


# A distributor the report describes without naming: "a channel that regularly posts Amaq material",
# "a Telegram channel associated with Hezbollah". Such a channel neither is nor names the producer.
_CHANNEL_WORDS = r"(?:channel|account|page|group|outlet|website|site)"
UNNAMED_DISTRIBUTOR = re.compile(
    rf"\b(?P<distributor>(?:an?|one)\s+(?:[\w'’-]+\s+){{0,2}}?{_CHANNEL_WORDS}\s+"
    rf"(?:that|which|who)\s+(?:\w+ly\s+)?(?:posts|shares|reposts|publishes|carries|relays|spreads|posted|shared)\s+"
    rf"[^,.;]+?(?:material|content|videos|propaganda|statements|claims)"
    rf"|(?:an?|one)\s+(?:[\w'’-]+\s+){{0,2}}?{_CHANNEL_WORDS}\s+"
    rf"(?:associated with|linked to|affiliated with|close to|sympathetic to)\s+[^,.;]+?)(?=\s*[,.;]|\s+(?:and|but|on|in)\b|$)"
)


def release_verb_near_media(sentence):
    for verb in RELEASE.finditer(sentence):
        window = sentence[max(0, verb.start() - 60) : verb.end() + 60]
        if MEDIA_NOUN.search(window):
            return True
    return False


# "Tasnim news agency, which is affiliated with the Revolutionary Guards, aired a video": the clause between
# commas describes the subject and hides its verb.
_RELATIVE_CLAUSE = re.compile(r",\s+(?:which|who)\b[^,]*,")
# "days after the group released a video of them": a release told in a subordinate clause.
_SUBORDINATE_RELEASE = re.compile(
    rf"\b(?:after|before|when|as|since|once)\s+(?P<subject>(?:the|this)\s+(?:group|militants|movement|"
    rf"organi[sz]ation|insurgents|jihadists)|[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)\s+(?:had\s+|has\s+)?"
    rf"(?:{RELEASE_VERBS})\b{_ITEM_OBJECT}"
)


def _releases_as_main_verb(sentence):
    """'X (on Monday) released a video': the first verb of the sentence is a release of media."""
    head = re.split(r",\s+", _RELATIVE_CLAUSE.sub("", WIRE_PREFIX.sub("", sentence), count=1), maxsplit=1)[0]
    verb = PREDICATE_START.search(head)
    if not verb:
        return False
    rest = head[verb.start() :]
    return bool(re.match(rf"(?:(?:has|have|had)\s+)?(?:{RELEASE_VERBS})\b", rest)) and release_verb_near_media(rest)


def find_producer(report, sentences):
    """(name, affiliation, evidence) of who made or first published the item, best candidate first."""
    candidates = []
    texts = [(s.text, s.paragraph) for s in sentences] + [(caption, 10_000) for caption in report.captions]
    for order, (text, _) in enumerate(texts):
        for match in _AGENT.finditer(text):
            if re.search(r"\b(?:not|never)\s+(?:\w+\s+)?$", text[: match.start()]):
                continue  # "was not produced by Amaq": a negated attribution names no producer
            candidates.append((2, (order, match.start()), match.group("agent") or match.group("credited"), text))
        for match in _OPERATOR.finditer(text):
            candidates.append((1, (order, match.start()), match.group("operator") or match.group("owner"), text))
        for match in _CHANNEL_NAMED.finditer(text):
            candidates.append((3, (order, match.start()), match.group("name"), text))
        for match in _QUOTED_NAME.finditer(text):
            candidates.append((3, (order, match.start()), match.group(0), text))
        for match in _PRONOUN_RELEASE.finditer(text):
            candidates.append((2, (order, match.start()), match.group("pronoun"), text))
        for match in _SUBORDINATE_RELEASE.finditer(text):
            subject = match.group("subject")
            if re.match(r"(?i)(?:the|this)\s", subject):
                subject = _group_named_before(text[: match.start()], [t for t, _ in texts[:order]])
            if subject:
                candidates.append((1, (order, match.start()), subject, text))
        if _COORDINATED_RELEASE.search(text):
            candidates.append((1, (order, 0), sentence_subject(text), text))
        if _releases_as_main_verb(text):
            subject = sentence_subject(text)
            if subject and not re.match(
                r"(?i)^(?:the|a|an|this)?\s*(?:[\w-]+\s+)?(?:video|footage|clip|images?|"
                r"photos?|photographs?|pictures?|recording|message)$",
                subject,
            ):
                candidates.append((1, (order, 0), subject, text))
    best = None
    for score, position, phrase, text in candidates:
        if _ANAPHOR.match(trim_phrase(phrase)):
            phrase = _antecedent([t for t, _ in texts[: position[0]]]) or phrase
        quoted = _QUOTED_NAME.fullmatch(phrase)
        # A name in quotation marks is taken as written ("I Want to Live"), an outlet by its form.
        name, affiliation, is_media = (
            (quoted.group("name"), "", True) if quoted else organisation_name(trim_phrase(phrase))
        )
        if name and UNNAMED_DISTRIBUTOR.match(phrase.strip()) and not (is_media and not _posts_material(phrase)):
            continue
        if name:
            ranked = (-(score + (2 if is_media else 0)), position, is_media)
            if best is None or ranked < best[0]:
                best = (ranked, name, affiliation, text)
    if best and not best[0][2]:
        wing = _wing_of(best[1], texts)
        if wing:
            return wing
    return best[1:] if best else ("", "", "")


def _wing_of(group, texts):
    """The guide's "a group's media wing rather than the group": "the group's al-Zallaqa media foundation"."""
    owners = rf"(?:[Tt]he group|[Ii]ts|{re.escape(group)})"
    for text, _ in texts:
        match = re.search(rf"\b{owners}(?:['’]s)?\s+(?P<phrase>[^,.;:()]*?{_MEDIA_HEAD_WORDS})\b", text)
        if match:
            name, _, is_media = organisation_name(match.group("phrase"))
            if name and is_media and name != group:
                return name, group, text
    return None


def _group_named_before(before, earlier_texts):
    """What "the group" stands for: the last armed group named before it, in its sentence or the ones before."""
    for text in (before, *reversed(earlier_texts)):
        groups = [
            m.group(0)
            for m in KNOWN_ORGANISATION.finditer(text)
            if known_kind(m.group(0)) == OrganizationKind.ARMED_GROUP
        ]
        if groups:
            return groups[-1]
    return ""


def _antecedent(earlier_texts):
    """The nearest earlier sentence whose subject names an organisation: what "the channel" or "it" stands for."""
    for text in reversed(earlier_texts):
        named = _CHANNEL_NAMED.search(text)
        if named:
            return named.group("name")
        subject = sentence_subject(text)
        if subject and not _ANAPHOR.match(subject) and organisation_name(subject)[0]:
            return subject
    return ""


def _posts_material(phrase):
    """ "a channel that posts Amaq material": the outlet named is what the channel reposts, not who made this."""
    return bool(re.search(r"\b(?:that|which|who)\s+(?:\w+ly\s+)?(?:posts|shares|reposts|publishes|carries)\b", phrase))


def organisation_name(phrase):
    """(name, affiliation, is a media outlet) from a phrase; no name when it names no one."""
    phrase = re.sub(r"\s*\([^)]*\)", "", phrase).strip()
    # "an account associated with the group's Umar Media wing": the account speaks for what follows.
    phrase = re.sub(r"^.*?\b(?:associated with|linked to|affiliated with|run by|belonging to|close to)\s+", "", phrase)
    phrase = re.sub(r"\b[A-Z][\w-]*-(?:based|run|backed|linked|led|affiliated)\s+", "", phrase)
    affiliation = ""
    # "the Houthis' military media office": a plural owner takes the apostrophe alone, and keeps it.
    owner = re.match(
        r"^(?P<owner>[Tt]he group|(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)(?P<mark>['’]s|(?<=s)['’](?=\s+[a-z]))\s+",
        phrase,
    )
    possessive = "'s"
    if owner:
        affiliation, phrase, possessive = owner.group("owner"), phrase[owner.end() :], owner.group("mark")
        affiliation = "the group" if affiliation.lower() == "the group" else affiliation
    # "through its Amaq news agency": the possessive stands for the group, the name follows.
    phrase = re.sub(r"^(?:its|their)\s+(?=[A-Z]|(?:al|as|az|el|an|ad)-)", "", phrase)
    if re.fullmatch(r"(?i)(?:an?|one)\s+(?:[\w-]+\s+){0,2}(?:account|channel|user|page|poster)s?", phrase):
        return "", "", False  # "a Mozambican account": an indefinite description names no one
    if not phrase or re.match(
        r"(?i)^(?:its|their|his|her|an? account|accounts|the group|the service|the channel|" r"several|many|some)\b",
        phrase,
    ):
        return "", "", False
    local = re.fullmatch(
        r"(?:the\s+)?(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*\s+(?:police department|police|prosecutor['’]s office|"
        r"security directorate|governorate|municipality))",
        phrase,
    )
    if local:
        return local.group("name"), affiliation, False  # "the Gaziantep police department": the place names it
    head_first = _HEAD_THEN_NAME.search(phrase)
    if head_first:
        return head_first.group("name"), affiliation, True
    media = _MEDIA_NAME.search(phrase)
    if media and not affiliation:
        # "Isis official Amaq news agency": a known group written before its outlet owns it.
        group = [
            m.group(0)
            for m in KNOWN_ORGANISATION.finditer(phrase[: media.start()])
            if known_kind(m.group(0)) == OrganizationKind.ARMED_GROUP
        ]
        affiliation = group[-1] if group else ""
    if media:
        # The capitalised words of the head belong to the name: "Shahada News Agency", "Umar Media (wing)".
        capitalised = re.match(r"(?:[A-Z][\w]*\s?)*", media.group("head").strip()).group(0).strip()
        name = media.group("name") + (" " + capitalised if capitalised else "")
        return re.sub(r"^(?:The|the)\s+", "", name), affiliation, True
    # "Islamic State West Africa Province": capitalised words right after a known name make a longer name.
    known = [
        phrase[m.start() : m.end() + len(longer.group(0))]
        if (longer := _LONGER_NAME.match(phrase[m.end() :]))
        else m.group(0)
        for m in KNOWN_ORGANISATION.finditer(phrase)
    ]
    unit = re.fullmatch(
        r"(?:[Tt]he\s+)?(?P<unit>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)+)\s+of\s+(?:the\s+)?(?P<owner>.+)", phrase
    )
    if known and unit and unit.group("owner").endswith(known[-1]) and not KNOWN_ORGANISATION.search(unit.group("unit")):
        # "The General Security Service of Hayat Tahrir al-Sham": the group's own service made it, not the group.
        # Only a known group: "the Security Service of Ukraine" is one name.
        return unit.group("unit"), known[-1], False
    if known:
        name = known[-1]
        return name, affiliation, known_kind(name) in (OrganizationKind.ARMED_GROUP_MEDIA, OrganizationKind.NEWS_OUTLET)
    if (
        affiliation
        and affiliation.lower() != "the group"
        and re.fullmatch(rf"(?:[a-z-]+\s+)*(?:{MEDIA_HEADS})", phrase)
    ):
        # "the Libyan National Army's media office": an unnamed outlet, named by its owner.
        return f"{re.sub(r'^[Tt]he ', '', affiliation)}{possessive} {phrase}", "", True
    if re.search(rf"\b(?:{MEDIA_HEADS})\b", phrase) and not re.search(r"[A-Z]", phrase.split()[-1]):
        capitals = re.findall(r"\b[A-Z][\w'’-]*(?:\s+(?:of\s+)?[A-Z][\w'’-]*)*\b(?!['’]s)", phrase)
        named = [c for c in capitals if not is_demonym(c)]
        return (named[-1] if named else phrase), affiliation, bool(named)
    runs = [
        re.sub(r"^(?:The|An?)\s+", "", run)
        for run in re.findall(
            # "The Group for the Support of Islam and Muslims": small words inside a name keep it whole.
            r"(?:\b\d+(?:st|nd|rd|th)\s+)?\b[A-Z][\w'’-]*(?:\s+(?:(?:of|for|and|in)\s+(?:the\s+)?)?[A-Z][\w'’-]*)*",
            phrase,
        )
        if not run.endswith(("'s", "’s"))
    ]
    runs = [
        run
        for run in runs
        if run not in ("The", "A", "An", "One", "Two", "Three", "Four", "Five", "Several", "Both")
        and not all(is_demonym(word) for word in run.split())
    ]
    if runs:
        return re.sub(r"^The\s+", "", runs[-1]), affiliation, False
    if affiliation and re.search(rf"\b(?:{GOVERNMENT_HEADS})\b", phrase):
        return f"{affiliation}'s {phrase}", "", False
    return "", "", False
