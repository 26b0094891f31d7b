"""A PDQ index kept once per machine: immutable segment files that every process maps read-only.

Layout of the directory::

    CURRENT              the generation every reader uses: {"generation", "segments", "state"} (JSON)
    writer.lock          held (flock) by the one process publishing a generation
    seg-<generation>-<n>/  one segment's arrays as .npy files (provenance.media.pdq_segment)

A writer saves any new segments, then writes the next CURRENT beside it and renames it over the old one, so a
reader sees either the old generation or the new one, never a mix. Segment files are never changed once written,
so a reader maps them once and keeps them while they are listed; the page cache holds one copy for the whole
machine. Readers notice a new generation with one stat() of CURRENT per check. Segments left out of a generation
are deleted one generation later: a reader that mapped them keeps its mapping (Linux frees the pages at unmap),
and one that read the older CURRENT but has not opened them yet retries.
"""

import fcntl
import json
import os
import shutil
from contextlib import contextmanager
from pathlib import Path

from .index import PDQIndex
from .pdq_segment import Segment

_CURRENT = "CURRENT"


class Generation:
    def __init__(self, number, segments, state):
        self.number, self.segments, self.state = number, segments, state

    def index(self, merge_at=65536):
        """A fresh index searching this generation's segments, with room for private appends."""
        return PDQIndex(merge_at, shared=self.segments)


EMPTY = Generation(0, [], {})


class IndexStore:
    def __init__(self, directory):
        self.directory = Path(directory)
        self._seen = None  # (inode, mtime) of the CURRENT last read
        self._generation = EMPTY
        self._mapped = {}  # segment directory name -> Segment

    def current(self):
        """The latest published generation; costs one stat() when nothing changed."""
        try:
            status = os.stat(self.directory / _CURRENT)
        except FileNotFoundError:
            return self._generation
        seen = (status.st_ino, status.st_mtime_ns, status.st_size)
        if seen != self._seen:
            for _ in range(3):
                try:
                    self._generation = self._read()
                    break
                except FileNotFoundError:  # a writer deleted a segment between our read of CURRENT and its open
                    continue
            self._seen = seen
        return self._generation

    def _read(self):
        manifest = json.loads((self.directory / _CURRENT).read_text())
        mapped = {name: self._mapped.get(name) or Segment.open(self.directory / name) for name in manifest["segments"]}
        self._mapped = mapped
        return Generation(manifest["generation"], list(mapped.values()), manifest["state"])

    @contextmanager
    def writing(self):
        """Held by the one process that publishes; others wait for it."""
        self.directory.mkdir(parents=True, exist_ok=True)
        with open(self.directory / "writer.lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def publish(self, segments, state):
        """Make `segments` the next generation, with `state` (what they cover, for the readers). Call it inside
        writing(). Segments already in a generation are kept as they are; new ones are written first."""
        previous = self._read() if (self.directory / _CURRENT).exists() else EMPTY
        keep = set(self._mapped) if previous.segments else set()
        number = previous.number + 1
        by_segment = {id(segment): name for name, segment in self._mapped.items()}
        names = []
        for count, segment in enumerate(segments):
            name = by_segment.get(id(segment))
            if name is None:
                name = f"seg-{number}-{count}"
                segment.save(self.directory / name)
                segment = Segment.open(self.directory / name)
                self._mapped[name] = segment
            names.append(name)
        manifest = {"generation": number, "segments": names, "state": state}
        temporary = self.directory / f"{_CURRENT}.{number}.tmp"
        with open(temporary, "w") as out:
            json.dump(manifest, out)
            out.flush()
            os.fsync(out.fileno())
        keep |= set(names)
        os.replace(temporary, self.directory / _CURRENT)
        for stale in self.directory.glob("seg-*"):
            if stale.name not in keep:
                shutil.rmtree(stale, ignore_errors=True)
        self._seen = None
        return self.current()
