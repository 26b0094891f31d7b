"""Limit/offset pagination whose numbers stay within what a database can take.

DRF's LimitOffsetPagination takes any positive integer; one beyond a 64-bit integer overflows the SQL
parameter (a 500 on SQLite and PostgreSQL alike). Here the offset is capped at the largest 64-bit integer (a
page past every row: empty) and the limit at MAX_LIMIT."""

from rest_framework.pagination import LimitOffsetPagination

LARGEST_KEY = 2**63 - 1


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    max_limit = 1000

    def get_offset(self, request):
        return min(super().get_offset(request), LARGEST_KEY)
