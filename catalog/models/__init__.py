from .actors import Channel, Organization, OrganizationAlias, Person, PersonNameVariant
from .captures import UrlCapture, WebArchiveCapture
from .claims import Claim, ClaimLink, Quote, Report
from .gazetteer import GazetteerEntry, GazetteerName
from .desk import Finding, LivenessCheck, ReportDraft, ReviewApproval, VerificationRun
from .hashlists import HashListCredential, ListedHash, ListedItemFile, ProducerIdeology
from .identities import IdentityAssertion
from .intake import ReportIngest
from .media import ChannelAppearance, ItemFile, MediaItem, Sighting, Tag
from .partners import AccessAudit, ChangeFeedEntry, Partner, PartnerAPIKey, WebhookDelivery, WebhookSubscription
from .places import Place, PlaceAlias
from .reviews import ReviewDecision, ReviewEvent
from .together import ItemAssignment, ItemComment
from .variants import VariantProposal

__all__ = [
    "AccessAudit", "ChangeFeedEntry", "Channel", "ChannelAppearance", "Claim", "ClaimLink", "Finding", "GazetteerEntry", "GazetteerName",
    "HashListCredential", "IdentityAssertion", "ItemAssignment", "ItemComment", "ItemFile", "ListedHash",
    "ListedItemFile", "LivenessCheck", "MediaItem", "Organization", "OrganizationAlias", "Partner", "PartnerAPIKey",
    "Person", "PersonNameVariant", "Place", "PlaceAlias", "ProducerIdeology", "Quote", "Report", "ReportDraft",
    "ReportIngest", "ReviewApproval", "ReviewDecision", "ReviewEvent",
    "Sighting", "Tag", "UrlCapture", "VariantProposal", "VerificationRun", "WebArchiveCapture", "WebhookDelivery",
    "WebhookSubscription",
]
