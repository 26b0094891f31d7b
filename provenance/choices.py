from django.db import models


class JobStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"


class EnrichmentKind(models.TextChoices):
    HASHES = "hashes", "SHA-256 and MD5"


class CustodyAction(models.TextChoices):
    ACQUIRED = "acquired", "Acquired"
    STORED = "stored", "Stored"
    ENRICHED = "enriched", "Enriched"
    EXPORTED = "exported", "Exported"
    FIXITY_CHECKED = "fixity_checked", "Fixity checked"


class FixityOutcome(models.TextChoices):
    CHANGED = "changed", "Bytes changed"
    MISSING = "missing", "File missing"
    UNTRACKED = "untracked", "Untracked file in storage"
