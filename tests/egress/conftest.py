import pytest

from tests.egress.listeners import Tripwire, connect_guard


@pytest.fixture
def tripwire():
    with Tripwire() as wire:
        yield wire


@pytest.fixture
def connections():
    """Every socket connect made while the test body runs; any leaving this machine is stopped and listed."""
    with connect_guard.watching() as attempts:
        yield attempts
