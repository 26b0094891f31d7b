from django.db import models


class JobStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"


class EnrichmentKind(models.TextChoices):
    HASHES = "hashes", "SHA-256 and MD5"
    ANALYSIS = "analysis", "Type, metadata, keyframes, fingerprints and content credentials"
    MATCHING = "matching", "Near-duplicate search"


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


class C2paState(models.TextChoices):
    NOT_CHECKED = "not_checked", "Not checked yet"
    NONE = "none", "No content credentials"
    VALID = "valid", "Valid manifest"
    INVALID = "invalid", "Manifest fails validation"
    ERROR = "error", "Could not be read"


class DerivedKind(models.TextChoices):
    KEYFRAME = "keyframe", "Keyframe"
    THUMBNAIL = "thumbnail", "Thumbnail"
    BLURRED_THUMBNAIL = "blurred_thumbnail", "Blurred thumbnail"
    BLURRED_KEYFRAME = "blurred_keyframe", "Blurred keyframe"
    FINGERPRINT = "fingerprint", "Robust fingerprint (JSON)"


class HashAlgorithm(models.TextChoices):
    PDQ = "pdq", "PDQ (image)"
    VPDQ = "vpdq", "vPDQ (video frame)"
    ROBUST_PDQ = "robust_pdq", "Robust PDQ (matching index entry)"


class MatchMethod(models.TextChoices):
    VPDQ_ROBUST = "vpdq-robust", "Video frames (robust vPDQ)"
    AUDIO = "audio", "Soundtrack (Chromaprint, offset-aligned)"
