"""Generated media, made once per test session and shared: writing and analysing video is the slow part."""

from provenance.media.analysis import analyse
from tests.media import synthetic

ORIGINAL_SEED, UNRELATED_SEED = 1, 2


class MediaLibrary:
    def __init__(self, folder):
        self.folder = folder
        self._paths = {}
        self._analyses = {}

    def path(self, name):
        """The file called `name`: "original", "unrelated" or a key of synthetic.VARIANTS."""
        if name not in self._paths:
            # The original first: named after it, a variant would take the original's file name and overwrite it.
            source = None if name in ("original", "unrelated") else self.path("original")
            target = self.folder / f"{len(self._paths)}.mp4"
            if name == "original":
                synthetic.write_original(target, ORIGINAL_SEED, creation_time="2024-05-01T12:30:00.000000Z")
            elif name == "unrelated":
                synthetic.write_original(target, UNRELATED_SEED)
            else:
                synthetic.VARIANTS[name](source, target)
            self._paths[name] = target
        return self._paths[name]

    def copy(self, source, label, transform):
        """`source` ("original" or "unrelated") altered by `transform(source path, target path)`, made once per label."""
        name = f"{label} of {source}"
        if name not in self._paths:
            source_path = self.path(source)  # first, for the reason given in `path`
            target = self.folder / f"{len(self._paths)}.mp4"
            transform(source_path, target)
            self._paths[name] = target
        return self._paths[name]

    def analysis(self, name):
        if name not in self._analyses:
            self._analyses[name] = analyse(self.path(name))
        return self._analyses[name]
