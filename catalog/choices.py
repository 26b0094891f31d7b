from django.db import models


class OrganizationKind(models.TextChoices):
    ARMED_GROUP_MEDIA = "armed_group_media", "Media outlet of an armed group"
    ARMED_GROUP = "armed_group", "Armed group"
    NEWS_OUTLET = "news_outlet", "News outlet"
    GOVERNMENT_BODY = "government_body", "Government body"
    OTHER = "other", "Other"


class Platform(models.TextChoices):
    TELEGRAM = "telegram", "Telegram"
    X_TWITTER = "x", "X / Twitter"
    FACEBOOK = "facebook", "Facebook"
    YOUTUBE = "youtube", "YouTube"
    VKONTAKTE = "vkontakte", "VKontakte"
    WEBSITE = "website", "Website"
    NEWS_WIRE = "news_wire", "News wire"
    FILE_SHARING = "file_sharing", "File-sharing"
    OTHER = "other", "Other"


class ChannelStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    SUSPENDED = "suspended", "Suspended"
    REMOVED = "removed", "Removed"


class MediaKind(models.TextChoices):
    VIDEO = "video", "Video"
    IMAGE = "image", "Image"
    AUDIO = "audio", "Audio"
    DOCUMENT = "document", "Document"


class TLP(models.TextChoices):
    """Traffic Light Protocol 2.0, in ascending order of restriction."""

    CLEAR = "clear", "TLP:CLEAR"
    GREEN = "green", "TLP:GREEN"
    AMBER = "amber", "TLP:AMBER"
    AMBER_STRICT = "amber+strict", "TLP:AMBER+STRICT"
    RED = "red", "TLP:RED"

    @classmethod
    def at_or_below(cls, ceiling):
        """The markings a reader cleared up to `ceiling` may see."""
        values = list(cls.values)
        return values[: values.index(ceiling) + 1]


class MediaAuthenticity(models.TextChoices):
    """schema.org MediaReview `mediaAuthenticityCategory` values, plus not assessed."""

    NOT_ASSESSED = "NotAssessed", "Not assessed"
    ORIGINAL = "OriginalMediaContent", "Original media content"
    DECONTEXTUALIZED = "DecontextualizedContent", "Decontextualized content"
    EDITED_OR_CROPPED = "EditedOrCroppedContent", "Edited or cropped content"
    TRANSFORMED = "TransformedContent", "Transformed content"
    STAGED = "StagedContent", "Staged content"
    SATIRE_OR_PARODY = "SatireOrParodyContent", "Satire or parody content"


class SightingKind(models.TextChoices):
    ORIGINAL_RELEASE = "original_release", "Original release"
    REPOST = "repost", "Repost"
    REUPLOAD = "reupload", "Re-upload"
    EMBEDDED_IN_REPORT = "embedded_in_report", "Embedded in a report"


class ClaimKind(models.TextChoices):
    CAPTURE = "capture", "Capture"
    CASUALTY = "casualty", "Casualty"
    RESPONSIBILITY = "responsibility", "Responsibility"
    IDENTITY = "identity", "Identity"
    LOCATION = "location", "Location"
    DATE = "date", "Date"
    OTHER = "other", "Other"


class DatePrecision(models.TextChoices):
    DAY = "day", "Day"
    WEEK = "week", "Week"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


class ClaimStatus(models.TextChoices):
    UNSTARTED = "unstarted", "Unstarted"
    IN_PROGRESS = "in_progress", "In progress"
    VERIFIED = "verified", "Verified"
    FALSE = "false", "False"
    MISLEADING = "misleading", "Misleading"
    DISPUTED = "disputed", "Disputed"
    INCONCLUSIVE = "inconclusive", "Inconclusive"


class SourceReliability(models.TextChoices):
    """Admiralty (NATO) scale, source half."""

    A = "A", "A: Completely reliable"
    B = "B", "B: Usually reliable"
    C = "C", "C: Fairly reliable"
    D = "D", "D: Not usually reliable"
    E = "E", "E: Unreliable"
    F = "F", "F: Reliability cannot be judged"


class InformationCredibility(models.TextChoices):
    """Admiralty (NATO) scale, information half."""

    CONFIRMED = "1", "1: Confirmed by other sources"
    PROBABLY_TRUE = "2", "2: Probably true"
    POSSIBLY_TRUE = "3", "3: Possibly true"
    DOUBTFUL = "4", "4: Doubtful"
    IMPROBABLE = "5", "5: Improbable"
    CANNOT_BE_JUDGED = "6", "6: Truth cannot be judged"


class ClaimRelation(models.TextChoices):
    SUPPORTS = "supports", "Supports"
    CORROBORATES = "corroborates", "Corroborates"
    CONTRADICTS = "contradicts", "Contradicts"
    DENIES = "denies", "Denies"
    REPEATS = "repeats", "Repeats"


class Script(models.TextChoices):
    LATIN = "latin", "Latin"
    CYRILLIC = "cyrillic", "Cyrillic"
    ARABIC = "arabic", "Arabic"
    OTHER = "other", "Other or mixed"


class AssertionMode(models.TextChoices):
    SELF_IDENTIFIED = "self_identified", "Self-identified"
    NAMED_BY_OTHER = "named_by_other", "Named by another"


class PlaceKind(models.TextChoices):
    COUNTRY = "country", "Country"
    REGION = "region", "Region"
    DISTRICT = "district", "District"
    CITY = "city", "City"
    VILLAGE = "village", "Village"
    FACILITY = "facility", "Facility"


class ReviewedValue(models.TextChoices):
    """The verification values whose every change is kept in the review history."""

    ITEM_AUTHENTICITY = "item_authenticity", "Media item authenticity"
    CLAIM_STATUS = "claim_status", "Claim status"
    IDENTITY_RESOLUTION = "identity_resolution", "Identity resolution"


class ReviewOutcome(models.TextChoices):
    """How a verdict awaiting a second analyst ends other than by approval (four-eyes review)."""

    REJECTED = "rejected", "Rejected"
    SENT_BACK = "sent_back", "Sent back"
    WITHDRAWN = "withdrawn", "Withdrawn"


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    CONFIRMED = "confirmed", "Confirmed"
    REJECTED = "rejected", "Rejected"


class DraftStatus(models.TextChoices):
    PENDING = "pending", "Awaiting review"
    PARTIALLY_ACCEPTED = "partially_accepted", "Partly accepted"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"


class FindingKind(models.TextChoices):
    SIGHTING_BEFORE_RELEASE = "sighting_before_release", "Sighting before the claimed release"
    CLAIM_AFTER_DENIAL = "claim_after_denial", "Claim dated after its own denial"
    IDENTITY_CONTRADICTION = "identity_contradiction", "Contradictory identity assertions"
    URL_TAKEN_DOWN = "url_taken_down", "Sighting URL taken down"
    CHANNEL_UNREACHABLE = "channel_unreachable", "Channel unreachable"
    NEW_VARIANT_MATCH = "new_variant_match", "Older item matches a new one"
    EXTERNAL_SIGNAL_MATCH = "external_signal_match", "A file matches an external hash list"
    PRODUCER_HINT = "producer_hint", "On-screen text names a producer"
    IDENTITY_HINT = "identity_hint", "On-screen caption names a person"


class FindingStatus(models.TextChoices):
    OPEN = "open", "Open"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    DISMISSED = "dismissed", "Dismissed"
    RESOLVED = "resolved", "Resolved"


class Severity(models.TextChoices):
    INFO = "info", "Information"
    WARNING = "warning", "Warning"
    HIGH = "high", "High"


class VerificationKind(models.TextChoices):
    TIMELINE = "timeline", "Timeline consistency"
    IDENTITY = "identity", "Identity consistency"
    LIVENESS = "liveness", "Liveness of sightings and channels"
    REMATCH = "rematch", "Re-matching of older items"


class ChangeKind(models.TextChoices):
    CREATED = "created", "Created"
    UPDATED = "updated", "Updated"
    WITHDRAWN = "withdrawn", "Withdrawn"


class WebhookEvent(models.TextChoices):
    ITEM_PUBLISHED = "item.published", "Item published"
    STATUS_CHANGED = "status.changed", "Verification status changed"
    VARIANT_MATCHED = "variant.matched", "New variant matched"
