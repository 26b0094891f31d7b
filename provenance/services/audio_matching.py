"""Soundtrack search over every stored file: an in-process index of Chromaprint keys kept level with the database.

Like the PDQ index (services/matching.py), each process holds one index and, before every search, loads the
AudioFingerprint rows added since it last looked, so a new soundtrack is searchable once its analysis commits.
A row is one file, so ids skipped over (a transaction still open when a later one committed) are few: they are
looked for again on every refresh until GAP_SECONDS pass. A re-analysis writes a new row; the old row's keys stay
in the index until the process restarts, harmless, because ids are looked up in the database and missing ones
drop out.
"""

import threading
import time

from provenance.media import audio
from provenance.models import AudioFingerprint

LOAD_BATCH = 10_000
GAP_SECONDS = 15 * 60  # as for the PDQ index: a gap this old was a rolled-back insert, not an open transaction


class AudioLiveIndex:
    def __init__(self):
        self.index = audio.AudioIndex()
        self.loaded_up_to = 0
        self.missing = {}  # id skipped over -> when first missed (monotonic seconds)
        self.lock = threading.Lock()

    def refresh(self):
        with self.lock:
            now = time.monotonic()
            self.missing = {row_id: seen for row_id, seen in self.missing.items() if now - seen < GAP_SECONDS}
            if self.missing:
                self._add(AudioFingerprint.objects.filter(pk__in=list(self.missing)))
            while True:
                rows = list(AudioFingerprint.objects.filter(pk__gt=self.loaded_up_to).order_by("pk")[:LOAD_BATCH])
                if not rows:
                    return self.index
                expected = self.loaded_up_to + 1
                for row in rows:
                    self.missing.update((skipped, now) for skipped in range(expected, row.pk))
                    expected = row.pk + 1
                self._add(rows)
                self.loaded_up_to = rows[-1].pk

    def _add(self, rows):
        for row in rows:
            self.missing.pop(row.pk, None)
            self.index.add(row.pk, stored_print(row).items)


_live_index = AudioLiveIndex()


def audio_index():
    """This process's audio index, with every fingerprint committed so far."""
    return _live_index.refresh()


def reset_audio_index():
    global _live_index
    _live_index = AudioLiveIndex()


def stored_print(row):
    return audio.AudioPrint.from_bytes(row.items, row.duration_seconds)


def audio_matches(media_file):
    """[(media_file_id, match dict)] for every other file whose soundtrack the file's aligns with, best first."""
    own = AudioFingerprint.objects.filter(media_file=media_file).first()
    if own is None:
        return []
    query = stored_print(own)
    voted = audio_index().search(query.items)
    found = []
    for row in AudioFingerprint.objects.filter(pk__in=list(voted)).exclude(media_file=media_file).order_by("pk"):
        result = audio.compare(query, stored_print(row), voted[row.pk])
        if result.is_match:
            found.append((row.media_file_id, result.to_dict()))
    return sorted(found, key=lambda pair: -pair[1]["aligned_seconds"])
