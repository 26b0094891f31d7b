"""From a parsed report to a draft for an analyst: every value proposed, with the sentence it came from.

Nothing here is stored or published: the draft is data for review, accepted field by field or
whole by an analyst (the lead's views store what is accepted as catalogue rows).
"""

from dataclasses import dataclass

from .claims import ClaimProposal, extract_claims
from .identities import IdentityProposal, extract_identities
from .media import (
    ChannelProposal,
    MediaItemProposal,
    OrganisationProposal,
    describe_media_item,
    extract_channels,
    extract_organisations,
)
from .places import PlaceProposal, extract_places
from .sentences import split_sentences


@dataclass
class Draft:
    media_item: MediaItemProposal
    organisations: list[OrganisationProposal]
    channels: list[ChannelProposal]
    identities: list[IdentityProposal]
    claims: list[ClaimProposal]
    places: list[PlaceProposal]
    warnings: list[str]

    def to_dict(self):
        return {
            "media_item": self.media_item.to_dict(),
            "organisations": [item.to_dict() for item in self.organisations],
            "channels": [item.to_dict() for item in self.channels],
            "identities": [item.to_dict() for item in self.identities],
            "claims": [item.to_dict() for item in self.claims],
            "places": [item.to_dict() for item in self.places],
            "warnings": list(self.warnings),
        }


def build_draft(report):
    """The draft an analyst reviews, built from a ScrapedReport (see parse_scraped_report)."""
    sentences = [
        sentence for index, paragraph in enumerate(report.paragraphs) for sentence in split_sentences(paragraph, index)
    ]
    reference = report.published_at.date() if report.published_at else None
    warnings = [] if reference else ['No dateline: relative dates ("Tuesday", "last month") are left unresolved.']
    identities = extract_identities(report, sentences)
    media_item = describe_media_item(report, sentences, reference)
    media_item.title_suggestion = _title_suggestion(report, media_item, identities)
    claims = extract_claims(sentences, report.quotes, identities, media_item.release, reference)
    people = [name for identity in identities for name in [identity.name_as_stated, *identity.name_variants]]
    people += [quote.speaker for quote in report.quotes]
    return Draft(
        media_item=media_item,
        organisations=extract_organisations(report, sentences, media_item, claims),
        channels=extract_channels(report, media_item),
        identities=identities,
        claims=claims,
        places=extract_places(report, people),
        warnings=warnings,
    )


def _title_suggestion(report, media_item, identities):
    """'Amaq video: Zabolotny Roman, Tsurkanov Gregory'; the headline when the item names no one."""
    names = ", ".join(identity.name_as_stated for identity in identities[:4])
    if not names:
        return report.title
    return f"{media_item.producer + ' ' if media_item.producer else ''}{media_item.kind}: {names}"
