"""Direct quotations in the body and who the report says spoke them."""

import re
from dataclasses import dataclass

from .sentences import split_sentences

QUOTE_SPAN = re.compile(r'"(?P<a>[^"\n]+)"|“(?P<b>[^”“\n]+)[”“]|«(?P<c>[^»\n]+)»|„(?P<d>[^“”\n]+)[“”]')
SPEECH_VERBS = (
    r"said|says|say|added|adds|told|tells|stated|states|explained|explains|continued|continues|wrote|writes|"
    r"declared|declares|insisted|insists|warned|warns|claimed|claims|asserted|noted|stressed|replied|recalled|"
    r"announced|confirmed|acknowledged|concluded|pleads|pleaded|shouts|shouted|replies|replied|responds|responded|"
    r"asks|asked"
)
PRONOUNS = {"he", "she", "they", "we", "i", "it"}
_WORD = r"[^\W\d_][\w'’.-]*"
_AFTER = re.compile(
    rf"^\s*,?\s*(?P<speaker>(?!(?:and|but|or|as|while|then|so)\b)(?:{_WORD},?\s+){{0,8}}?{_WORD}),?\s+"
    rf"(?:also\s+|then\s+|later\s+)?(?:{SPEECH_VERBS})\b"
)
_AFTER_INVERTED = re.compile(
    rf"^\s*,?\s*(?:{SPEECH_VERBS})\s+(?P<speaker>(?:{_WORD}\s+){{0,8}}?{_WORD})\s*(?=[.,;:(]|$)"
)
# '"...", he says (translated: "...")': the bracketed translation is the same speaker's words.
_TRANSLATION_BEFORE = re.compile(
    r"\(\s*(?:translated|translation|in translation|in english|english translation)(?: from \w+)?\s*:\s*$",
    re.IGNORECASE,
)
_AFTER_ACCORDING = re.compile(rf"^\s*,?\s*according to\s+(?P<speaker>(?:{_WORD}\s+){{0,8}}?{_WORD})\s*(?=[.,;]|$)")
_BEFORE = re.compile(
    rf"(?:^|[.;!?]\s+|,\s+)(?P<speaker>(?:{_WORD}\s+){{0,8}}?{_WORD}),?\s+(?:{SPEECH_VERBS})\b[^.;:\"“”«»]{{0,60}}[:,]\s*$"
)

PERSON_NOUNS = (
    r"man|woman|men|women|spokesman|spokeswoman|spokesperson|official|commander|minister|soldier|prisoner|"
    r"captive|hostage|officer|fighter|presenter|interviewer|speaker|representative|engineer|journalist|"
    r"activist|leader|chief|envoy|ambassador|governor|president|lawyer|mother|father|brother|sister|wife|"
    r"husband|son|daughter|boy|girl|pilot|commentator|analyst|witness|suspect|detainee|militant|conscript|"
    r"serviceman|volunteer"
)
_TITLES = (
    r"(?:General|Colonel|Lieutenant|Brigadier|Major|Captain|Sergeant|Commander|Admiral|Mawlawi|Sheikh|"
    r"Dr\.?|Mr\.?|Mrs\.?|Ms\.?)"
)
_NAME = r"(?:[A-Z][\w'’-]+|(?:al|el|bin|ibn|abu|de|van|von)[-\s][A-Z][\w'’-]+)"
_PERSON_PHRASE = re.compile(
    rf"\b(?:(?:[Tt]he|[Aa]n?|[Aa]nother|[Hh]is|[Hh]er|[A-Z][\w-]*['’]s)\s+"
    rf"(?:(?!(?:shows?|showed|showing|features?|featured)\b)[\w'’-]+\s+){{0,3}}?(?:{PERSON_NOUNS})\b"
    rf"(?:\s+(?:with|in)\s+(?:a|an|the)\s+[\w-]+(?:\s+[\w-]+)?(?=[\s.,;]|$)"
    rf"|\s+in\s+(?:[\w-]+\s+){{0,2}}(?:uniforms?|insignia|fatigues|camouflage|clothes|clothing)\b)?"
    rf"(?:,?\s+(?:{_TITLES}\s+)*{_NAME}(?:\s+{_NAME}){{1,3}})?"
    rf"|[Oo]ne of (?:them|the \w+)|[Oo]ne\s+(?:[\w-]+\s+)?(?:{PERSON_NOUNS})\b"
    rf"|(?:[A-Z][\w'’-]*\s+){{0,4}}(?:{PERSON_NOUNS})\s+(?:{_TITLES}\s+)*{_NAME}(?:\s+{_NAME}){{1,3}})"
)


@dataclass(frozen=True)
class Quote:
    speaker: str
    text: str
    paragraph: int
    translation: bool = False  # a bracketed translation of the quote before it

    def to_dict(self):
        return {
            "speaker": self.speaker,
            "text": self.text,
            "paragraph": self.paragraph,
            "translation": self.translation,
        }


def person_phrase(sentence):
    """The first phrase naming a person in a sentence ("the man", "a coalition spokesman, Colonel X")."""
    match = _PERSON_PHRASE.search(sentence)
    return match.group(0).strip() if match else ""


def extract_quotes(paragraphs):
    quotes = []
    previous_sentence, previous_quoted = "", False
    for index, paragraph in enumerate(paragraphs):
        for sentence in split_sentences(paragraph, index):
            found = _sentence_quotes(sentence.text, index, (previous_sentence, previous_quoted), quotes, paragraph)
            quotes.extend(found)
            previous_sentence, previous_quoted = sentence.text, bool(found)
    return quotes


def _sentence_quotes(sentence, paragraph_index, previous, earlier, paragraph):
    found = []
    for match in QUOTE_SPAN.finditer(sentence):
        # The comma that closes before the attribution, in Latin or Arabic script ("،").
        text = next(group for group in match.groups() if group is not None).strip().rstrip(",،").strip()
        if found and _TRANSLATION_BEFORE.search(sentence[: match.start()]):
            found.append(Quote(speaker=found[-1].speaker, text=text, paragraph=paragraph_index, translation=True))
            continue
        speaker = _attribution(sentence[: match.start()], sentence[match.end() :])
        if speaker is None and _is_continuation(sentence, paragraph, earlier, paragraph_index):
            speaker = earlier[-1].speaker
        if speaker is None:
            continue  # scare quotes and quoted titles have no attribution
        if speaker.lower() in PRONOUNS:
            # A quote split by its attribution ("...," he said, "...") keeps the speaker of its first half.
            speaker = found[-1].speaker if found else _resolve_pronoun(speaker, previous, earlier)
        found.append(Quote(speaker=speaker, text=text, paragraph=paragraph_index))
    return found


def _attribution(before, after):
    for pattern in (_AFTER_ACCORDING, _AFTER_INVERTED, _AFTER):
        match = pattern.match(after)
        if match:
            return match.group("speaker")
    match = _BEFORE.search(before)
    return match.group("speaker") if match else None


def _is_continuation(sentence, paragraph, earlier, paragraph_index):
    """A sentence that is all quotation, right after a quote, continues that speaker."""
    return (
        bool(earlier)
        and earlier[-1].paragraph >= paragraph_index - 1
        and bool(QUOTE_SPAN.fullmatch(sentence.strip().rstrip(".")) or QUOTE_SPAN.fullmatch(sentence.strip()))
    )


def _resolve_pronoun(pronoun, previous, earlier):
    """A pronoun speaker stands for the speaker quoted just before, else the person the sentence before names."""
    previous_sentence, previous_quoted = previous
    if earlier and previous_quoted:
        return earlier[-1].speaker
    named = person_phrase(previous_sentence)
    if named:
        return named
    return earlier[-1].speaker if earlier else pronoun
