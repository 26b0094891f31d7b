"""Related-article widgets that the scraper saved as PHP var_dump output: `string(324) "[{...}]"`.

The declared length is not trusted (it is often wrong); each dump runs to the end of its line,
and its JSON is read object by object so a truncated dump still yields its complete articles.
"""

import json
import re
from dataclasses import dataclass

from .cleaning import normalise_spaces, unescape_entities

_DUMP_START = re.compile(r'string\(\s*(\d+)\s*\)\s*"')


@dataclass(frozen=True)
class RelatedArticle:
    id: str
    title: str
    picture: str

    def to_dict(self):
        return {"id": self.id, "title": self.title, "picture": self.picture}


def extract_var_dumps(text):
    """The text without its var_dumps, the related articles they held, and warnings."""
    articles, warnings, kept, position = [], [], [], 0
    for match in _DUMP_START.finditer(text):
        if match.start() < position:
            continue
        end = _dump_end(text, match.end())
        kept.append(text[position : match.start()])
        payload = text[match.end() : end]
        found, dump_warnings = _read_dump(int(match.group(1)), payload)
        articles.extend(found)
        warnings.extend(dump_warnings)
        position = end
    kept.append(text[position:])
    return "".join(kept), articles, warnings


def _dump_end(text, start):
    """A dump ends at the end of its line, or where the next dump starts on the same line."""
    line_end = text.find("\n", start)
    line_end = len(text) if line_end == -1 else line_end
    following = _DUMP_START.search(text, start, line_end)
    return following.start() if following else line_end


def _read_dump(declared_length, payload):
    warnings = []
    body = payload.rstrip()
    complete = body.endswith('"')
    if complete:
        body = body[:-1]
        actual = len(body.encode("utf-8"))
        if actual != declared_length:
            warnings.append(
                f"A related-articles var_dump declares {declared_length} bytes but holds {actual}; "
                "its declared length was ignored."
            )
    objects, truncated = _json_objects(body)
    if not objects and "&quot;" in body:
        # The whole dump was HTML-escaped on the page: unescape it, then read it again.
        objects, truncated = _json_objects(unescape_entities(body))
    if truncated or not complete:
        warnings.append("A related-articles var_dump is truncated; only its complete articles were kept.")
    articles = []
    for item in objects:
        article = _article(item)
        if article:
            articles.append(article)
        else:
            warnings.append("A related-articles entry without an id or a title was skipped.")
    if not objects and body.strip() not in ("", "[]"):
        warnings.append("A var_dump held no readable related articles; it was removed from the body.")
    return articles, warnings


def _json_objects(body):
    """Every complete JSON object in the dump, and whether reading stopped on a broken one."""
    decoder = json.JSONDecoder()
    objects, position = [], 0
    while (start := body.find("{", position)) != -1:
        try:
            item, position = decoder.raw_decode(body, start)
        except json.JSONDecodeError:
            return objects, True
        if isinstance(item, dict):
            objects.append(item)
    return objects, False


def _article(item):
    article_id = str(item.get("id") or "").strip()
    title = normalise_spaces(unescape_entities(str(item.get("title") or "")))
    if not article_id or not title:
        return None
    return RelatedArticle(id=article_id, title=title, picture=str(item.get("pic") or "").strip())
