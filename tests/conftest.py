import os
import shutil

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from tests.factories import AnalystFactory, UserFactory

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"


@pytest.fixture(autouse=True)
def isolated_media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    yield settings.MEDIA_ROOT
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture
def analyst(db):
    return AnalystFactory()


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


def require_service(name, available):
    """In CI a missing service is a failure; on a laptop without it, a clear skip."""
    if available:
        return
    message = f"{name} is not configured for this test run"
    if REQUIRE_SERVICES:
        pytest.fail(f"{message}, but REQUIRE_SERVICES=1 demands it")
    pytest.skip(message)


@pytest.fixture
def redis_url():
    require_service("Redis (REDIS_URL)", bool(settings.REDIS_URL))
    return settings.REDIS_URL
