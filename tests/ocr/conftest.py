import pytest


@pytest.fixture
def read_text(settings):
    """The enrichment reads on-screen text: the test settings turn it off for every other test (it is slow)."""
    settings.ENRICHMENT_READ_TEXT = True
