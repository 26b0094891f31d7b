import os
import shutil

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from rest_framework.test import APIClient

from tests.factories import AnalystFactory, UserFactory
from tests.http_server import LocalHttpServer
from tests.media.library import MediaLibrary

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"


@pytest.fixture(scope="session", autouse=True)
def test_run_folder():
    """Media, broker folder and SQLite database of this run live here and go with it."""
    yield settings.TEST_RUN_DIR
    shutil.rmtree(settings.TEST_RUN_DIR, ignore_errors=True)


@pytest.fixture(autouse=True)
def empty_media_root():
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
    yield settings.MEDIA_ROOT


@pytest.fixture
def analyst(db):
    return AnalystFactory()


@pytest.fixture
def desk(analyst):
    """The test client of a logged-in analyst, for the desk's pages (tests/desk/test_access.py has its own)."""
    client = Client()
    client.force_login(analyst)
    return client


@pytest.fixture
def second_analyst(db):
    return AnalystFactory()


@pytest.fixture
def analyst_client(analyst):
    client = APIClient()
    client.force_authenticate(analyst)
    return client


@pytest.fixture
def outsider_client(db):
    """A logged-in user who is not an analyst."""
    client = APIClient()
    client.force_authenticate(UserFactory())
    return client


@pytest.fixture
def anonymous_client():
    return APIClient()


def require_service(name, available, hint=""):
    """The one way a test skips for what its environment lacks (a service, a tool, PostgreSQL).

    In CI (REQUIRE_SERVICES=1) a missing one is a failure; on a laptop without it, a clear skip that says how to get
    it (`hint`). tests/test_skips.py keeps every other skip out of the test suite.
    """
    if available:
        return
    message = f"{name} is not available to this test run" + (f"; {hint}" if hint else "")
    if REQUIRE_SERVICES:
        pytest.fail(f"{message}, but REQUIRE_SERVICES=1 demands it")
    pytest.skip(message)


@pytest.fixture
def postgresql():
    """For what only PostgreSQL has (triggers, prepared statements): the test database must be PostgreSQL."""
    require_service("PostgreSQL (DATABASE_URL)", settings.DATABASES["default"]["ENGINE"].endswith("postgresql"))
    return connection


@pytest.fixture
def redis_url():
    require_service("Redis (REDIS_URL)", bool(settings.REDIS_URL))
    return settings.REDIS_URL


@pytest.fixture
def http_server(tmp_path, settings, monkeypatch):
    """A real HTTP server on 127.0.0.1 serving tmp_path/www; it records the paths requested.

    Outbound fetches may reach exactly this server (its address:port) and no other local address: in this process
    through the setting, in worker subprocesses through the environment they inherit.
    """
    folder = tmp_path / "www"
    folder.mkdir()
    with LocalHttpServer(folder) as server:
        settings.EGRESS_ALLOWED_TEST_ORIGINS = [server.origin]
        monkeypatch.setenv("EGRESS_ALLOWED_TEST_ORIGINS", server.origin)
        yield server


@pytest.fixture(scope="session")
def media(tmp_path_factory):
    """Synthetic videos with natural statistics and their re-upload variants, made once per session."""
    return MediaLibrary(tmp_path_factory.mktemp("media"))
