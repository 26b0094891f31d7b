import unicodedata

from catalog.choices import Script

_SCRIPT_PREFIXES = {"LATIN": Script.LATIN, "CYRILLIC": Script.CYRILLIC, "ARABIC": Script.ARABIC}


def detect_script(text):
    """The writing system of a name, from the Unicode names of its letters."""
    found = set()
    for char in text:
        if not char.isalpha():
            continue
        prefix = unicodedata.name(char, "").split(" ", 1)[0]
        found.add(_SCRIPT_PREFIXES.get(prefix, Script.OTHER))
    return found.pop() if len(found) == 1 else Script.OTHER
