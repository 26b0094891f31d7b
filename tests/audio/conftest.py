import pytest

from provenance import matching
from provenance.media import audio
from tests.audio.library import AudioLibrary


@pytest.fixture(scope="session")
def audio_library(tmp_path_factory):
    return AudioLibrary(tmp_path_factory.mktemp("audio"))


@pytest.fixture(scope="session")
def prints(audio_library):
    """Fingerprints of the test set, by name, computed once."""
    made = {}

    def fingerprint_of(name):
        if name not in made:
            made[name] = audio.fingerprint(audio_library.path(name))
        return made[name]

    return fingerprint_of


@pytest.fixture
def fresh_index():
    matching.reset_index()
    yield
    matching.reset_index()
