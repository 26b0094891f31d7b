from .actors import Channel, Organization, OrganizationAlias, Person, PersonNameVariant
from .captures import UrlCapture
from .claims import Claim, ClaimLink, Quote, Report
from .identities import IdentityAssertion
from .media import ItemFile, MediaItem, Sighting, Tag
from .places import Place, PlaceAlias
from .reviews import ReviewEvent

__all__ = [
    "Channel", "Claim", "ClaimLink", "IdentityAssertion", "ItemFile", "MediaItem", "Organization",
    "OrganizationAlias", "Person", "PersonNameVariant", "Place", "PlaceAlias", "Quote", "Report",
    "ReviewEvent", "Sighting", "Tag", "UrlCapture",
]
