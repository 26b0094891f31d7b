"""The benchmark video: 60 s of 1280×720 H.264/AAC with natural statistics, made once into bench/.cache/."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.media import synthetic  # noqa: E402

SECONDS = 60
PATH = ROOT / "bench" / ".cache" / "bench-720p-60s.mp4"


def benchmark_video():
    if not PATH.exists():
        PATH.parent.mkdir(parents=True, exist_ok=True)
        partial = PATH.with_suffix(".partial.mp4")
        synthetic.write_original(partial, 60, width=1280, height=720, seconds=SECONDS)
        partial.rename(PATH)
    return PATH
