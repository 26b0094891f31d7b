"""Identities asserted in the media item: a person naming himself, or being named by another.

Patterns over the quotes (first person: "I am X, I was born in 1979 in Y", "Captured with me was
X") and over the narration ("identifies himself as X", "names him as X", "identified by the
presenter as X"), in English, Russian, Arabic and French.
"""

import re
from dataclasses import dataclass, field

from catalog.choices import AssertionMode
from catalog.resolution.names import latin_keys
from catalog.text import detect_script

from .names import ANY_NAME, ARABIC_NAME, CYRILLIC_NAME, LATIN_NAME, is_demonym, language_names
from .quotes import QUOTE_SPAN

_STOP = r"(?=\s*(?:[.,;:!?\"“”«»()،]|\s+(?:and|but|who|which|where|from|he|she|born|was|is|were|are|has|had)\b|$))"
# A place may run on through its admin hierarchy: "Nevsehir province, in the district of Urgup".
_PLACE = (
    r"(?P<place>(?:the\s+|[A-Z]|[А-ЯЁ]|[\u0620-\u06ff])[^.,;:!?\"“”«»()،]*?"
    r"(?:,\s+(?:in\s+)?(?:the\s+)?(?:district|village|town|city|province|region|governorate|county|oblast|"
    r"municipality)\s+of\s+[A-Z][^.,;:!?\"“”«»()،]*?)*)"
)
_PLACE_END = r"(?=\s*(?:[.,;:!?\"“”«»()،]|\s+(?:and|but|where|who|which|before|after|until|when)\b|$))"

_FIRST_PERSON = [
    re.compile(rf"\b(?:I am|I'm|I’m|[Mm]y name is|I,)\s+(?P<name>{LATIN_NAME}){_STOP}"),
    re.compile(rf"(?:\bЯ\s*,?|\b[Мм]еня зовут|\b[Мм]ене звати)\s+(?P<name>{CYRILLIC_NAME})(?=\s*[,.»”\"]|\s*$|\s+\d)"),
    re.compile(rf"(?:أنا|اسمي)\s+(?!من\s)(?P<name>{ARABIC_NAME})"),
    re.compile(rf"\b(?:Je m['’]appelle|Je suis)\s+(?P<name>{LATIN_NAME}){_STOP}"),
    re.compile(rf"(?:\b[Aa]dım|\b[Bb]enim adım|\bBen)\s+(?P<name>{LATIN_NAME}){_STOP}"),
]
_NAMED_IN_QUOTE = re.compile(
    rf"\b(?:[Cc]aptured with me (?:was|is|were)|[Ww]ith me (?:is|was|are|were)|[Nn]ext to me (?:is|was)|"
    rf"[Bb]eside me (?:is|was)|[Tt]his is|[Mm]y (?:comrade|friend|colleague|companion)|"
    rf"Рядом со мной(?: находится)?|Со мной (?:был|была|были))\s+(?P<name>{ANY_NAME}){_STOP}"
)
_SELF_NARRATED = re.compile(
    rf"\b(?:identif(?:y|ies|ied|ying)|introduc(?:e|es|ed|ing)) (?:himself|herself) as (?P<name>{ANY_NAME})"
    rf"|\b(?:gives|gave|giving|give) (?:his|her) name as (?P<name2>{ANY_NAME})"
    rf"|\bcall(?:s|ed|ing)? (?:himself|herself) (?P<name5>{ANY_NAME})"
    rf"|\b(?:says|said|saying) (?:that )?(?:his|her) name (?:is|was) (?P<name3>{ANY_NAME})"
    rf"|\b(?:says|said)[^.;]{{0,30}}? (?:that )?(?:he|she) is (?P<name4>{ANY_NAME})"
)
_NAMED_NARRATED = re.compile(
    rf"\b(?P<verb>identif(?:y|ies|ied)|names|named|introduces|introduced) (?P<object>(?!himself|herself)[^.;]{{1,60}}?)"
    rf" as (?P<name>{ANY_NAME})"
)
_NAMED_PASSIVE = re.compile(rf"\b(?:identified|introduced|named) by (?P<namer>[^,.;]{{1,40}}?) as (?P<name>{ANY_NAME})")
_CAPTION_NAME = re.compile(
    rf"(?:^|,\s+and\s+|\band\s+)(?:[A-Z][a-z]+\s+(?:national|citizen)\s+)?(?P<name>{LATIN_NAME}),\s+"
    # An appositive may give his alias first: "Hasan Adir, code-named Doctor Hüseyin, who MIT says was born ..."
    rf"(?=born\b|an?\s|who\b|code-named\b|codenamed\b|alias\b|also known as\b|known as\b|nicknamed\b|nom de guerre\b)"
    rf"|\b(?:identified|named) as (?P<name2>{LATIN_NAME}){_STOP}"
)
_BORN_NARRATED = re.compile(
    # "Later in the video he says he was born ...": a short opening phrase may come before the subject.
    r"^\s*(?:[A-Z][\w'’-]*(?:\s+[\w'’-]+){0,6},?\s+(?=he\b|she\b))?"
    r"(?P<subject>[Hh]e|[Ss]he|[A-Z][\w'’-]+) (?:says|said|adds|added|explains|explained|tells|told) (?:that )?"
    r"(?:he|she) was born\b"
)
# A later quote that states only a birth completes the identity named last.
_BIRTH_ONLY_QUOTE = re.compile(
    r"^\s*(?:(?:He|She) (?:was|is) born|I was born|أنا من مواليد|من مواليد|Я родил|Je suis née?)"
)
# "shows a Russian volunteer, Dmitry Kochetov, who...": the report names the person in the item.
_SHOWN_NAMED = re.compile(
    rf"\b(?:shows|showed|showing|features|featured|featuring)\s+(?:an?|the)\s+(?:[\w'’-]+\s+){{0,3}}?"
    rf"(?:man|woman|soldier|volunteer|prisoner|fighter|officer|captive|hostage|marine|mercenary|conscript),\s+"
    rf"(?P<name>{LATIN_NAME}),"
)
_BORN_BEFORE_NAME = re.compile(
    r"\b(?:who|he|she)\s+(?:(?:says|said|adds|added)\s+(?:that\s+)?(?:he|she)\s+)?was born\b"
)
_AND_AS = re.compile(rf"^\s*and (?:the \w+ |him |her )?as (?P<name>{ANY_NAME})")
_AND_NAME = re.compile(rf"^\s*and (?P<name>{ANY_NAME})")

_BIRTH = [
    re.compile(
        r"\bborn(?:\s*\[in\]|\s+in|\s+on)?\s+(?:(?:\d{1,2}\s+)?[A-Z][a-z]+\s+(?:\d{1,2},?\s+)?)?"
        rf"(?P<year>(?:19|20)\d{{2}})\b(?:\s*,?\s+in\s+{_PLACE}{_PLACE_END})?"
    ),
    re.compile(rf"\bborn in {_PLACE}(?=\s+in\s+(?:19|20)\d{{2}})\s+in\s+(?P<year>(?:19|20)\d{{2}})"),
    re.compile(rf"\bnative of {_PLACE}{_PLACE_END}"),
    # "says he was born in Hamburg": a place and no year. Not a month ("born in March 1990").
    re.compile(
        r"\bborn in (?!(?:January|February|March|April|May|June|July|August|September|October|November|December)\b)"
        r"(?P<place>(?:the\s+)?[A-Z][^\d.,;:!?\"“”«»()،]*?)"
        r"(?=\s*(?:[.,;:!?\"“”«»()،]|\s+(?:and|but|where|who|which|before|after|until|when|in|to)\b|$))"
    ),
    re.compile(r"(?P<year>(?:19|20)\d{2})\s+(?:года\s+рождения|року\s+народження)"),
    # "родился в 1981 году в Нижнем Новгороде", "родился 12 мая 1990 года в Гомеле".
    re.compile(
        r"\b(?:родился|родилась)\s+(?:(?:в\s+)?(?:\d{1,2}\s+[а-я]+\s+)?(?P<year>(?:19|20)\d{2})\s+(?:году|года|г\.)\s*)?"
        r"(?:в\s+(?P<place>[^,.;»”\"]+))?"
    ),
    re.compile(r"\bуроженец\s+(?P<place>[^,.;»”\"]+)"),
    re.compile(r"من مواليد\s+(?:عام\s+)?(?P<year>\d{4})(?:\s+(?:في|ب)\s*(?P<place>[^،,.\"”»]+))?"),
    re.compile(r"من مواليد\s+(?P<place>[^\d،,.\"”»]+?)\s+(?:عام\s+)?(?P<year>\d{4})"),
    # Turkish: "1984 yılında Nevşehir'in Ürgüp ilçesinde doğdum", "1990 Gaziantep doğumluyum".
    re.compile(r"(?P<year>(?:19|20)\d{2})\s+yılında\s+(?P<place>[^,.;\"”»]+?)\s+doğdu"),
    re.compile(r"(?P<year>(?:19|20)\d{2})\s+(?P<place>[A-ZÇĞİÖŞÜ][^\d,.;\"”»]*?)\s+doğumlu"),
    re.compile(r"(?P<year>(?:19|20)\d{2})\s+doğumlu"),
    re.compile(rf"\b(?:je suis )?née?\s+en\s+(?P<year>(?:19|20)\d{{2}})(?:\s+à\s+{_PLACE}{_PLACE_END})?"),
    # More of the usual phrasings: "ولدت في الرقة عام 1994", "من مواليد صفاقس", "1990'da Şanlıurfa'da doğdum",
    # "né le 3 mars 1989 à Roubaix", "née à Lille en 1996", "я народився у 1987 році в Полтаві".
    re.compile(r"(?:ولدت|ولد)\s+(?:في|ب)\s*(?P<place>[^\d،,.\"”»]+?)\s+(?:عام|سنة)\s+(?P<year>\d{4})"),
    re.compile(r"(?:ولدت|ولد)\s+(?:عام|سنة)\s+(?P<year>\d{4})(?:\s+(?:في|ب)\s*(?P<place>[^،,.\"”»]+))?"),
    re.compile(r"من مواليد\s+(?P<place>[^\d،,.\"”»]+?)\s*(?=$|[،,.\"”»])"),
    re.compile(r"(?P<year>(?:19|20)\d{2})['’]?(?:de|da|te|ta)\s+(?P<place>[^\d,.;\"”»]+?)\s+doğdu"),
    re.compile(
        rf"\b(?:je suis )?née?\s+le\s+\d{{1,2}}(?:er)?\s+\w+\s+(?P<year>(?:19|20)\d{{2}})\s+à\s+{_PLACE}{_PLACE_END}"
    ),
    re.compile(rf"\b(?:je suis )?née?\s+à\s+{_PLACE}\s+en\s+(?P<year>(?:19|20)\d{{2}})"),
    re.compile(
        r"\bнародив(?:ся|лася)\s+(?:[ув]\s+(?P<year>(?:19|20)\d{2})\s+(?:році|р\.)\s*)?(?:[ув]\s+(?P<place>[^,.;»”\"]+))?"
    ),
]
_ORDINALS = {"first": 0, "second": 1, "third": 2, "fourth": 3}


@dataclass
class IdentityProposal:
    name_as_stated: str
    mode: str
    evidence: str
    birth_year: int | None = None
    birthplace_as_stated: str = ""
    named_by: int | None = None
    named_by_description: str = ""
    name_variants: list[str] = field(default_factory=list)

    def to_dict(self):
        return {
            "name_as_stated": self.name_as_stated,
            "script": detect_script(self.name_as_stated),
            "name_variants": list(self.name_variants),
            "birth_year": self.birth_year,
            "birthplace_as_stated": self.birthplace_as_stated,
            "mode": self.mode,
            "named_by": self.named_by,
            "named_by_description": self.named_by_description,
            "evidence": self.evidence,
        }


def extract_identities(report, sentences):
    """Identities from the report's quotes and narration, in the order they are stated."""
    finder = _Finder()
    quotes_by_paragraph = {}
    for quote in report.quotes:
        quotes_by_paragraph.setdefault(quote.paragraph, []).append(quote)
    for sentence in sentences:
        for quote in quotes_by_paragraph.get(sentence.paragraph, []):
            if quote.text in sentence.text:
                finder.from_quote(quote, sentence.text)
        finder.from_narration(sentence.text)
    for caption in report.captions:
        finder.from_caption(caption)
    return finder.identities


class _Finder:
    def __init__(self):
        self.identities = []
        self.by_speaker = {}  # quote speaker -> index of the identity he gave himself
        self.self_in_sentence = None
        self.seen_quotes = set()

    def from_quote(self, quote, sentence):
        if (quote.speaker, quote.text) in self.seen_quotes:
            return
        self.seen_quotes.add((quote.speaker, quote.text))
        text = quote.text
        speaker_identity = self.by_speaker.get(quote.speaker)
        if quote.translation and speaker_identity is not None:
            for match in (m for p in _FIRST_PERSON for m in p.finditer(text)):
                self._add_variant(speaker_identity, match.group("name"), text[match.end() :])
            _fill_birth(self.identities[speaker_identity], text)
            return
        introductions = sorted(
            [(m.start(), m, AssertionMode.SELF_IDENTIFIED) for p in _FIRST_PERSON for m in p.finditer(text)]
            + [(m.start(), m, AssertionMode.NAMED_BY_OTHER) for m in _NAMED_IN_QUOTE.finditer(text)],
            key=lambda item: item[0],
        )
        for number, (_, match, mode) in enumerate(introductions):
            end = introductions[number + 1][0] if number + 1 < len(introductions) else len(text)
            named_by = None if mode == AssertionMode.SELF_IDENTIFIED else speaker_identity
            rest = text[match.end() : end]
            if number == 0 and mode == AssertionMode.SELF_IDENTIFIED:
                # "Я уроженец Донецка, 1991 года рождения, меня зовут ...": the birth may come before the name.
                rest = f"{rest} {text[: match.start()]}"
            index = self._add(match.group("name"), mode, sentence, rest, named_by)
            if index is not None and mode == AssertionMode.SELF_IDENTIFIED:
                self.by_speaker[quote.speaker] = speaker_identity = index
                self.self_in_sentence = (sentence, index)
        if not introductions:
            # "He was born [in] 1978..." in a later quote completes the identity named last.
            self._complete_last(text, sentence)

    def from_caption(self, caption):
        """A caption that opens with a person's name ("Dutch national Sanne Verhoef, born in 1994 in ...")."""
        self.from_narration(caption)
        for match in _CAPTION_NAME.finditer(caption):
            name = match.group("name") or match.group("name2")
            self._add(name, AssertionMode.NAMED_BY_OTHER, caption, caption[match.end() :], across_scripts=True)

    def from_narration(self, sentence):
        narration = QUOTE_SPAN.sub(lambda m: " " * len(m.group(0)), sentence)
        born = _BORN_NARRATED.match(narration)
        if (
            self.identities
            and born
            and (
                born.group("subject").lower() in ("he", "she")
                or any(
                    born.group("subject") in name.split()
                    for name in [self.identities[-1].name_as_stated, *self.identities[-1].name_variants]
                )
            )
        ):
            # "He says he was born in Ismailia in 1996." completes the identity named just before.
            _fill_birth(self.identities[-1], narration)
        for match in _SHOWN_NAMED.finditer(narration):
            self._add(match.group("name"), AssertionMode.NAMED_BY_OTHER, sentence, narration[match.end() :])
        previous_end = 0
        for match in _SELF_NARRATED.finditer(narration):
            name = next(group for group in match.groups() if group)
            rest = narration[match.end() :]
            before = narration[previous_end : match.start()]
            previous_end = match.end()
            if self.self_in_sentence and self.self_in_sentence[0] == sentence:
                self._add_variant(self.self_in_sentence[1], name, rest)
                continue
            index = self._add(name, AssertionMode.SELF_IDENTIFIED, sentence, rest)
            if index is not None and _BORN_BEFORE_NAME.search(before):
                # "One of the men, who says he was born in Gao in 1997, gives his name as ...".
                _fill_birth(self.identities[index], before)
        for match in _NAMED_PASSIVE.finditer(narration):
            self._add(
                match.group("name"),
                AssertionMode.NAMED_BY_OTHER,
                sentence,
                narration[match.end() :],
                description=match.group("namer"),
            )
        for match in _NAMED_NARRATED.finditer(narration):
            if match.group("object").startswith(("by ", "himself", "herself")):
                continue
            namer, description = self._namer(narration[: match.start()])
            rest = narration[match.end() :]
            self._add(match.group("name"), AssertionMode.NAMED_BY_OTHER, sentence, rest, namer, description)
            following = _AND_AS.match(rest) or _AND_NAME.match(rest)
            if following:
                self._add(
                    following.group("name"),
                    AssertionMode.NAMED_BY_OTHER,
                    sentence,
                    rest[following.end() :],
                    namer,
                    description,
                )

    def _namer(self, before):
        """Who names someone: an identity already stated ("he", "the first man") or someone else."""
        subject = re.split(r"[,;]\s+", before.strip())[-1] if before.strip() else ""
        words = subject.lower().split()
        self_identified = [i for i, item in enumerate(self.identities) if item.mode == AssertionMode.SELF_IDENTIFIED]
        if words and words[0] in ("he", "she"):
            return (self_identified[-1] if self_identified else None), ""
        ordinal = next((_ORDINALS[word] for word in words if word in _ORDINALS), None)
        if ordinal is not None and words and words[-1] in ("man", "woman", "prisoner", "soldier", "captive"):
            return (self_identified[ordinal] if ordinal < len(self_identified) else None), ""
        return None, re.sub(r"^(?:then|also)\s+", "", subject.strip())

    def _add(self, name, mode, evidence, rest, named_by=None, description="", across_scripts=False):
        name = name.strip()
        if not _plausible_name(name):
            return None
        for index, existing in enumerate(self.identities):
            if name.casefold() == existing.name_as_stated.casefold() or name in existing.name_variants:
                return index
            if across_scripts and _same_person_across_scripts(name, existing.name_as_stated):
                # "Andriy Kovalchuk" in a caption is the "Андрей Ковальчук" who named himself in the quote.
                self._add_variant(index, name, rest)
                return index
        identity = IdentityProposal(
            name_as_stated=name,
            mode=mode,
            evidence=evidence,
            named_by=named_by,
            named_by_description=description.strip(),
        )
        _fill_birth(identity, rest)
        self.identities.append(identity)
        return len(self.identities) - 1

    def _add_variant(self, index, name, rest):
        identity = self.identities[index]
        if _plausible_name(name) and name.casefold() != identity.name_as_stated.casefold():
            identity.name_variants.append(name)
        _fill_birth(identity, rest)

    def _complete_last(self, text, evidence):
        if self.identities and _BIRTH_ONLY_QUOTE.match(text):
            identity = self.identities[-1]
            _fill_birth(identity, text)
            identity.evidence = (
                f"{identity.evidence} {evidence}" if evidence not in identity.evidence else identity.evidence
            )


def _fill_birth(identity, text):
    for pattern in _BIRTH:
        match = pattern.search(text)
        if not match:
            continue
        groups = match.groupdict()
        if groups.get("year") and identity.birth_year is None:
            identity.birth_year = int(groups["year"])
        if groups.get("place") and not identity.birthplace_as_stated:
            identity.birthplace_as_stated = groups["place"].strip()


def _same_person_across_scripts(one, other):
    """Two spellings of one name in different scripts: the same surname and first initial once romanised."""
    if detect_script(one) == detect_script(other):
        return False
    first, second = ([key.split() for key in latin_keys(name)] for name in (one, other))
    return any(
        len(a) >= 2
        and len(b) >= 2
        and ((a[-1] == b[-1] and a[0][0] == b[0][0]) or (a[0] == b[-1] and a[-1][0] == b[0][0]))
        for a in first
        for b in second
    )


def _plausible_name(name):
    words = name.split()
    if re.fullmatch(r"[A-Za-z'’ -]+", name):
        # A Latin-script name has two words at least ("I am Italian" is not a name) and none is a language.
        return len(words) >= 2 and not any(is_demonym(word) or word in language_names() for word in words[:1])
    return bool(words)
