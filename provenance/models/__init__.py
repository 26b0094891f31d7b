from .anchors import AnchoredHead, CustodyAnchor
from .audio import AudioFingerprint
from .custody import CustodyEvent, FixityFinding, FixityRun
from .external import ExternalSignal, ExternalSignalMatch
from .files import DerivedFile, FileMatch, FrameHash, MediaFile, SensitiveMediaAccess
from .jobs import EnrichmentJob, QueuedJob
from .texts import FrameText

__all__ = [
    "AnchoredHead", "AudioFingerprint", "CustodyAnchor", "CustodyEvent", "DerivedFile", "EnrichmentJob",
    "ExternalSignal", "ExternalSignalMatch", "FileMatch", "FixityFinding", "FixityRun", "FrameHash", "FrameText",
    "MediaFile", "QueuedJob", "SensitiveMediaAccess",
]
