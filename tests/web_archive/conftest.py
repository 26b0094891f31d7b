import pytest

from tests.egress.conftest import connections, tripwire  # noqa: F401  (the egress tests' listeners, shared)
from tests.web_archive.site import build_site


@pytest.fixture
def site(http_server):
    """A news-like page on the local server with pictures, a video, a stylesheet and a script (see site.py)."""
    return build_site(http_server)

