import shutil

import pytest

from tests.conftest import require_service
from tests.faults.support import OwnRedis


@pytest.fixture
def own_redis(tmp_path):
    """A redis-server of the test's own, append-only file on; the machine's shared Redis is never restarted."""
    require_service("redis-server (to restart a Redis of the test's own)", bool(shutil.which("redis-server")))
    folder = tmp_path / "redis"
    folder.mkdir()
    with OwnRedis(folder) as redis:
        yield redis
