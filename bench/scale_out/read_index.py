"""One host's reader: open the shared PDQ index as a web or worker process does, search it, say what it maps.

Run by run.py in a host's environment; prints {"generation", "mapped_segments", "found"} as JSON.
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import django  # noqa: E402


def main():
    django.setup()
    from provenance.choices import HashAlgorithm
    from provenance.models import FrameHash
    from provenance.services.matching import find_similar, frame_index, index_store

    frame_index()
    probes = FrameHash.objects.filter(algorithm=HashAlgorithm.ROBUST_PDQ).order_by("pk")
    found = all(
        probe.media_file_id in {file_id for file_id, _ in find_similar(probe.hash, max_distance=0)}
        for probe in [probes.first(), probes.last()] if probe is not None
    )
    maps = Path("/proc/self/maps").read_text().splitlines()
    mapped = sorted({Path(line.split()[-1]).parent.name for line in maps if "/seg-" in line})
    print(json.dumps({"generation": index_store().current().number, "mapped_segments": mapped, "found": found}))


if __name__ == "__main__":
    main()
