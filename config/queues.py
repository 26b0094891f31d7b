from enum import StrEnum


class Queue(StrEnum):
    """Every Celery queue the service uses; workers subscribe by these names."""

    INGEST = "ingest"
    ENRICH = "enrich"
    VERIFY = "verify"
    NOTIFY = "notify"
