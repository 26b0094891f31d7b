"""A local RFC 3161 TSA (OpenSSL behind an HTTP server on 127.0.0.1, provenance/devtsa.py) and ways to tamper with
the custody tables as someone who owns the database could."""

import contextlib
import socket

import pytest
from django.core.files.base import ContentFile
from django.db import connection

from provenance import services
from provenance.devtsa import LocalTsa, make_pki
from tests.testdb.triggers import ignored


@pytest.fixture(scope="session")
def tsa_pki(tmp_path_factory):
    """The CA and TSA certificate, made once per run (keys take a moment)."""
    return make_pki(tmp_path_factory.mktemp("tsa"))


@pytest.fixture
def local_tsa(tsa_pki, settings, monkeypatch):
    """A running TSA, configured as the only one, with its CA trusted and its address allowed out."""
    with LocalTsa(tsa_pki) as tsa:
        configure_tsas(settings, monkeypatch, [tsa.url], [tsa.origin], tsa.ca_file)
        yield tsa


def configure_tsas(settings, monkeypatch, urls, origins, ca_file):
    settings.CUSTODY_TSA_URLS = urls
    settings.CUSTODY_TSA_CA_FILE = str(ca_file)
    settings.EGRESS_ALLOWED_TEST_ORIGINS = origins
    monkeypatch.setenv("EGRESS_ALLOWED_TEST_ORIGINS", ",".join(origins))


def closed_port():
    """A port on 127.0.0.1 that nothing listens on (a TSA that is down)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def receive(content, actor="analyst1"):
    return services.receive_file(ContentFile(content), "clip.mp4", actor=actor, source={"via": "upload"})


def tamper(sql, params=()):
    """Raw SQL past the append-only guards: the ORM refuses, and on PostgreSQL the triggers are stepped past the way
    the database's owner could (pgtrigger.ignore, for this statement only: tests.testdb.triggers)."""
    guard = ignored(
        "provenance.CustodyEvent:append_only_update", "provenance.CustodyEvent:append_only_delete",
        "provenance.CustodyAnchor:append_only_update",
    ) if connection.vendor == "postgresql" else contextlib.nullcontext()
    with guard, connection.cursor() as cursor:
        cursor.execute(sql, params)
