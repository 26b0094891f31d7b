"""schema.org ClaimReview and MediaReview in JSON-LD, for fact-checking platforms and search engines.

Hand-written dictionaries: there is no maintained Python library that builds schema.org review markup, and JSON-LD
is plain JSON; tests/exports check the properties Google's fact-check documentation requires (ClaimReview:
claimReviewed, reviewRating.alternateName, url; recommended author, datePublished, itemReviewed Claim with author,
datePublished, appearance) and those MediaReview needs (mediaAuthenticityCategory, itemReviewed MediaReviewItem with
mediaItemAppearance, originalMediaContextDescription for decontextualised content).

Which verdict is shown: partners get only published (four-eyes approved) verdicts. Analysts get the working verdict;
`creativeWorkStatus` says which it is ("Published", or "Draft" for a working verdict awaiting approval), a
schema.org property every review has as a CreativeWork. The record's TLP goes in `conditionsOfAccess`.
"""

import json
from urllib.parse import urljoin

from django.urls import reverse

from catalog.choices import ClaimStatus, MediaAuthenticity, MediaKind
from catalog.models import MediaItem

from catalog.policies import access
from catalog.policies.access import effective_marking

from .common import (
    claim_verdict,
    claimant_name,
    describe_sighting,
    item_verdict,
    linked_claims,
    load_items,
    original_release,
    publisher_name,
    require_loaded,
)

CONTENT_TYPE = "application/ld+json"
CONTEXT = "https://schema.org"
APPEARANCE_TYPES = {
    MediaKind.VIDEO: "VideoObject",
    MediaKind.IMAGE: "ImageObject",
    MediaKind.AUDIO: "AudioObject",
    MediaKind.DOCUMENT: "MediaObject",
}


def render_reviews(item, caller, base_url):
    """A JSON-LD graph: the item's MediaReview (once its authenticity is assessed) and a ClaimReview for each
    reviewed claim the reader may see, including claims linked to the item's claims (such as a denial). `item` was
    loaded by common.load_items for `caller` (any other item: NotVisible)."""
    require_loaded(caller, item)
    reviews = []
    media_review = render_media_review(item, caller, base_url)
    if media_review:
        reviews.append(media_review)
    for claim in linked_claims(item):
        claim_review = render_claim_review(claim, caller, base_url, item=item)
        if claim_review:
            reviews.append(claim_review)
    return {"@context": CONTEXT, "@graph": reviews}


def render_media_review(item, caller, base_url):
    verdict = item_verdict(caller, item)
    if verdict.value == MediaAuthenticity.NOT_ASSESSED:
        return None
    appearance_type = APPEARANCE_TYPES[item.kind]
    appearances = [
        {
            "@type": appearance_type, "contentUrl": sighting.url, "description": describe_sighting(sighting),
            **({"uploadDate": sighting.posted_at.isoformat()} if sighting.posted_at else {}),
        }
        for sighting in item.sightings.all() if sighting.url
    ]
    appearances += [
        {
            "@type": appearance_type, "sha256": link.media_file.sha256, "contentSize": f"{link.media_file.size} B",
            **({"name": link.original_filename} if link.original_filename else {}),
            **({"encodingFormat": link.media_file.mime_type} if link.media_file.mime_type else {}),
        }
        for link in item.files.all()
    ]
    item_reviewed = {"@type": "MediaReviewItem", "name": item.title, "mediaItemAppearance": appearances}
    if item.producer:
        item_reviewed["creator"] = {"@type": "Organization", "name": item.producer.name}
    review = {
        "@type": "MediaReview",
        "url": urljoin(base_url, reverse("api-v1:media-items-detail", args=[item.pk])),
        "author": _author(base_url),
        "datePublished": _date(verdict, item),
        "creativeWorkStatus": _status(verdict),
        "conditionsOfAccess": _tlp_label(item.tlp),
        # Enumeration members are written as full URLs, so JSON-LD reads them as the schema.org terms, not text.
        "mediaAuthenticityCategory": f"https://schema.org/{verdict.value}",
        "itemReviewed": item_reviewed,
    }
    original = original_release(caller, item)
    if original:
        review["originalMediaLink"] = original.url
    if verdict.value == MediaAuthenticity.DECONTEXTUALIZED and verdict.review_event:
        # The reviewed rationale says what the media really shows; required for decontextualised content.
        review["originalMediaContextDescription"] = verdict.review_event.rationale
    return review


def render_claim_review(claim, caller, base_url, item=None):
    """`item`: the already loaded item the claim may belong to, so its posts are not read again."""
    verdict = claim_verdict(caller, claim)
    if not verdict.is_review:
        return None
    item_reviewed = {"@type": "Claim", "author": _claimant(claim, caller)}
    if claim.stated_on:
        item_reviewed["datePublished"] = claim.stated_on.isoformat()
    media_item = item if item is not None and claim.media_item_id == item.pk else claim.media_item
    appearances, first = _appearances(claim, media_item, caller)
    if appearances:
        item_reviewed["appearance"] = appearances
    if first:
        item_reviewed["firstAppearance"] = first
    label = ClaimStatus(verdict.value).label
    return {
        "@type": "ClaimReview",
        "url": urljoin(base_url, reverse("api-v1:claims-detail", args=[claim.pk])),
        "claimReviewed": claim.text,
        "author": _author(base_url),
        "datePublished": _date(verdict, claim),
        "creativeWorkStatus": _status(verdict),
        "conditionsOfAccess": _tlp_label(effective_marking(claim)),
        "reviewRating": {"@type": "Rating", "alternateName": label, "name": label},
        "itemReviewed": item_reviewed,
    }


def _appearances(claim, item, caller):
    """Where the claim was made: the posts of its media item (one read through the access policy: the exported
    item, not the item of a claim linked from elsewhere) and the report it appeared in (a claim the reader sees has
    a report it sees, if any)."""
    appearances, first = [], None
    if item is not None and access.is_cleared(caller, item):
        kind = APPEARANCE_TYPES[item.kind]
        appearances += [{"@type": kind, "url": s.url} for s in item.sightings.all() if s.url]
        original = original_release(caller, item)
        if original:
            first = {"@type": kind, "url": original.url}
    report = claim.report
    if report is not None and report.url:
        article = {"@type": "NewsArticle", "url": report.url, "headline": report.title}
        if report.published_at:
            article["datePublished"] = report.published_at.isoformat()
        appearances.append(article)
    return appearances, first


def _claimant(claim, caller):
    kind = "Organization" if claim.claimant_organization_id else "Person"
    return {"@type": kind, "name": claimant_name(caller, claim)}


def _author(base_url):
    return {"@type": "Organization", "name": publisher_name(), "url": base_url}


def _date(verdict, subject):
    return (verdict.decided_at or subject.updated_at).date().isoformat()


def _status(verdict):
    return "Published" if verdict.published else "Draft"


def _tlp_label(tlp):
    return f"TLP:{tlp.upper()}"


def render_item(item, caller, base_url):
    """The reviews of one item (NotVisible when `caller` may not see it)."""
    loaded = load_items(caller, MediaItem.objects.filter(pk=item.pk)) or [item]
    return json.dumps(render_reviews(loaded[0], caller, base_url), indent=2, ensure_ascii=False)


def render_feed(items, caller, base_url):
    """A schema.org DataFeed of the reviews of every item in the queryset the reader may see."""
    reviews = {}
    for item in load_items(caller, items):
        for review in render_reviews(item, caller, base_url)["@graph"]:
            # A claim linked to claims of two items (a denial) is reviewed once: its URL names the review.
            reviews.setdefault(review["url"], review)
    feed = {"@context": CONTEXT, "@type": "DataFeed", "dataFeedElement": list(reviews.values())}
    return json.dumps(feed, indent=2, ensure_ascii=False)
