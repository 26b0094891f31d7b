"""Keys a place name is indexed and looked up by: its normalised words, loose Latin spellings (Deir ez-Zor, Deir
Ezzor and Dayr az Zawr meet), and a consonant skeleton for misspelt or unwritten vowels. Used both to build the
gazetteer table and to query it, so that both sides agree."""

import re
from functools import lru_cache

from catalog.choices import PlaceKind, Script

from . import names

_CYRILLIC_ONLY = re.compile(r"[\u0400-\u04ff0-9 ]+")
_ARABIC_ONLY = re.compile(r"[\u0600-\u06ff0-9 ]+")

# Words that say what kind of place is meant rather than which; dropped from the name, kept as a kind hint.
GENERIC_WORDS = {
    **dict.fromkeys(
        "oblast oblasti region krai kray province governorate muhafazat muhafaza republic respublika state wilayah "
        "область обл край республика محافظه".split(), PlaceKind.REGION),
    **dict.fromkeys(
        "district raion rayon rajon county municipality nahiya qada район р н ناحيه قضا".split(), PlaceKind.DISTRICT),
    **dict.fromkeys(
        "village selo derevnya khutor posyolok poselok settlement hamlet stanitsa aul "
        "село деревня хутор поселок станица аул пгт قريه بلده".split(), PlaceKind.VILLAGE),
    **dict.fromkeys("town city gorod город г مدينه".split(), PlaceKind.CITY),
    **dict.fromkeys(
        "airbase airfield airport aerodrome base air аэропорт авиабаза аэродром база مطار قاعده".split(),
        PlaceKind.FACILITY),
    **dict.fromkeys(
        "born area near vicinity outskirts of the in at from federal autonomous avtonomnyy avtonomnaya okrug military "
        "urban родился родилась районе в из под около окрестностях автономный автономная округ городской منطقه في من جويه عسكري".split(),
        None),
}
SEGMENT_BREAKS = re.compile(r"[,;()/،؛]|\s(?:in|в)\s", re.IGNORECASE)

# How a key was made from a name, and what a query meeting it scores, strongest first.
EXACT, EXACT_WITHOUT_GENERIC, LOOSE, LOOSE_WITHOUT_ARTICLE = 1.0, 0.97, 0.95, 0.92
MATCH_SCORES = {"e": EXACT, "g": EXACT_WITHOUT_GENERIC, "l": LOOSE, "a": LOOSE_WITHOUT_ARTICLE}


def split_generic(words):
    """The words that name the place, and the kind the generic words hint at (the first one named)."""
    if GENERIC_WORDS.keys().isdisjoint(words):  # most names: nothing to drop
        return words, None
    kept, kind = [], None
    for word in words:
        if word in GENERIC_WORDS:
            kind = kind or GENERIC_WORDS[word]
        else:
            kept.append(word)
    return kept, kind


def _script(normalised):
    """The script of normalised text, whose Latin is plain ASCII by then. catalog.text.detect_script looks up each
    letter's Unicode name, which is too slow for the quarter of a million names indexed here."""
    if normalised.isascii():
        return Script.LATIN
    if _CYRILLIC_ONLY.fullmatch(normalised):
        return Script.CYRILLIC
    if _ARABIC_ONLY.fullmatch(normalised):
        return Script.ARABIC
    return Script.OTHER


def _latin_readings(words):
    """The Latin spellings of a name's words: itself, each Cyrillic system's, or a romanisation of Arabic."""
    text = " ".join(words)
    script = _script(text)
    if script == Script.CYRILLIC:
        return {names.normalise(schema.translate(text)) for schema in names.CYRILLIC_SYSTEMS.values()}
    if script == Script.ARABIC:
        return {names.romanise_arabic(text)}
    return {text}


def _loose_keys(latin, for_query=False):
    """Loose keys of a Latin name without spaces (Deir ez-Zor, Deir Ezzor and Dayr az Zawr come close), and
    apart from them the keys with Arabic articles dropped; a query also tries articles written into a word."""
    words = latin.split()
    spelled = [_spellings(w) for w in words]
    if not for_query and all(len(s) == 1 for s in spelled):  # most names: one loose spelling, no article
        loose = [s[0] for s in spelled]
        if names.ARTICLES.isdisjoint(loose):
            return {"".join(loose)}, set()
    options = []
    for word, spellings in zip(words, spelled):
        choices = [(v, False) for v in spellings]
        if for_query and (unfused := _unfused_article(word)):
            choices += [(v, True) for v in _spellings(unfused)]
        options.append(choices)
    keys, without_article = set(), set()
    for combination in _product(options):
        loose = [w for w, _ in combination]
        if any(dropped for _, dropped in combination):
            without_article.add("".join(loose))
            continue
        keys.add("".join(loose))
        without_article.add("".join(names.drop_articles(loose)))
    return keys, without_article - keys


@lru_cache(maxsize=300_000)
def _spellings(word):
    return sorted(names.loose_token_variants(word))[:2]


def _product(options, limit=16):
    combinations = [[]]
    for choices in options:
        combinations = [c + [o] for c in combinations for o in choices][:limit]
    return combinations


_FUSED_ARTICLE = re.compile(r"(?:al|el)(?=[a-z]{3})|[ae]([dtsznrl])(?=\1[a-z]{2})")


def _unfused_article(word):
    """'ezzor' → 'zor', 'arraqqa' → 'raqqa', 'alraqqa' → 'raqqa': an article written into the word."""
    match = _FUSED_ARTICLE.match(word)
    return word[match.end():] if match else None


EXACT_MATCH = "e"


def exact_key(alias):
    """The key an alias is indexed by exactly as written (its EXACT_MATCH row): its normalised words."""
    return " ".join(names.normalise(alias).split())


def index_keys(alias):
    """The keys an alias is found by: [(key, match, consonant skeleton)], match being a MATCH_SCORES letter. Empty
    for text in other scripts than Latin, Cyrillic and Arabic, which reports here do not use."""
    normalised = names.normalise(alias)
    if not normalised or (script := _script(normalised)) == Script.OTHER:
        return []
    words = normalised.split()
    named, _ = split_generic(words)
    rows = [(exact_key(alias), EXACT_MATCH, "")]
    if named and named != words:
        rows.append((" ".join(named), "g", ""))
    if script == Script.CYRILLIC:
        return rows  # Cyrillic names are matched as written; a Cyrillic query also tries its Latin readings
    named = named or words
    keys, without_article = _loose_keys(names.romanise_arabic(" ".join(named)) if script == Script.ARABIC
                                        else " ".join(named))
    rows += [(key, "l", names.consonant_skeleton(key)) for key in keys]
    rows += [(key, "a", names.consonant_skeleton(key)) for key in without_article]
    return rows


def query_keys(named):
    """A query's loose keys, and those with an article written into a word dropped ('ezzor' → 'zor')."""
    keys, without_article = set(), set()
    for latin in _latin_readings(named):
        found, dropped = _loose_keys(latin, for_query=True)
        keys |= found
        without_article |= dropped
    return keys, without_article
