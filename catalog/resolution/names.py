"""Names for matching: normalisation, transliteration between Cyrillic and Latin, Arabic romanisation, keys.

Every function here returns a new string for comparison only; stored values keep their script and spelling.

Keys:
- `latin_keys`: "loose" Latin spellings in which the usual transliteration differences collapse
  (Zabolotny / Zabolotnyy / Zabolotnyj / Заболотный all give "zabolotni"), plus English given-name equivalents.
- `consonant_skeleton`: a loose word without its vowels. Arabic script does not write short vowels, so "محمد"
  can only meet "Muhammad" / "Mohammed" on its consonants (m-h-m-d); romanisations of Arabic names also differ
  mostly in vowels (Yusuf / Youssef). Limits: names that differ only in short vowels look alike; و/ي read as
  consonants or as vowels are guessed from their position; sun-letter assimilation inside a word is not undone
  ("Abdurrahman" against "عبد الرحمن"); and ج, romanised j, is lost as the Russian й is (Jubouri ≈ Iuburi).
"""

import itertools
import re
import unicodedata
from functools import lru_cache

import iuliia
from anyascii import anyascii

from catalog.choices import Script
from catalog.text import detect_script

# Cyrillic → Latin systems (tables from iuliia, which keeps the published standards).
CYRILLIC_SYSTEMS = {
    "bgn_pcgn": iuliia.BGN_PCGN,
    "iso9": iuliia.GOST_779,  # ISO 9:1995 = GOST 7.79 System A, one Latin letter (with diacritics) per Cyrillic letter
    "iso9_system_b": iuliia.GOST_779_ALT,  # GOST 7.79 System B, ASCII only
    "scientific": iuliia.SCIENTIFIC,
    "passport": iuliia.ICAO_DOC_9303,  # Russian international passports since 2013
    "english": iuliia.WIKIPEDIA,  # the common English spelling (Grigory, Zabolotny, Yevgeny)
}

# English and common equivalents of Russian given names, which no letter-by-letter system produces.
GIVEN_NAME_EQUIVALENTS = {
    "александр": ("Alexander", "Alexandre", "Alex", "Sasha"),
    "алексей": ("Alexei", "Alexey", "Alex", "Alyosha"),
    "анатолий": ("Anatoly", "Anatoli"),
    "андрей": ("Andrei", "Andrey", "Andrew"),
    "антон": ("Anton", "Anthony"),
    "валерий": ("Valery", "Valeri"),
    "василий": ("Vasily", "Vassili", "Basil"),
    "виктор": ("Victor", "Viktor"),
    "владимир": ("Vladimir", "Volodya"),
    "вячеслав": ("Vyacheslav", "Slava"),
    "георгий": ("Georgy", "George"),
    "григорий": ("Gregory", "Grigory", "Grigori", "Grisha"),
    "дмитрий": ("Dmitry", "Dmitri", "Dimitri", "Dima"),
    "евгений": ("Yevgeny", "Evgeny", "Eugene", "Zhenya"),
    "иван": ("Ivan", "John"),
    "илья": ("Ilya", "Elijah"),
    "кирилл": ("Kirill", "Cyril"),
    "константин": ("Konstantin", "Constantine", "Kostya"),
    "максим": ("Maxim", "Maksim"),
    "михаил": ("Mikhail", "Michael", "Misha"),
    "николай": ("Nikolai", "Nikolay", "Nicholas", "Kolya"),
    "павел": ("Pavel", "Paul", "Pasha"),
    "пётр": ("Pyotr", "Peter", "Petr"),
    "сергей": ("Sergei", "Sergey", "Serge"),
    "степан": ("Stepan", "Stephen"),
    "фёдор": ("Fyodor", "Fedor", "Theodore"),
    "юрий": ("Yuri", "Yury", "Iouri"),
    "яков": ("Yakov", "Jacob"),
}

_APOSTROPHES = "'’‘`´ʼʻʹʺʿʾ\""
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")  # harakat, Quranic marks, tatweel
_ARABIC_LETTERS = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي", "ء": None,
    "ی": "ي", "ک": "ك", "ہ": "ه", "ۀ": "ه",  # Persian and Urdu forms of the same letters, common in gazetteers
    "ё": "е",  # ё is often written е; they must compare equal
    **dict.fromkeys(_APOSTROPHES),
})
_LATIN_WITH_MARKS = re.compile("[\u00c0-\u02af\u1e00-\u1eff]+")  # accented and extended Latin letters
_ASCII_SEPARATORS = re.compile(r"[^a-z0-9]+")
_SEPARATORS = re.compile(r"[\W_]+")
_ASCII_APOSTROPHES = str.maketrans("", "", "'`\"")


def normalise(text):
    """Case, diacritics, apostrophes and punctuation removed; Cyrillic and Arabic stay in their script."""
    if text.isascii():  # the common case, kept fast for building the gazetteer's indexes
        return " ".join(_ASCII_SEPARATORS.split(text.lower().translate(_ASCII_APOSTROPHES))).strip()
    text = unicodedata.normalize("NFC", text).casefold()
    text = _ARABIC_MARKS.sub("", text).translate(_ARABIC_LETTERS)
    # Latin letters lose their diacritics (ł, ø, ḩ, é → l, o, h, e); other scripts are kept as written.
    text = _LATIN_WITH_MARKS.sub(lambda match: anyascii(match.group()).lower(), text)
    return " ".join(_SEPARATORS.split(text)).strip()


def transliterate(text):
    """Cyrillic → Latin under each system in CYRILLIC_SYSTEMS, for display and search: {system: spelling}."""
    return {system: schema.translate(text) for system, schema in CYRILLIC_SYSTEMS.items()}


# Loose Latin: the spellings that different systems and languages give one Cyrillic letter become one.
# One pass, longest spelling first at each position.
_LOOSE_SPELLINGS = {
    "shch": "sc", "chtch": "sc", "sch": "sc", "shh": "sc",  # щ: English, French, German, GOST 7.79 B
    "tsch": "c", "tch": "c", "ch": "c",  # ч: German, French, English
    "ts": "c", "tz": "c", "cz": "c",  # ц; ISO 9 already writes c
    "zh": "z", "dj": "z",  # ж
    "kh": "h",  # х
    "sh": "s",  # ш; ISO 9 š is folded to s
    "ph": "f", "ck": "k", "q": "k", "x": "ks", "w": "v",
    "ou": "u",  # French
    "j": "i", "y": "i",  # й in ISO 9 and scientific; ы, й and и at the end: Zabolotnyy / Zabolotnyi / Zabolotny
}
_LOOSE_PATTERN = re.compile(
    r"^[yij]e"  # initial е: Yevgeny / Evgeny / Jevgenij
    r"|(?<=.)[yj][eo]"  # ё and ье written ye/yo: Solovyov / Solovev, Fyodor / Fedor
    r"|" + "|".join(sorted(_LOOSE_SPELLINGS, key=len, reverse=True))
)
_FINAL_H = re.compile(r"(?<=[aeiou])h$")  # final h after a vowel: Raqqah / Raqqa
_DOUBLED = re.compile(r"(.)\1+")  # doubled letters: Sergeev / Sergeyev, Haddad / Hadad


@lru_cache(maxsize=200_000)
def loose_token(token):
    """One ASCII word in loose form. German ch (= х) also gives an h variant: see `loose_token_variants`."""
    token = _LOOSE_PATTERN.sub(lambda m: _LOOSE_SPELLINGS.get(m.group(), "e"), token)
    return _DOUBLED.sub(r"\1", _FINAL_H.sub("", token))


_GERMAN_CH = re.compile(r"(?<![st])ch")


@lru_cache(maxsize=200_000)
def loose_token_variants(token):
    """Loose forms of one word; "ch" is ч in English but х in German (Charitonow), so both are tried."""
    variants = {loose_token(token)}
    if "ch" in token and _GERMAN_CH.search(token):
        variants.add(loose_token(_GERMAN_CH.sub("kh", token)))
    return frozenset(variants)


# Arabic → Latin, for matching only (no vowels can be recovered, see the module docstring).
_ARABIC_CONSONANTS = {
    "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z",
    "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "", "غ": "gh", "ف": "f", "ق": "q",
    "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "پ": "p", "چ": "ch", "ژ": "zh", "گ": "g", "ڤ": "v",
}


def _strip_arabic_article(word):
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


def romanise_arabic(text):
    """A simple romanisation of Arabic: long vowels from ا/و/ي, no short vowels, article dropped, final ه/ة as a."""
    words = []
    for word in normalise(text).split():
        word = _strip_arabic_article(word)
        out = []
        for position, char in enumerate(word):
            if char == "ا" or (char == "ع" and position == 0):  # initial ع is heard as a vowel: عمر Omar
                out.append("a")
            elif char == "ه" and position == len(word) - 1 and position > 0:  # mostly ta marbuta: الرقة ar-Raqqa
                out.append("a")
            elif char in "وي":
                consonant = position == 0 or word[position - 1] == "ا"  # و/ي starting a syllable are w/y
                out.append(("w" if char == "و" else "y") if consonant else ("u" if char == "و" else "i"))
            else:
                out.append(_ARABIC_CONSONANTS.get(char, char))
        words.append("".join(out))
    return " ".join(w for w in words if w)


# Latin articles of Arabic names, dropped when written apart: al-Shammari, ash-Shula, Deir ez-Zor.
ARTICLES = frozenset("al el il ul ad ed ar er as es ash esh at et az ez an en ath adh ud ur us uz".split())


def drop_articles(words):
    kept = [w for i, w in enumerate(words) if not (w in ARTICLES and i + 1 < len(words))]
    return kept or words


def join_abd_abu(words):
    """'Abd Allah' and 'Abu Bakr' are often written as one word (Abdallah, Abubakr)."""
    out = []
    for word in words:
        if out and out[-1] in ("abd", "abu", "abdul", "abdel", "abou"):
            out[-1] += word
        else:
            out.append(word)
    return out


def _given_name_index():
    index = {}
    for cyrillic, equivalents in GIVEN_NAME_EQUIVALENTS.items():
        canonical = loose_token(normalise(CYRILLIC_SYSTEMS["bgn_pcgn"].translate(normalise(cyrillic))))
        for spelling in equivalents:
            index.setdefault(loose_token(normalise(spelling)), set()).add(canonical)
        index.setdefault(normalise(cyrillic), set()).add(canonical)
    return index


_GIVEN_NAMES = _given_name_index()


def english_given_names(name):
    """The English and common equivalents of a Russian given name in Cyrillic or Latin: Григорий → Gregory, ..."""
    key = normalise(name)
    groups = _GIVEN_NAMES.get(key, set()) | _GIVEN_NAMES.get(loose_token(key), set())
    return sorted({
        spelling for cyrillic, spellings in GIVEN_NAME_EQUIVALENTS.items()
        if _GIVEN_NAMES[normalise(cyrillic)] & groups for spelling in spellings
    })


@lru_cache(maxsize=50_000)
def _latin_spellings(word):
    """The ASCII spellings of one normalised word before loosening: each Cyrillic system's, or a romanisation."""
    script = detect_script(word)
    if script == Script.CYRILLIC:
        return {normalise(schema.translate(word)) for schema in CYRILLIC_SYSTEMS.values()}
    if script == Script.ARABIC:
        return {romanise_arabic(word)}
    return {word}


_MAX_KEYS = 128  # a long name with many ambiguous words would otherwise multiply out


@lru_cache(maxsize=50_000)
def latin_keys(name):
    """The loose Latin keys of a name in any script, word order kept (compare them order-free)."""
    words = normalise(name).split()
    if not words:
        raise ValueError("A name is needed: the text is empty after normalisation.")
    choices = []
    for original in words:  # word by word, so that a name written in two scripts still compares
        loose = set()
        for spelling in _latin_spellings(original):
            loose |= loose_token_variants(spelling) if spelling else set()
        for key in (original, *loose):
            loose |= _GIVEN_NAMES.get(key, set())
        choices.append(sorted(loose))
    keys = set()
    for combination in itertools.islice(itertools.product(*choices), _MAX_KEYS):
        keys.add(" ".join(join_abd_abu(drop_articles([w for w in combination if w]))))
    return frozenset(k for k in keys if k)


_VOWELS = str.maketrans("", "", "aeiou")


def consonant_skeleton(loose_word):
    """A loose word without its vowels, except a final i: 'muhamad' and 'mohamed' give 'mhmd', 'iusuf' and
    'iusef' give 'sf'. The final i stays because it makes another name (Haddad / Haddadi, Hamdan / Hamdani)."""
    return loose_word[:-1].translate(_VOWELS) + "i" if loose_word.endswith("i") else loose_word.translate(_VOWELS)


# Latin → Cyrillic: each rule gives Cyrillic readings with a rough likelihood; a beam keeps the likeliest.
_TO_CYRILLIC = [
    ("shch", (("щ", 1.0),)), ("sch", (("щ", 0.6), ("ш", 0.3))), ("zh", (("ж", 1.0),)), ("kh", (("х", 1.0),)),
    ("tch", (("ч", 1.0),)), ("ch", (("ч", 1.0),)), ("sh", (("ш", 1.0),)), ("ts", (("ц", 0.9), ("тс", 0.3))),
    ("tz", (("ц", 1.0),)), ("yu", (("ю", 1.0), ("ью", 0.3))), ("ya", (("я", 1.0), ("ья", 0.3))),
    ("yo", (("ё", 0.8), ("ьо", 0.2))), ("ye", (("е", 0.8), ("ье", 0.4), ("э", 0.2))), ("iu", (("ю", 0.6),)),
    ("ia", (("я", 0.6), ("ия", 0.4))), ("yy", (("ый", 1.0),)), ("iy", (("ий", 1.0),)), ("ii", (("ий", 0.9),)),
    ("ij", (("ий", 0.9),)), ("yj", (("ый", 0.9),)), ("yi", (("ый", 0.6), ("ьи", 0.3))), ("ei", (("ей", 0.8),)),
    ("ai", (("ай", 0.8),)), ("oi", (("ой", 0.8),)), ("ou", (("у", 0.6),)), ("ay", (("ай", 1.0),)),
    ("ey", (("ей", 1.0),)), ("oy", (("ой", 1.0),)),
    ("a", (("а", 1.0),)), ("b", (("б", 1.0),)), ("v", (("в", 1.0),)), ("w", (("в", 1.0),)), ("g", (("г", 1.0),)),
    ("d", (("д", 1.0),)), ("e", (("е", 1.0), ("э", 0.2))), ("z", (("з", 1.0),)), ("i", (("и", 1.0), ("ий", 0.6))),
    ("j", (("й", 0.6), ("дж", 0.3))), ("y", (("ый", 0.5), ("ий", 0.5), ("ы", 0.4), ("й", 0.4))),
    ("k", (("к", 1.0),)), ("l", (("л", 1.0),)), ("m", (("м", 1.0),)), ("n", (("н", 1.0),)), ("o", (("о", 1.0),)),
    ("p", (("п", 1.0),)), ("r", (("р", 1.0),)), ("s", (("с", 1.0),)), ("t", (("т", 1.0),)), ("u", (("у", 1.0),)),
    ("f", (("ф", 1.0),)), ("h", (("х", 0.7), ("г", 0.2))), ("c", (("ц", 0.5), ("к", 0.5))), ("x", (("кс", 1.0),)),
    ("q", (("к", 1.0),)),
]
_TO_CYRILLIC.sort(key=lambda rule: -len(rule[0]))  # the longest spelling that fits is tried first
_ENDINGS_ONLY = {"y": {"ый", "ий"}, "i": {"ий"}, "iy": {"ий"}, "yy": {"ый"}, "ii": {"ий"}, "ij": {"ий"}, "yj": {"ый"}}
_SPLIT_DIGRAPH = 0.3  # reading "ts" as т + с when ц fits is possible but unlikely
_NEVER_AFTER = re.compile("[гкхжшчщ]ы")  # Russian spelling: no ы after these letters


def _ending_weight(before, reading):
    """Final -y/-i: -ный for adjectival surnames (Заболотный), -ий for given names (Григорий, Юрий, Евгений)."""
    if reading in ("ый", "ий"):
        adjectival = before.endswith("н") and not before.endswith("ен")
        return 1.1 if (reading == "ый") == adjectival else 1.0
    return 0.6 if reading == "и" else 1.0


def _cyrillic_word_readings(word, beam):
    states = [("", 1.0, 0)]  # (cyrillic so far, likelihood, position in word)
    finished = []
    while states:
        grown = []
        for cyrillic, weight, position in states:
            if position == len(word):
                finished.append((cyrillic, weight))
                continue
            longest = 0
            for latin, readings in _TO_CYRILLIC:
                if not word.startswith(latin, position):
                    continue
                longest = max(longest, len(latin))
                at_end = position + len(latin) == len(word)
                penalty = _SPLIT_DIGRAPH if len(latin) < longest else 1.0
                for reading, likelihood in readings:
                    if reading in _ENDINGS_ONLY.get(latin, ()) and not at_end:
                        continue  # -ый/-ий endings only at the end of a word
                    spelled = cyrillic + reading
                    if _NEVER_AFTER.search(spelled[-len(reading) - 1:]) or spelled[0] in "ьыъ":
                        continue  # not a Russian spelling
                    if at_end:
                        likelihood *= _ending_weight(cyrillic, reading)
                    grown.append((spelled, weight * likelihood * penalty, position + len(latin)))
            if word[position] not in "abcdefghijklmnopqrstuvwxyz":
                grown.append((cyrillic + word[position], weight, position + 1))
        states = sorted(grown, key=lambda s: -s[1])[:beam]
    return sorted(finished, key=lambda s: -s[1])


def to_cyrillic(latin, limit=8):
    """Candidate Cyrillic spellings of a Latin-script name, likeliest first ('Zabolotny' → 'Заболотный', ...)."""
    words = normalise(latin).split()
    if not words:
        raise ValueError("A name is needed: the text is empty after normalisation.")
    per_word = [_cyrillic_word_readings(w, beam=limit * 4)[:limit] for w in words]
    combined = []
    for combination in itertools.product(*per_word):
        weight = 1.0
        for _, likelihood in combination:
            weight *= likelihood
        combined.append((" ".join(c.capitalize() for c, _ in combination), weight))
    combined.sort(key=lambda c: -c[1])
    seen = []
    for spelling, _ in combined:
        if spelling not in seen:
            seen.append(spelling)
    return seen[:limit]
