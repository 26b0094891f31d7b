"""Serializers of the verification desk: reports coming in, the drafts read from them, findings, approvals of
verdicts, variant proposals, verification runs, resolution candidates and an item's claim graph.

The desk is the analysts' own (catalog.api.desk_views). Relations read as summaries and are written as primary keys,
as in catalog.api.serializers. Request bodies only validate shape; the workflows are catalog.services'. Scraped text
is returned as it was read, as JSON strings: data, never markup.
"""

import dataclasses

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from catalog import services
from catalog.services import report_intake
from catalog.api import examples
from catalog.api.serializers import SUMMARIES, CatalogSerializer, TLPField, record_examples
from catalog.choices import TLP, PlaceKind, ReviewOutcome
from catalog.models import (
    Finding,
    IdentityAssertion,
    MediaItem,
    Organization,
    Person,
    Place,
    Report,
    ReportDraft,
    ReviewApproval,
    ReviewDecision,
    ReviewEvent,
    VariantProposal,
    VerificationRun,
)
from catalog.resolution.gazetteer import get_gazetteer
from provenance.api.fields import ModelSerializer
from catalog.services.drafts import SECTIONS, section_paths
from catalog.services.variant_evidence import MatchEvidence
from provenance.models import FileMatch

def decode_report(data):
    """The text of a scraped report received as bytes (catalog.services.report_intake.report_text), refused with
    the reason under `file`: bytes that are not UTF-8, text with NUL characters, nothing at all."""
    try:
        return report_intake.report_text(data)
    except DjangoValidationError as refused:
        raise DjangoValidationError({"file": refused.messages}) from refused


def ingest(text, **options):
    """(draft, created): catalog.services.ingest_report, telling whether the text was new or ingested before."""
    existed = services.find_ingested(text) is not None
    return services.ingest_report(text, **options), not existed


# Reports coming in


class ReportIngestSerializer(serializers.Serializer):
    """A scraped report: its text as JSON (`raw_text`) or a .txt file as scraped (`file`, multipart), not both."""

    raw_text = serializers.CharField(
        required=False, trim_whitespace=False, help_text="The report exactly as the scraper saved it."
    )
    file = serializers.FileField(required=False, help_text="A .txt file as scraped, UTF-8.")
    # No schema default: "" is no URI, so an OpenAPI document declaring it as the default is invalid.
    url = serializers.URLField(required=False, allow_blank=True, max_length=2000,
                               help_text="Where the report was published.")
    tlp = TLPField(required=False, default=TLP.AMBER,
                   help_text="Marking of the report and of what is accepted from it (default TLP:AMBER).")

    def validate_file(self, upload):
        try:
            return decode_report(upload.read())
        except DjangoValidationError as refused:
            raise serializers.ValidationError(refused.message_dict["file"]) from refused

    def validate(self, attrs):
        given = [name for name in ("raw_text", "file") if name in attrs]
        if len(given) != 1:
            message = "Send the report either as raw_text or as a file, not both." if given else (
                "Send the report as raw_text (JSON) or as a file (multipart)."
            )
            raise serializers.ValidationError({name: message for name in given or ("raw_text", "file")})
        attrs["source"] = given[0]
        attrs["text"] = attrs.pop(given[0])
        attrs.setdefault("url", "")
        return attrs


class DraftReportSerializer(CatalogSerializer):
    class Meta:
        model = Report
        fields = ["id", "title", "outlet", "url", "published_at", "dateline", "tlp"]
        read_only_fields = fields


class DraftSectionSerializer(serializers.Serializer):
    """One decidable part of a draft and what became of it."""

    path = serializers.CharField(help_text="'media_item', or a section and an index: 'claims.0', 'places.3'.")
    section = serializers.ChoiceField(choices=SECTIONS)
    label = serializers.CharField(help_text="What the part names, as read from the report.")
    decision = serializers.ChoiceField(choices=["accepted", "rejected"], allow_null=True,
                                       help_text="Null while undecided.")
    decided_by = serializers.CharField(allow_null=True)
    record = serializers.CharField(allow_null=True,
                                   help_text="The catalogue record made from an accepted part, e.g. 'catalog.claim:12'.")


# The payload key that names each part of a section.
SECTION_LABELS = {
    "media_item": "title_suggestion", "organisations": "name", "channels": "name_as_written",
    "identities": "name_as_stated", "claims": "text", "places": "name",
}


def draft_sections(draft):
    """Every decidable part of a draft with its state, in the order of catalog.services.section_paths."""
    sections = []
    for path in section_paths(draft):
        section, _, index = path.partition(".")
        part = draft.payload[section] if not index else draft.payload[section][int(index)]
        decision = draft.decisions.get(path, {})
        sections.append({
            "path": path, "section": section, "label": str(part.get(SECTION_LABELS[section]) or ""),
            "decision": decision.get("decision"), "decided_by": decision.get("by"), "record": decision.get("record"),
        })
    return sections


@extend_schema_serializer(examples=[OpenApiExample("A draft of the Newsweek report", value=examples.REPORT_DRAFT)])
class ReportDraftSerializer(CatalogSerializer):
    """What the desk read out of a report, waiting for an analyst to accept or reject it, part by part."""

    report = DraftReportSerializer(read_only=True)
    sections = serializers.SerializerMethodField()

    class Meta:
        model = ReportDraft
        fields = [
            "id", "report", "status", "media_item", "sections", "payload", "decisions", "decided_by",
            "created_at", "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(DraftSectionSerializer(many=True))
    def get_sections(self, draft):
        return DraftSectionSerializer(draft_sections(draft), many=True).data


class DraftDecisionSerializer(serializers.Serializer):
    paths = serializers.ListField(
        child=serializers.CharField(max_length=60), required=False, allow_empty=False,
        help_text="The parts to decide (see the draft's sections); leave out to decide every undecided part.",
    )

    def validate_paths(self, paths):
        repeated = sorted({path for path in paths if paths.count(path) > 1})
        if repeated:
            raise serializers.ValidationError(f"Name each part once: {', '.join(repeated)} given more than once.")
        return paths

    def validate(self, attrs):
        draft = self.context["draft"]
        if "paths" not in attrs and all(path in draft.decisions for path in section_paths(draft)):
            raise serializers.ValidationError({"paths": "Every part of this draft is already decided."})
        return attrs


# The review queue


@extend_schema_serializer(examples=[OpenApiExample("The release post taken down", value=examples.FINDING)])
class FindingSerializer(CatalogSerializer):
    """Something a background check noticed; analysts acknowledge, dismiss or resolve it."""

    class Meta:
        model = Finding
        fields = [
            "id", "kind", "severity", "status", "message", "detail", "media_item", "claim", "sighting", "channel",
            "person", "key", "created_at", "updated_at",
        ]
        read_only_fields = fields


class ReviewApprovalRequestSerializer(serializers.Serializer):
    review_event = serializers.PrimaryKeyRelatedField(
        queryset=ReviewEvent.objects.all(), help_text="The verdict to approve: an item authenticity or claim status review."
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ReviewApprovalSerializer(CatalogSerializer):
    """A second analyst's approval of a verdict, which publishes it to partners."""

    review_event = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = ReviewApproval
        fields = ["id", "review_event", "approver", "note", "created_at"]
        read_only_fields = fields


class ReviewDecisionRequestSerializer(serializers.Serializer):
    review_event = serializers.PrimaryKeyRelatedField(
        queryset=ReviewEvent.objects.all(), help_text="The verdict awaiting a second analyst."
    )
    outcome = serializers.ChoiceField(
        choices=ReviewOutcome.choices,
        help_text="rejected or sent_back (a second analyst, with a comment), withdrawn (its author).",
    )
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class ReviewDecisionSerializer(CatalogSerializer):
    """A rejection, sending back or withdrawal of a verdict awaiting a second analyst."""

    review_event = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = ReviewDecision
        fields = ["id", "review_event", "outcome", "comment", "analyst", "created_at"]
        read_only_fields = fields


class FileMatchSummarySerializer(ModelSerializer):
    class Meta:
        model = FileMatch
        fields = [
            "id", "query_file", "matched_file", "query_match_percent", "target_match_percent", "best_distance", "method",
        ]
        read_only_fields = fields


@extend_schema_serializer(examples=[OpenApiExample("A re-upload", value=examples.VARIANT_PROPOSAL)])
class VariantProposalSerializer(CatalogSerializer):
    """'This item is a re-upload of that one', from a file match; an analyst confirms or rejects it."""

    file_match = FileMatchSummarySerializer(read_only=True)
    evidence = serializers.SerializerMethodField(
        help_text="Why the files are one video: matched frames (query and target seconds, distance, mirrored, the "
        "central scales that met), the transform (mirror, crop scale, offset), and the seconds without a close frame."
    )

    class Meta:
        model = VariantProposal
        fields = [
            "id", "media_item", "matched_item", "summary", "file_match", "evidence", "status", "decided_by",
            "decided_at", "created_at",
        ]
        read_only_fields = fields


    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_evidence(self, proposal):
        return MatchEvidence.of(proposal.file_match).to_dict()


@record_examples("Liveness of the sightings of the video", examples.VERIFICATION_RUN_REQUEST, examples.FINISHED_RUN)
class VerificationRunSerializer(CatalogSerializer):
    """One run of a background check; created pending and run by a worker."""

    class Meta:
        model = VerificationRun
        fields = [
            "id", "kind", "media_item", "status", "attempts", "error", "result", "created_at", "enqueued_at",
            "started_at", "finished_at",
        ]
        read_only_fields = [name for name in fields if name not in ("kind", "media_item")]
        extra_kwargs = {"media_item": {"help_text": "Limit the run to one item; leave out for the whole catalogue."}}


# Resolution


class PersonCandidateQuerySerializer(serializers.Serializer):
    identity_assertion = serializers.PrimaryKeyRelatedField(
        queryset=IdentityAssertion.objects.all(), help_text="The asserted identity to find people for."
    )
    limit = serializers.IntegerField(required=False, default=5, min_value=1, max_value=50)


class CandidatePersonSerializer(CatalogSerializer):
    class Meta:
        model = Person
        fields = ["id", "canonical_name", "birth_year", "birthplace"]
        read_only_fields = fields


@extend_schema_serializer(examples=[OpenApiExample("One likely person", value=examples.PERSON_CANDIDATE)])
class PersonCandidateSerializer(serializers.Serializer):
    """A catalogued person the stated identity may be; an analyst confirms through the identity's resolve action."""

    person = CandidatePersonSerializer()
    score = serializers.FloatField(help_text="0 to 1.")
    reasons = serializers.ListField(child=serializers.CharField())


class PlaceQuerySerializer(serializers.Serializer):
    q = serializers.CharField(max_length=300, help_text="A place name as written, in any script.")
    country = serializers.CharField(
        required=False, max_length=6, help_text="ISO 3166 code of the country (or subdivision) it is likely in."
    )
    kind = serializers.ChoiceField(choices=PlaceKind.choices, required=False)
    limit = serializers.IntegerField(required=False, default=5, min_value=1, max_value=20)


@extend_schema_serializer(examples=[OpenApiExample("Rassvet", value=examples.GAZETTEER_CANDIDATE)])
class GazetteerCandidateSerializer(serializers.Serializer):
    """A gazetteer entry the name may mean, with what contains it."""

    gazetteer_id = serializers.CharField(source="place_id")
    name = serializers.CharField()
    kind = serializers.CharField()
    country_code = serializers.CharField()
    subdivision_code = serializers.CharField()
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)
    parents = serializers.ListField(child=serializers.CharField(), help_text="Names, nearest first.")
    score = serializers.FloatField(help_text="0 to 1.")
    confident = serializers.BooleanField(help_text="Whether the score is high enough to take it without a look.")
    matched_alias = serializers.CharField()
    place = serializers.IntegerField(allow_null=True, help_text="The catalogue place made from it, if any.")


@extend_schema_serializer(examples=[OpenApiExample("Rassvet", value=examples.GAZETTEER_PLACE_REQUEST)])
class GazetteerPlaceRequestSerializer(serializers.Serializer):
    gazetteer_id = serializers.CharField(max_length=60, help_text="A candidate's gazetteer_id, e.g. 'iso:RU-ROS'.")

    def validate_gazetteer_id(self, value):
        if value not in get_gazetteer().places:
            raise serializers.ValidationError("The gazetteer has no such entry.")
        return value


# The claim graph


class ClaimGraphQuerySerializer(serializers.Serializer):
    media_item = serializers.PrimaryKeyRelatedField(queryset=MediaItem.objects.all())


class ClaimEdgeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    relation = serializers.CharField()
    source = serializers.IntegerField(source="source_id", help_text="The claim that supports, denies, … the target.")
    target = serializers.IntegerField(source="target_id")
    note = serializers.CharField()


class ClaimNodeSerializer(serializers.Serializer):
    """A claim in the graph: who said it, when, where it stands, and how it relates to the others."""

    id = serializers.IntegerField(source="claim.pk")
    text = serializers.CharField(source="claim.text")
    kind = serializers.CharField(source="claim.kind")
    role = serializers.ChoiceField(choices=["assertion", "denial"],
                                   help_text="A denial denies or contradicts another claim of the graph.")
    claimant = serializers.CharField(help_text="As catalogued, or as reported when not catalogued.")
    claimant_organization = SUMMARIES[Organization](source="claim.claimant_organization", allow_null=True)
    claimant_person = SUMMARIES[Person](source="claim.claimant_person", allow_null=True)
    stated_on = serializers.DateField(source="claim.stated_on", allow_null=True)
    status = serializers.CharField(source="claim.status", help_text="The latest verdict.")
    standing = serializers.CharField(
        source="claim.standing", help_text="Disputed while a denial stands unreviewed; else the status."
    )
    in_item = serializers.BooleanField(help_text="False for a claim about something else, linked to the item's claims.")
    media_item = serializers.IntegerField(source="claim.media_item_id", allow_null=True)
    report = SUMMARIES[Report](source="claim.report", allow_null=True)
    incoming = ClaimEdgeSerializer(many=True)
    outgoing = ClaimEdgeSerializer(many=True)


@extend_schema_serializer(examples=[OpenApiExample("A claim and its denial", value=examples.CLAIM_GRAPH)])
class ClaimGraphSerializer(serializers.Serializer):
    """Who asserts and who denies what about an item, and when: its claims and the claims linked to them."""

    media_item = SUMMARIES[MediaItem]()
    claims = ClaimNodeSerializer(many=True, help_text="Oldest statement first; undated ones last.")


def with_catalogue_place(candidates):
    """Gazetteer candidates with the id of the catalogue place already made from each (or None)."""
    made = dict(
        Place.objects.filter(gazetteer_id__in=[c.place_id for c in candidates]).values_list("gazetteer_id", "pk")
    )
    return [{**dataclasses.asdict(candidate), "confident": candidate.confident, "place": made.get(candidate.place_id)}
            for candidate in candidates]

