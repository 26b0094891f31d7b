"""Showing scraped text safely: as text, with the characters that could disguise it made visible."""

import json
from urllib.parse import urlsplit

# Bidirectional embeddings, overrides and isolates: a right-to-left override can make "gpj.exe" read "exe.jpg".
# Marks (LRM, RLM, ALM) are left alone: they only nudge neutral characters and are common in Arabic text.
BIDI_CONTROLS = {
    "\u202a": "LRE", "\u202b": "RLE", "\u202c": "PDF", "\u202d": "LRO", "\u202e": "RLO",
    "\u2066": "LRI", "\u2067": "RLI", "\u2068": "FSI", "\u2069": "PDI",
}
_VISIBLE = str.maketrans({char: f"\u27e6{name}\u27e7" for char, name in BIDI_CONTROLS.items()})


def visible_controls(value):
    """The text with each bidi control replaced by a visible, inert label such as ⟦RLO⟧, and other control
    characters (but tab and line breaks) by ⟦U+0007⟧. The result is plain text: templates escape it as usual."""
    if value is None:
        return ""
    text = str(value).translate(_VISIBLE)
    if any(ord(char) < 32 or ord(char) == 127 for char in text):
        text = "".join(
            char if char in "\t\n\r" or 32 <= ord(char) != 127 else f"\u27e6U+{ord(char):04X}\u27e7" for char in text
        )
    return text


def http_url(value):
    """The URL if it is an absolute http(s) URL that a browser reads the same way; otherwise ''.

    Only such URLs become links; anything else (javascript:, data:, relative or malformed) is shown as text.
    """
    url = str(value or "").strip()
    if not url or any(ord(char) <= 32 or ord(char) == 127 or char in BIDI_CONTROLS or char == "\\" for char in url):
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return ""
    return url


def pretty_json(value):
    """JSON for a <pre>, keys sorted, non-ASCII kept as written (escaping is the template's job)."""
    return json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False, default=str)
