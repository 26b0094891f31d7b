"""The machine's one PDQ index: published by one writer, mapped by every process, noticed when it changes."""

import hashlib
import subprocess
import sys
import textwrap

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command

from provenance import services
from provenance.choices import HashAlgorithm
from provenance.models import FrameHash
from provenance.services import matching

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def own_index_dir(tmp_path):
    """Each test publishes into a directory of its own (the run's PDQ_INDEX_DIR would outlive its database)."""
    previous = settings.PDQ_INDEX_DIR
    settings.PDQ_INDEX_DIR = tmp_path / "pdq-index"
    matching.reset_index()
    yield settings.PDQ_INDEX_DIR
    settings.PDQ_INDEX_DIR = previous
    matching.reset_index()


def stored_hashes(name, count):
    media_file = services.receive_file(ContentFile(name.encode()), f"{name}.bin")
    rows = [
        FrameHash(
            media_file=media_file, algorithm=HashAlgorithm.ROBUST_PDQ, variant="full", frame_number=number,
            timestamp=number, hash=hashlib.sha256(f"{name}-{number}".encode()).hexdigest(), quality=100,
        )
        for number in range(count)
    ]
    return FrameHash.objects.bulk_create(rows)


# A separate interpreter with nothing but the store: what a gunicorn or worker process maps.
READER = textwrap.dedent("""
    import sys
    import numpy as np
    from provenance.media.index_store import IndexStore
    generation = IndexStore(sys.argv[1]).current()
    hits = generation.index().search_codes(np.frombuffer(bytes.fromhex(sys.argv[2]), np.uint8)[None], 0)[0]
    print(generation.number, generation.state["loaded_up_to"], *[identifier for identifier, _ in hits])
""")


def read_in_another_process(directory, pdq_hex):
    answer = subprocess.run(
        [sys.executable, "-c", READER, str(directory), pdq_hex], capture_output=True, text=True, check=True,
        cwd=settings.BASE_DIR,
    )
    return [int(value) for value in answer.stdout.split()]


def test_another_process_sees_each_new_generation_the_writer_publishes(own_index_dir):
    first = stored_hashes("first", 3)
    call_command("build_pdq_index")
    assert read_in_another_process(own_index_dir, first[1].hash) == [1, first[-1].pk, first[1].pk]

    second = stored_hashes("second", 2)
    services.publish_index()  # what the beat task does: appends what the last generation misses

    assert read_in_another_process(own_index_dir, second[0].hash) == [2, second[-1].pk, second[0].pk]
    assert read_in_another_process(own_index_dir, first[1].hash)[2:] == [first[1].pk]


def test_a_process_searches_the_published_generation_and_what_was_committed_since(own_index_dir):
    published = stored_hashes("published", 2)
    services.publish_index()
    later = stored_hashes("later", 2)

    index = matching.frame_index()

    assert index.shared  # the mapped generation, not a private copy of it
    assert sum(len(segment) for segment in index.shared) == 2
    assert matching.similar_frames(published[0].hash, 0) == {published[0].pk: 0}
    assert matching.similar_frames(later[1].hash, 0) == {later[1].pk: 0}


def test_a_process_moves_to_a_new_generation_when_one_is_published(own_index_dir):
    services.publish_index()
    before = matching.frame_index()
    rows = stored_hashes("new", 2)
    services.publish_index(rebuild=True)

    after = matching.frame_index()

    assert after is not before
    assert sum(len(segment) for segment in after.shared) == 2
    assert matching.similar_frames(rows[0].hash, 0) == {rows[0].pk: 0}
