"""Pagination of the API's lists: limit/offset (v1), bounded, and a cursor that pages by key to any depth.

DRF's LimitOffsetPagination takes any positive integer; one beyond a 64-bit integer overflows the SQL
parameter (a 500 on SQLite and PostgreSQL alike). Here the offset is capped at the largest 64-bit integer (a
page past every row: empty) and the limit at MAX_LIMIT.

An offset costs the database every skipped row, and an exact count every row of the list; neither may grow with
the catalogue. So (ListPagination):

* ``count`` stops at COUNT_CAP: a list with more rows answers ``count: 10000, count_is_exact: false``. A page
  reached by cursor is not counted at all (``count: null``).
* ``offset`` goes as deep as MAX_OFFSET. Deeper, on a list longer than the cap, is a 400 that names the cursor.
* ``cursor``: empty to start, else the position after the last row of a page, in the list's ordering (its first ``ordering`` term,
  then the primary key). Each page's ``next`` link carries it (also from an offset page, once the next offset
  would pass MAX_OFFSET); the database seeks to it through the ordering's index, so page 20,000 costs what page
  one does. Cursor pages go forward only (``previous`` is null): start again without a cursor to go back.
"""

import base64
import binascii
import json

from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import F, Q
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

LARGEST_KEY = 2**63 - 1
COUNT_CAP = 10_000
MAX_OFFSET = 10_000

BAD_CURSOR = "Not a cursor of this list in this ordering: start again without one."
TOO_DEEP = (
    f"Offsets stop at {MAX_OFFSET:,} on a list this long; page deeper with `cursor` (each page's `next` link "
    "carries it)."
)


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    max_limit = 1000

    def get_offset(self, request):
        return min(super().get_offset(request), LARGEST_KEY)


def capped_count(queryset, cap=COUNT_CAP):
    """(count, exact): the rows of `queryset`, counting no further than `cap` (the database stops there too)."""
    # In no order: any cap + 1 rows give the same answer, so the planner reads whichever index holds the list's
    # rows most densely (a partner's markings: the marking index, only the rows it may see) and stops there.
    found = queryset.order_by().values("pk")[: cap + 1].count()
    return min(found, cap), found <= cap


class Keyset:
    """The order a list pages by: one column (nullable or not) then the primary key, both in one direction.

    PostgreSQL's own null order is kept (nulls last going up, first going down) so that one B-tree index on
    (column, id) serves both directions; the nulls are their own segment, read by their own indexed query."""

    def __init__(self, queryset):
        model = queryset.model
        terms = list(queryset.query.order_by) or list(model._meta.ordering) or ["pk"]
        term = terms[0] if isinstance(terms[0], str) else "pk"
        self.descending = term.startswith("-")
        name = term.lstrip("-")
        self.term = term
        self.field = None
        if name not in ("pk", model._meta.pk.name):
            try:
                self.field = model._meta.get_field(name)
            except FieldDoesNotExist:  # a path through a relation or an annotation: page by key alone
                self.term = "-pk" if self.descending else "pk"
        if self.field is not None and (self.field.many_to_many or self.field.one_to_many):
            self.field, self.term = None, "-pk" if self.descending else "pk"
        self.column = self.field.attname if self.field is not None else None
        nullable = self.field is not None and self.field.null
        values = ["value"]
        if nullable:
            values = ["null", "value"] if self.descending else ["value", "null"]
        self.segments = values

    def order(self, queryset):
        """The whole list in this order, for an offset page (the same rows, in the same order, as the cursor's)."""
        pk = "-pk" if self.descending else "pk"
        if self.column is None:
            return queryset.order_by(pk)
        column = F(self.column).desc(nulls_first=True) if self.descending else F(self.column).asc(nulls_last=True)
        return queryset.order_by(column, pk)

    def _ordered(self, queryset, segment):
        pk = "-pk" if self.descending else "pk"
        if self.column is None:
            return queryset.order_by(pk)
        if segment == "null":
            return queryset.filter(**{f"{self.column}__isnull": True}).order_by(pk)
        if len(self.segments) > 1:
            queryset = queryset.filter(**{f"{self.column}__isnull": False})
        return queryset.order_by(F(self.column).desc() if self.descending else F(self.column).asc(), pk)

    def _after(self, queryset, segment, value, key):
        before, strictly = ("lte", "lt") if self.descending else ("gte", "gt")
        if self.column is None or segment == "null":
            return queryset.filter(**{f"pk__{strictly}": key})
        # The bound on the column alone lets the index seek; the OR only sorts out rows equal to it.
        return queryset.filter(
            Q(**{f"{self.column}__{before}": value})
            & (Q(**{f"{self.column}__{strictly}": value}) | Q(**{f"pk__{strictly}": key}))
        )

    def rows(self, queryset, position, size):
        """Up to `size` rows after `position` ((value, pk), or None for the start)."""
        start = 0
        if position is not None:
            start = self.segments.index("null" if position[0] is None else "value")
        rows = []
        for index, segment in enumerate(self.segments[start:]):
            page = self._ordered(queryset, segment)
            if position is not None and index == 0:
                page = self._after(page, segment, *position)
            rows.extend(page[: size - len(rows)])
            if len(rows) >= size:
                break
        return rows

    def position_of(self, row):
        value = getattr(row, self.column) if self.column else None
        return value, row.pk

    def encode(self, position):
        value, key = position
        shown = None if value is None or self.field is None else _as_json(value)
        payload = json.dumps({"o": self.term, "v": shown, "k": key}, separators=(",", ":"))
        return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")

    def decode(self, cursor):
        if not cursor:  # `?cursor=`: the start of the list, paged by key from there
            return None
        try:
            payload = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
            term, shown, key = payload["o"], payload["v"], payload["k"]
            if term != self.term or not isinstance(key, int) or abs(key) > LARGEST_KEY:
                raise ValueError(term)
            value = None if shown is None or self.field is None else self.field.to_python(shown)
        except (ValueError, TypeError, KeyError, binascii.Error, UnicodeDecodeError, DjangoValidationError):
            raise ValidationError({"cursor": [BAD_CURSOR]}) from None
        if value is None and shown is not None:
            raise ValidationError({"cursor": [BAD_CURSOR]})
        return value, key


def _as_json(value):
    # Dates and times as ISO 8601 (the field's to_python reads them back); durations and decimals as text.
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value if isinstance(value, (str, int, float, bool)) else str(value)


class ListPagination(BoundedLimitOffsetPagination):
    cursor_query_param = "cursor"
    cursor_query_description = (
        "Empty to start, else the position to read on from (from a page's `next` link): pages by key, at the same "
        "cost at any depth. "
        f"The way to page past offset {MAX_OFFSET:,}."
    )

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.limit = self.get_limit(request)
        if self.limit is None:
            return None
        self.keyset = Keyset(queryset)
        cursor = request.query_params.get(self.cursor_query_param)
        self.next_position = None
        if cursor is not None:
            self.count = self.count_is_exact = self.offset = None
            rows = self.keyset.rows(queryset, self.keyset.decode(cursor), self.limit + 1)
        else:
            self.count, self.count_is_exact = capped_count(queryset)
            self.offset = self.get_offset(request)
            if self.offset > MAX_OFFSET and (self.offset < self.count or not self.count_is_exact):
                raise ValidationError({self.offset_query_param: [TOO_DEEP]})
            ordered = self.keyset.order(queryset)
            rows = list(ordered[self.offset : self.offset + self.limit + 1]) if self.offset < LARGEST_KEY else []
        if len(rows) > self.limit:
            rows = rows[: self.limit]
            self.next_position = self.keyset.position_of(rows[-1])
        return rows

    def get_next_link(self):
        if self.next_position is None:
            return None
        url = self.request.build_absolute_uri()
        if self.offset is not None and self.offset + self.limit <= MAX_OFFSET:
            return replace_query_param(url, self.offset_query_param, self.offset + self.limit)
        url = remove_query_param(url, self.offset_query_param)
        return replace_query_param(url, self.cursor_query_param, self.keyset.encode(self.next_position))

    def get_previous_link(self):
        return None if self.offset is None else super().get_previous_link()

    def get_html_context(self):
        if self.offset is None:  # a cursor page: no numbered pages around it
            return {"previous_url": None, "next_url": self.get_next_link(), "page_links": []}
        return super().get_html_context()

    def get_paginated_response(self, data):
        return Response({
            "count": self.count, "count_is_exact": self.count_is_exact, "next": self.get_next_link(),
            "previous": self.get_previous_link(), "results": data,
        })

    def get_paginated_response_schema(self, schema):
        described = super().get_paginated_response_schema(schema)
        properties = described["properties"]
        properties["count"].update(
            nullable=True, description=f"Rows in the list, counted up to {COUNT_CAP:,}; null on a cursor page."
        )
        properties["count_is_exact"] = {
            "type": "boolean", "nullable": True, "example": True,
            "description": f"False when the list holds more than {COUNT_CAP:,} rows (`count` is then the cap).",
        }
        properties["next"]["description"] = (
            f"The next page: by offset up to {MAX_OFFSET:,}, then by cursor. Follow it to read the whole list."
        )
        described["required"] = ["count", "count_is_exact", "results"]
        return described

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.offset_query_param:
                parameter["description"] = f"Rows to skip, at most {MAX_OFFSET:,} on a long list (then use `cursor`)."
        parameters.append({
            "name": self.cursor_query_param, "required": False, "in": "query",
            "description": self.cursor_query_description, "schema": {"type": "string"},
        })
        return parameters
