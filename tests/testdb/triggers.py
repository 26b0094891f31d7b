"""Stepping past the append-only triggers, as the database's owner could: for the test database's flush and the
tests that tamper with custody."""

import contextlib

import pgtrigger
import psycopg
from django.db import connections


@contextlib.contextmanager
def ignored(*uris, database="default"):
    """pgtrigger.ignore on `database`. pgtrigger prefixes each statement with a second one that sets the variable
    the triggers read, which only client-side binding can send with parameters, so for the duration the
    connection's cursors bind on the client (the service's bind on the server: config/settings/base.py)."""
    connection = connections[database]
    connection.ensure_connection()
    driver = connection.connection
    server_side = driver.cursor_factory
    driver.cursor_factory = psycopg.ClientCursor
    try:
        with pgtrigger.ignore(*uris, databases=[database]):
            yield
    finally:
        driver.cursor_factory = server_side
