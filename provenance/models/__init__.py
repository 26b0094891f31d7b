from .files import MediaFile
from .jobs import EnrichmentJob, QueuedJob

__all__ = ["EnrichmentJob", "MediaFile", "QueuedJob"]
