from .anchors import AnchoredHead, CustodyAnchor
from .custody import CustodyEvent, FixityFinding, FixityRun
from .files import DerivedFile, FileMatch, FrameHash, MediaFile, SensitiveMediaAccess
from .jobs import EnrichmentJob, QueuedJob

__all__ = [
    "AnchoredHead", "CustodyAnchor", "CustodyEvent", "DerivedFile", "EnrichmentJob", "FileMatch", "FixityFinding",
    "FixityRun", "FrameHash", "MediaFile", "QueuedJob", "SensitiveMediaAccess",
]
