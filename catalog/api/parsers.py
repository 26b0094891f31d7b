"""The API's JSON parser: DRF's, after a check that the body is not nested deeper than ``API_MAX_JSON_DEPTH``.

Python's json module parses nested arrays and objects by recursion, so a body nested a few thousand levels deep
(``[[[[…]]]]``, a few kilobytes) raises RecursionError inside the parser: a 500, on every endpoint that reads
JSON. No record of this API nests more than a few levels, so deeper bodies are refused with a 400 before json
sees them. The depth is measured by one linear scan that skips string literals (brackets inside strings do not
count) and uses no recursion, so no input can make the check itself fail.

It is the API's only JSON parser: REST_FRAMEWORK's DEFAULT_PARSER_CLASSES names it, and a view that lists its
parsers itself names this one in place of DRF's.
"""

import re

from django.conf import settings
from rest_framework import parsers
from rest_framework.exceptions import ParseError
from rest_framework.utils import json

DEFAULT_MAX_DEPTH = 32

# A complete string literal (skipped whole), an opening quote left unterminated, or a bracket.
_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|"|[\[\]{}]', re.DOTALL)
_OPENING, _CLOSING = frozenset("[{"), frozenset("]}")


def max_depth():
    return getattr(settings, "API_MAX_JSON_DEPTH", DEFAULT_MAX_DEPTH)


def nesting_exceeds(text, limit):
    """Whether the JSON `text` opens more than `limit` arrays or objects inside one another.

    Valid JSON or not: brackets are counted outside string literals, and an unterminated string ends the scan
    (json refuses such a text anyway). Stops at the first bracket past the limit."""
    depth = 0
    for token in _TOKENS.finditer(text):
        bracket = token.group()
        if bracket in _OPENING:
            depth += 1
            if depth > limit:
                return True
        elif bracket == '"':  # an unterminated string: nothing after it is structure
            return False
        elif bracket in _CLOSING:
            depth -= 1
    return False


class BoundedJSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        encoding = parsers.get_encoding(parser_context or {})
        body = stream.read()
        try:
            text = body.decode(encoding)
        except (UnicodeDecodeError, LookupError) as unreadable:
            raise ParseError(f"JSON parse error - the body is not {encoding}: {unreadable}") from None
        limit = max_depth()
        if nesting_exceeds(text, limit):
            raise ParseError(f"JSON parse error - arrays and objects are nested more than {limit} levels deep.")
        return self.loads(text)

    def loads(self, text):
        # What DRF's JSONParser.parse does with the decoded text (strict constants: no NaN or Infinity).
        try:
            return json.loads(text, parse_constant=json.strict_constant if self.strict else None)
        except ValueError as exc:
            raise ParseError(f"JSON parse error - {exc}") from None
