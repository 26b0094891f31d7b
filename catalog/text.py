import hashlib
import html
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


def report_fingerprint(text):
    """SHA-256 of a report's text with what changes between copies of one report evened out: HTML entities
    (`&amp;`, `&nbsp;`), the byte-order mark, Unicode composition, line endings and runs of whitespace.

    Two deliveries of one report (a CRLF export, an HTML-escaped scrape) have one fingerprint; any change of a word
    gives another.
    """
    unescaped = html.unescape(text).replace("\ufeff", "")
    normalised = " ".join(unicodedata.normalize("NFC", unescaped).split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()
