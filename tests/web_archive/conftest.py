import pytest

from tests.egress.listeners import Tripwire, connect_guard
from tests.web_archive.site import build_site


@pytest.fixture
def site(http_server):
    """A news-like page on the local server with pictures, a video, a stylesheet and a script (see site.py)."""
    return build_site(http_server)


@pytest.fixture
def tripwire():
    """A listener on 127.0.0.1 and [::1] that records every connection made to it."""
    with Tripwire() as wire:
        yield wire


@pytest.fixture
def connections():
    """Every socket connect the test body makes; one leaving this machine is stopped and listed."""
    with connect_guard.watching() as attempts:
        yield attempts
