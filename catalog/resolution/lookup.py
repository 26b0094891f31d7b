"""Matching what an analyst types against catalogue names, in any script, for autocomplete and for picking a record.

A query matches a name when its normalised text is inside the name's, or when each word of one of its loose Latin
keys (catalog.resolution.names.latin_keys) starts a word of one of the name's keys: "Амак" finds "Amaq News Agency",
"اعماق" finds "A'maq", "zabolotn" finds "Заболотный".
"""

from catalog.resolution import names


def _keys(text):
    try:
        return [key.split() for key in names.latin_keys(text)]
    except ValueError:  # nothing left after normalisation: punctuation only
        return []


def name_matches(query, name):
    wanted = names.normalise(query)
    if not wanted:
        return False
    if wanted in names.normalise(name):
        return True
    name_keys = _keys(name)
    for query_words in _keys(query):
        for name_words in name_keys:
            if all(any(word.startswith(part) for word in name_words) for part in query_words):
                return True
    return False


def same_name(query, name):
    """The query names exactly this (case, diacritics and punctuation aside)."""
    wanted = names.normalise(query)
    return bool(wanted) and wanted == names.normalise(name)
