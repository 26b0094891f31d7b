from .custody import CustodyEvent, FixityFinding, FixityRun
from .files import MediaFile
from .jobs import EnrichmentJob, QueuedJob

__all__ = ["CustodyEvent", "EnrichmentJob", "FixityFinding", "FixityRun", "MediaFile", "QueuedJob"]
