import json

import pytest

from catalog import services
from catalog.choices import TLP, ClaimStatus, MediaAuthenticity
from catalog.exports import NotVisible, schema_org
from tests.exports.case import ANALYST, AMBER_PARTNER, AMBER_PARTNER_CLEARED_FOR_IDENTITIES, GREEN_PARTNER, publish
from tests.factories import MediaItemFactory, SightingFactory

pytestmark = pytest.mark.django_db

BASE_URL = "https://catalogue.example/"
# Required by Google's fact-check documentation (ClaimReview), and the recommended ones this catalogue can fill.
CLAIM_REVIEW_REQUIRED = {"claimReviewed", "reviewRating", "url"}
CLAIM_REVIEW_RECOMMENDED = {"author", "datePublished", "itemReviewed"}
MEDIA_REVIEW_REQUIRED = {"mediaAuthenticityCategory", "itemReviewed", "url", "author", "datePublished"}


def exported(item, visibility):
    document = json.loads(schema_org.render_item(item, visibility, BASE_URL))
    assert document["@context"] == "https://schema.org"
    return document["@graph"]


def reviews_of_type(graph, review_type):
    return [review for review in graph if review["@type"] == review_type]


def claim_reviews(graph):
    return {review["claimReviewed"]: review for review in reviews_of_type(graph, "ClaimReview")}


def test_a_published_claim_verdict_is_a_claim_review_with_every_required_property(case):
    review = claim_reviews(exported(case.item, AMBER_PARTNER))[case.capture.text]

    assert CLAIM_REVIEW_REQUIRED | CLAIM_REVIEW_RECOMMENDED <= set(review)
    assert review["url"] == f"{BASE_URL}api/v1/claims/{case.capture.pk}/"
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "Disputed", "name": "Disputed"}
    assert review["author"]["@type"] == "Organization"
    assert review["creativeWorkStatus"] == "Published"
    assert review["conditionsOfAccess"] == "TLP:AMBER"
    claim = review["itemReviewed"]
    assert claim["@type"] == "Claim"
    assert claim["author"] == {"@type": "Organization", "name": "Amaq News Agency"}
    assert claim["datePublished"] == "2017-10-03"
    assert [appearance["url"] for appearance in claim["appearance"]] == [case.original.url, case.repost.url]
    assert claim["firstAppearance"]["url"] == case.original.url


def test_the_review_date_is_when_the_second_analyst_approved_the_verdict(case):
    approval = case.capture.review_events.get().approval

    review = claim_reviews(exported(case.item, AMBER_PARTNER))[case.capture.text]

    assert review["datePublished"] == approval.created_at.date().isoformat()


def test_claims_without_a_verdict_get_no_claim_review(case):
    graph = exported(case.item, AMBER_PARTNER)

    assert list(claim_reviews(graph)) == [case.capture.text]


def test_a_verdict_awaiting_approval_reaches_analysts_as_a_draft_and_partners_not_at_all(case, analyst):
    services.review_claim_status(case.denial, ClaimStatus.FALSE, analyst, "Both men are alive on camera.")

    partner_reviews = claim_reviews(exported(case.item, AMBER_PARTNER))
    analyst_reviews = claim_reviews(exported(case.item, ANALYST))

    assert case.denial.text not in partner_reviews
    draft = analyst_reviews[case.denial.text]
    assert draft["creativeWorkStatus"] == "Draft"
    assert draft["reviewRating"]["alternateName"] == "False"
    assert draft["itemReviewed"]["appearance"][0]["url"] == "https://news.example/2017/10/04/isis-video-russian-soldiers"


def test_claims_naming_people_reach_only_readers_cleared_for_identities(case, second_analyst, analyst):
    publish(services.review_claim_status(
        case.naming, ClaimStatus.INCONCLUSIVE, analyst, "Names not matched to service records."
    ), second_analyst)

    assert case.naming.text not in claim_reviews(exported(case.item, AMBER_PARTNER))
    assert case.naming.text in claim_reviews(exported(case.item, AMBER_PARTNER_CLEARED_FOR_IDENTITIES))


def test_a_published_authenticity_is_a_media_review_of_the_posts_and_files(case):
    [review] = reviews_of_type(exported(case.item, AMBER_PARTNER), "MediaReview")

    assert MEDIA_REVIEW_REQUIRED <= set(review)
    assert review["mediaAuthenticityCategory"] == "https://schema.org/OriginalMediaContent"
    assert review["creativeWorkStatus"] == "Published"
    assert review["originalMediaLink"] == case.original.url
    reviewed = review["itemReviewed"]
    assert reviewed["@type"] == "MediaReviewItem"
    assert reviewed["creator"]["name"] == "Amaq News Agency"
    appearances = reviewed["mediaItemAppearance"]
    assert {a["@type"] for a in appearances} == {"VideoObject"}
    assert [a["contentUrl"] for a in appearances if "contentUrl" in a] == [case.original.url, case.repost.url]
    assert [a["sha256"] for a in appearances if "sha256" in a] == [case.media_file.sha256]


def test_analysts_get_the_working_authenticity_as_a_draft_review(case):
    [review] = reviews_of_type(exported(case.item, ANALYST), "MediaReview")

    assert review["mediaAuthenticityCategory"] == "https://schema.org/StagedContent"
    assert review["creativeWorkStatus"] == "Draft"


def test_decontextualised_content_says_what_the_media_really_shows(four_eyes, analyst, second_analyst):
    item = MediaItemFactory(tlp=TLP.GREEN)
    SightingFactory(media_item=item, url="https://social.example/post/7")
    rationale = "Footage of a 2015 exercise, reposted as the 2017 capture."
    publish(services.review_item_authenticity(item, MediaAuthenticity.DECONTEXTUALIZED, analyst, rationale), second_analyst)

    [review] = reviews_of_type(exported(item, GREEN_PARTNER), "MediaReview")

    assert review["mediaAuthenticityCategory"] == "https://schema.org/DecontextualizedContent"
    assert review["originalMediaContextDescription"] == rationale


def test_an_item_not_assessed_yet_has_no_media_review():
    item = MediaItemFactory(tlp=TLP.CLEAR)

    assert exported(item, ANALYST) == []


def test_an_item_above_the_readers_ceiling_is_refused(case):
    with pytest.raises(NotVisible):
        schema_org.render_item(case.item, GREEN_PARTNER, BASE_URL)
