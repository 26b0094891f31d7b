"""Django's PostgreSQL backend, with timestamps parsed by psycopg's compiled loader.

Django registers a pure-Python `timestamptz` loader on every psycopg 3 connection (to set the tzinfo it wants),
which parses each value in Python: on a 50-row page of five timestamp columns that is a few hundred microseconds,
a tenth of what the page costs beyond the framework. Django asks the session for its time zone (UTC with
USE_TZ), and psycopg's own loader already answers in the session's zone, as `datetime.timezone.utc` for UTC; so
here, when Django's zone is UTC, the connection keeps psycopg's parser behind a loader carrying the `timezone`
attribute Django's cursor factory checks. In any other zone Django's loader stays. Written by hand: one class,
no library does it.
"""

import datetime

from django.db.backends.postgresql import base
from psycopg import adapters
from psycopg.adapt import Loader
from psycopg.postgres import types
from psycopg.pq import Format

TIMESTAMPTZ = types["timestamptz"].oid
_COMPILED = adapters.get_loader(TIMESTAMPTZ, Format.TEXT)  # psycopg's fastest: C where psycopg-binary is installed


class UtcTimestamptzLoader(Loader):
    """psycopg's own timestamptz parser, for a session in UTC (whose values it returns in datetime.timezone.utc)."""

    timezone = datetime.timezone.utc  # read by Django's create_cursor, which re-registers its loader otherwise

    def __init__(self, oid, context=None):
        super().__init__(oid, context)
        self._parse = _COMPILED(oid, context).load

    def load(self, data):
        return self._parse(data)


class DatabaseWrapper(base.DatabaseWrapper):
    def init_connection_state(self):
        super().init_connection_state()  # sets the session's TimeZone to self.timezone_name
        if self.timezone is datetime.timezone.utc and self.timezone_name == "UTC":
            self.connection.adapters.register_loader(TIMESTAMPTZ, UtcTimestamptzLoader)
