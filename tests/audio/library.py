"""The generated audio test set, written once per session: a soundtrack and the copies re-uploads make of it."""

from tests.audio import soundtrack

SECONDS = 30
TRACK_SEED, OTHER_TRACK_SEED, MUSIC_SEED, OTHER_MUSIC_SEED = 11, 12, 13, 14
PICTURE_SEED, OTHER_PICTURE_SEED = 1, 2
TRIM_START, TRIM_END = 3.3, 2.0  # seconds cut off; 3.3 s is off Chromaprint's 0.124 s item grid

# name -> (how it was made, whether it is a copy of the original's soundtrack)
COPIES = {
    "under a different picture": "the original's soundtrack muxed under another generated video",
    "trimmed": f"{TRIM_START} s cut from the start and {TRIM_END} s from the end",
    "re-encoded at a low bitrate": "AAC at 24 kbit/s",
    "with music mixed under it": "chords and a kick drum mixed in at -12 dB",
}
UNRELATED = {
    "unrelated soundtrack": "another generated soundtrack of the same kind",
    "unrelated music": "music alone",
}


class AudioLibrary:
    def __init__(self, folder):
        self.folder = folder
        self._paths = {}
        self._track = soundtrack.soundtrack(TRACK_SEED, SECONDS)

    def path(self, name):
        if name not in self._paths:
            self._paths[name] = self._write(name, self.folder / f"{len(self._paths)}.mp4")
        return self._paths[name]

    def _write(self, name, target):
        track, rate = self._track, soundtrack.RATE
        if name == "original":
            return soundtrack.write(target, track, picture_seed=PICTURE_SEED)
        if name == "under a different picture":
            return soundtrack.write(target, track, picture_seed=OTHER_PICTURE_SEED)
        if name == "trimmed":
            return soundtrack.write(target, track[int(TRIM_START * rate) : -int(TRIM_END * rate)])
        if name == "re-encoded at a low bitrate":
            return soundtrack.write(target, soundtrack.read(self.path("original")), bit_rate=24000)
        if name == "with music mixed under it":
            return soundtrack.write(target, soundtrack.mixed_under(track, soundtrack.music(MUSIC_SEED, SECONDS)))
        if name == "unrelated soundtrack":
            return soundtrack.write(target, soundtrack.soundtrack(OTHER_TRACK_SEED, SECONDS))
        if name == "unrelated music":
            return soundtrack.write(target, soundtrack.music(OTHER_MUSIC_SEED, SECONDS))
        if name == "silent":
            return soundtrack.write(target, track * 0)
        raise KeyError(name)
