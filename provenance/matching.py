"""Near-duplicate search for other apps and the API: look up a PDQ hash, or match a file without storing it."""

from provenance.services.matching import (
    DEFAULT_MAX_DISTANCE,
    MAX_RADIUS,
    find_similar,
    frame_index,
    match_file,
    reset_index,
    similar_frames,
)

__all__ = [
    "DEFAULT_MAX_DISTANCE", "MAX_RADIUS", "find_similar", "frame_index", "match_file", "reset_index", "similar_frames",
]
