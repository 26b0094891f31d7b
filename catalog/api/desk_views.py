"""The verification desk's endpoints: analysts only.

Partners never read or write here, whatever their clearance: every view sets ``permission_classes`` to IsAnalyst
and uses it in place of the access policy's (catalog.api.clearance.EvidencePolicy), whose authentication and
throttling still apply, so an API key is recognised and then refused (403); no credentials are answered 401.

The views validate the shape of what they receive and call catalog.services; a refusal by a workflow (a path
already decided, one's own verdict) is answered 400 with its reason.
"""

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import generics, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from catalog import services
from catalog.api import desk_serializers as desk
from catalog.api.filters import FILTER_BACKENDS
from catalog.api.permissions import IsAnalyst
from catalog.api.serializers import PlaceSerializer, ReviewEventSerializer
from catalog.models import Finding, Place, ReportDraft, VariantProposal, VerificationRun
from catalog.resolution.gazetteer import get_gazetteer
from catalog.services import findings
from catalog.services.claim_graph import claim_graph
from provenance.api.access import AccessPolicyMixin
from provenance.api.schema import DocumentedErrorsAutoSchema


class DeskAccess(AccessPolicyMixin):
    # The access policy's authentication and throttling; this permission instead of its partner-aware one.
    permission_classes = [IsAnalyst]
    schema = DocumentedErrorsAutoSchema()

    def get_permissions(self):
        return [permission() for permission in self.permission_classes]


class DeskRecordViewSet(DeskAccess, viewsets.ReadOnlyModelViewSet):
    # Lists and details of one kind of desk record, with its workflow actions.
    filter_backends = FILTER_BACKENDS

    def respond_with(self, instance, status_code=status.HTTP_200_OK):
        """The record as the workflow left it, read again through the view's queryset."""
        instance = self.get_queryset().get(pk=instance.pk)
        serializer = type(self).serializer_class(instance, context=self.get_serializer_context())
        return Response(serializer.data, status=status_code)

    def apply(self, workflow, **kwargs):
        """Run a catalog.services workflow on the record; its refusal is a 400 with the reason."""
        return self.respond_with(workflow(self.get_object(), **kwargs))


class DeskQueryView(DeskAccess, generics.GenericAPIView):
    # An answer computed from query parameters (query_serializer_class) by a catalog.services function.
    filter_backends = []

    def query(self):
        """The validated query parameters (400 with per-parameter messages when invalid)."""
        parameters = self.query_serializer_class(data=self.request.query_params)
        parameters.is_valid(raise_exception=True)
        return parameters.validated_data


# Reports coming in

DRAFT_EXAMPLE = {
    "id": 12, "status": "pending", "media_item": None, "decided_by": None,
    "report": {"id": 31, "title": "Isis releases video of captured Russian soldiers that Russia denies losing in Syria",
               "outlet": {"id": 4, "name": "Newsweek"}, "url": "", "published_at": "2017-10-04T11:52:38Z",
               "dateline": "Wed Oct 4, 2017 11:52:38", "tlp": "amber"},
    "sections": [
        {"path": "media_item", "section": "media_item", "label": "Amaq video: Zabolotny Roman, Tsurkanov Gregory",
         "decision": None, "decided_by": None, "record": None},
        {"path": "claims.4", "section": "claims",
         "label": "a representative of Russia's Hmeymim airbase in western Syria denied that any soldiers had been "
                  "captured", "decision": None, "decided_by": None, "record": None},
    ],
    "payload": {"media_item": {"title_suggestion": "Amaq video: Zabolotny Roman, Tsurkanov Gregory"}, "claims": []},
    "decisions": {}, "created_at": "2024-05-02T09:00:00Z", "updated_at": "2024-05-02T09:00:00Z",
}


class ReportIngestViewSet(DeskAccess, viewsets.GenericViewSet):
    """Bring a scraped report in: it is kept as received and read into a draft that waits for an analyst."""

    serializer_class = desk.ReportIngestSerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    filter_backends = []

    @extend_schema(
        request={"application/json": desk.ReportIngestSerializer, "multipart/form-data": desk.ReportIngestSerializer},
        responses={201: desk.ReportDraftSerializer, 200: desk.ReportDraftSerializer},
        examples=[
            OpenApiExample(
                "Pasted text", request_only=True, media_type="application/json",
                value={"raw_text": "Isis releases video of captured Russian soldiers …", "url": "", "tlp": "amber"},
            ),
            OpenApiExample("A new draft", value=DRAFT_EXAMPLE, response_only=True, status_codes=["201"]),
            OpenApiExample("The draft of the same text, ingested before", response_only=True, status_codes=["200"],
                           value={**DRAFT_EXAMPLE, "status": "partially_accepted"}),
        ],
    )
    def create(self, request):
        """Ingest a report as text (JSON) or as a .txt file (multipart). 201 with its draft; the same text again
        answers 200 with the draft made the first time. Unreadable input is a 400 with the reason."""
        intake = self.get_serializer(data=request.data)
        intake.is_valid(raise_exception=True)
        received = intake.validated_data
        try:
            draft, created = desk.ingest(received["text"], url=received["url"], tlp=received["tlp"], user=request.user)
        except DjangoValidationError as refused:
            # The workflow names the text `raw_text`; the caller may have sent it as `file`.
            raise ValidationError({received["source"]: refused.messages}) from refused
        return Response(
            desk.ReportDraftSerializer(draft, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class ReportDraftFilterSet(django_filters.FilterSet):
    class Meta:
        model = ReportDraft
        fields = ["status", "media_item", "report"]


DECISION_EXAMPLES = [
    OpenApiExample("Some parts", value={"paths": ["media_item", "identities.0", "claims.3"]}, request_only=True),
    OpenApiExample("Every undecided part", value={}, request_only=True),
]


class ReportDraftViewSet(DeskRecordViewSet):
    """Drafts read from reports; nothing in one reaches the catalogue until an analyst accepts it."""

    queryset = ReportDraft.objects.select_related("report__outlet", "media_item", "decided_by")
    serializer_class = desk.ReportDraftSerializer
    filterset_class = ReportDraftFilterSet
    ordering_fields = ["created_at", "updated_at"]

    @extend_schema(request=desk.DraftDecisionSerializer, responses={200: desk.ReportDraftSerializer},
                   examples=DECISION_EXAMPLES)
    @action(detail=True, methods=["post"], serializer_class=desk.DraftDecisionSerializer)
    def accept(self, request, pk=None):
        """Turn the named parts (or every undecided one) into catalogue records; the answer shows what was made."""
        return self.decide(services.accept_draft)

    @extend_schema(request=desk.DraftDecisionSerializer, responses={200: desk.ReportDraftSerializer},
                   examples=DECISION_EXAMPLES)
    @action(detail=True, methods=["post"], serializer_class=desk.DraftDecisionSerializer)
    def reject(self, request, pk=None):
        """Reject the named parts (or every undecided one); nothing is made from them."""
        return self.decide(services.reject_draft)

    def decide(self, workflow):
        draft = self.get_object()
        body = self.get_serializer(data=self.request.data, context={**self.get_serializer_context(), "draft": draft})
        body.is_valid(raise_exception=True)
        workflow(draft, self.request.user, paths=body.validated_data.get("paths"))
        return self.respond_with(draft)


# The review queue


class FindingFilterSet(django_filters.FilterSet):
    class Meta:
        model = Finding
        fields = ["kind", "status", "severity", "media_item", "claim", "sighting", "channel", "person"]


FINDING_EXAMPLE = {
    "id": 5, "kind": "url_taken_down", "severity": "info", "status": "acknowledged",
    "message": "https://t.me/amaqagency/1234 answered 404: the sighting on Telegram @amaqagency was taken down.",
    "detail": {}, "media_item": {"id": 42, "title": "Amaq video: Zabolotny Roman, Tsurkanov Gregory"}, "claim": None,
    "sighting": {"id": 9, "url": "https://t.me/amaqagency/1234"}, "channel": None, "person": None,
    "key": "url-taken-down:sighting:9", "created_at": "2024-05-02T06:00:00Z", "updated_at": "2024-05-02T09:12:00Z",
}


def triage_schema(verb):
    return extend_schema(
        request=None, responses={200: desk.FindingSerializer},
        examples=[OpenApiExample(f"The finding, {verb}", value={**FINDING_EXAMPLE, "status": verb}, response_only=True)],
    )


class FindingViewSet(DeskRecordViewSet):
    """What the background checks noticed, for analysts to triage."""

    queryset = Finding.objects.select_related("media_item", "claim", "sighting", "channel", "person")
    serializer_class = desk.FindingSerializer
    filterset_class = FindingFilterSet
    ordering_fields = ["created_at", "updated_at"]

    @triage_schema("acknowledged")
    @action(detail=True, methods=["post"])
    def acknowledge(self, request, pk=None):
        """Seen and being looked into; the check keeps it up to date. Only an open finding is acknowledged."""
        return self.apply(findings.acknowledge_finding)

    @triage_schema("dismissed")
    @action(detail=True, methods=["post"])
    def dismiss(self, request, pk=None):
        """Not a problem; the check leaves it dismissed."""
        return self.apply(findings.dismiss_finding)

    @triage_schema("resolved")
    @action(detail=True, methods=["post"])
    def resolve(self, request, pk=None):
        """Dealt with; the check leaves it resolved."""
        return self.apply(findings.resolve_finding)


class ReviewApprovalViewSet(DeskAccess, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Four-eyes review: verdicts wait here until a second analyst approves them; then they reach partners."""

    filter_backends = []
    serializer_class = ReviewEventSerializer

    def get_queryset(self):
        return services.awaiting_approval()

    @extend_schema(responses={200: ReviewEventSerializer(many=True)})
    def list(self, request, *args, **kwargs):
        """Verdicts (item authenticity, claim status) awaiting a second analyst's approval, oldest first."""
        return super().list(request, *args, **kwargs)

    @extend_schema(
        request=desk.ReviewApprovalRequestSerializer,
        responses={201: desk.ReviewApprovalSerializer},
        examples=[
            OpenApiExample("Approve a verdict", request_only=True,
                           value={"review_event": 17, "note": "Checked the denial's source against Tass."}),
            OpenApiExample("The approval", response_only=True, status_codes=["201"],
                           value={"id": 3, "review_event": 17, "approver": {"id": 2, "username": "second-analyst"},
                                  "note": "Checked the denial's source against Tass.",
                                  "created_at": "2024-05-02T10:00:00Z"}),
        ],
    )
    def create(self, request):
        """Approve a verdict as a second analyst: refused for one's own verdict, one superseded by a later verdict,
        and one already approved."""
        body = desk.ReviewApprovalRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            approval = services.approve_review(body.validated_data["review_event"], request.user,
                                               note=body.validated_data["note"])
        except DjangoValidationError as refused:
            raise ValidationError({"review_event": refused.messages}) from refused
        return Response(desk.ReviewApprovalSerializer(approval, context=self.get_serializer_context()).data,
                        status=status.HTTP_201_CREATED)


# Variants


class VariantProposalFilterSet(django_filters.FilterSet):
    class Meta:
        model = VariantProposal
        fields = ["status", "media_item", "matched_item"]


PROPOSAL_EXAMPLE = {
    "id": 8, "media_item": {"id": 51, "title": "Re-upload on a mirror channel"},
    "matched_item": {"id": 42, "title": "Amaq video: Zabolotny Roman, Tsurkanov Gregory"},
    "summary": "Re-upload of item 42 (Amaq video: Zabolotny Roman, Tsurkanov Gregory): 94% of frames match, "
               "distance ≤ 12",
    "file_match": {"id": 4, "query_file": 77, "matched_file": 61, "query_match_percent": 94.1,
                   "target_match_percent": 90.3, "best_distance": 12, "method": "vpdq-robust"},
    "status": "confirmed", "decided_by": {"id": 1, "username": "analyst"}, "decided_at": "2024-05-02T10:05:00Z",
    "created_at": "2024-05-02T08:00:00Z",
}


class VariantProposalViewSet(DeskRecordViewSet):
    """'This item is a re-upload of that one', proposed from file matches."""

    queryset = VariantProposal.objects.select_related("media_item", "matched_item", "file_match", "decided_by")
    serializer_class = desk.VariantProposalSerializer
    filterset_class = VariantProposalFilterSet
    ordering_fields = ["created_at", "decided_at"]

    @extend_schema(request=None, responses={200: desk.VariantProposalSerializer},
                   examples=[OpenApiExample("Confirmed", value=PROPOSAL_EXAMPLE, response_only=True)])
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        """The item joins the matched item's family of variants; its sightings join the original's timeline."""
        return self.apply(services.confirm_variant, analyst=request.user)

    @extend_schema(request=None, responses={200: desk.VariantProposalSerializer},
                   examples=[OpenApiExample("Rejected", response_only=True,
                                            value={**PROPOSAL_EXAMPLE, "status": "rejected"})])
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        """Not the same media; the items stay apart."""
        return self.apply(services.reject_variant, analyst=request.user)


# Background checks


class VerificationRunFilterSet(django_filters.FilterSet):
    class Meta:
        model = VerificationRun
        fields = ["kind", "status", "media_item"]


class VerificationRunViewSet(mixins.CreateModelMixin, DeskRecordViewSet):
    """Runs of the background checks (timeline, identity, liveness, re-matching); create one to queue it."""

    queryset = VerificationRun.objects.select_related("media_item")
    serializer_class = desk.VerificationRunSerializer
    filterset_class = VerificationRunFilterSet
    ordering_fields = ["created_at", "finished_at"]

    @extend_schema(
        examples=[
            OpenApiExample("Check one item's sighting URLs", request_only=True,
                           value={"kind": "liveness", "media_item": 42}),
            OpenApiExample("Queued", response_only=True, status_codes=["201"], value={
                "id": 30, "kind": "liveness", "media_item": {"id": 42, "title": "Amaq video"}, "status": "pending",
                "attempts": 0, "error": "", "result": {}, "created_at": "2024-05-02T10:10:00Z", "enqueued_at": None,
                "started_at": None, "finished_at": None,
            }),
        ],
    )
    def create(self, request, *args, **kwargs):
        """Queue a run for a worker: of the whole catalogue, or of one item."""
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer):
        serializer.instance = services.request_verification(
            serializer.validated_data["kind"], serializer.validated_data.get("media_item")
        )


# Resolution and the claim graph


class PersonCandidatesView(DeskQueryView):
    """Catalogued people an asserted identity may be, best first, with the reasons; nothing is resolved here."""

    serializer_class = desk.PersonCandidateSerializer
    query_serializer_class = desk.PersonCandidateQuerySerializer

    @extend_schema(
        parameters=[desk.PersonCandidateQuerySerializer],
        responses={200: desk.PersonCandidateSerializer(many=True)},
        examples=[OpenApiExample("One likely person", response_only=True, value=[{
            "person": {"id": 3, "canonical_name": "Roman Zabolotny", "birth_year": 1979,
                       "birthplace": {"id": 12, "name": "Rassvet"}},
            "score": 0.912,
            "reasons": ["name 'Zabolotny Roman' is like 'Roman Zabolotny' (similarity 1.00, word order ignored)",
                        "born 1979 as stated"],
        }])],
    )
    def get(self, request):
        wanted = self.query()
        candidates = services.person_candidates(wanted["identity_assertion"], limit=wanted["limit"])
        return Response(self.get_serializer(candidates, many=True).data)


class PlaceResolutionView(DeskQueryView):
    """Gazetteer places a name as written may mean; POST one to make it (and what contains it) a catalogue place."""

    serializer_class = desk.GazetteerCandidateSerializer
    query_serializer_class = desk.PlaceQuerySerializer

    @extend_schema(
        parameters=[desk.PlaceQuerySerializer],
        responses={200: desk.GazetteerCandidateSerializer(many=True)},
        examples=[
            OpenApiExample("As transcribed", value="Rustav Oblast in Aksaysk District in the village of Rassvet",
                           parameter_only=("q", "query")),
            OpenApiExample("Candidates", response_only=True, value=[{
                "gazetteer_id": "gn:503521", "name": "Rassvet", "kind": "village", "country_code": "RU",
                "subdivision_code": "RU-ROS", "latitude": 47.3347, "longitude": 40.0425,
                "parents": ["Aksaysky District", "Rostov Oblast", "Russia"], "score": 0.94, "confident": True,
                "matched_alias": "rassvet", "place": None,
            }]),
        ],
    )
    def get(self, request):
        wanted = self.query()
        try:
            candidates = get_gazetteer().resolve(
                wanted["q"], country_hint=wanted.get("country"), kind_hint=wanted.get("kind"), limit=wanted["limit"]
            )
        except ValueError as unreadable:
            raise ValidationError({"q": [str(unreadable)]}) from unreadable
        return Response(self.get_serializer(desk.with_catalogue_place(candidates), many=True).data)

    @extend_schema(
        request=desk.GazetteerPlaceRequestSerializer,
        responses={201: PlaceSerializer, 200: PlaceSerializer},
        examples=[OpenApiExample("A candidate", value={"gazetteer_id": "gn:503521"}, request_only=True)],
    )
    def post(self, request):
        """The catalogue place for a gazetteer entry, with its parents: 201 when made now, 200 when it existed."""
        body = desk.GazetteerPlaceRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        gazetteer_id = body.validated_data["gazetteer_id"]
        existed = Place.objects.filter(gazetteer_id=gazetteer_id).exists()
        place = services.place_from_gazetteer(gazetteer_id)
        return Response(PlaceSerializer(place, context=self.get_serializer_context()).data,
                        status=status.HTTP_200_OK if existed else status.HTTP_201_CREATED)


class ClaimGraphView(DeskQueryView):
    """Who asserts and who denies what about an item, and when (catalog.services.claim_graph)."""

    serializer_class = desk.ClaimGraphSerializer
    query_serializer_class = desk.ClaimGraphQuerySerializer

    @extend_schema(
        parameters=[desk.ClaimGraphQuerySerializer],
        responses={200: desk.ClaimGraphSerializer},
        examples=[OpenApiExample("A claim and its denial", response_only=True, value={
            "media_item": {"id": 42, "title": "Amaq video: Zabolotny Roman, Tsurkanov Gregory"},
            "claims": [
                {"id": 7, "text": "Isis first claimed Thursday it had captured two Russian soldiers …",
                 "kind": "capture", "role": "assertion", "claimant": "Isis",
                 "claimant_organization": {"id": 5, "name": "Isis"}, "claimant_person": None,
                 "stated_on": "2017-09-28", "status": "unstarted", "standing": "disputed", "in_item": True,
                 "media_item": 42, "report": {"id": 31, "title": "Isis releases video …"},
                 "incoming": [{"id": 2, "relation": "denies", "source": 8, "target": 7, "note": ""}], "outgoing": []},
                {"id": 8, "text": "a representative of Russia's Hmeymim airbase … denied that any soldiers had been "
                                  "captured", "kind": "capture", "role": "denial",
                 "claimant": "a representative of Russia's Hmeymim airbase in western Syria",
                 "claimant_organization": None, "claimant_person": None, "stated_on": "2017-09-28",
                 "status": "unstarted", "standing": "unstarted", "in_item": True, "media_item": 42,
                 "report": {"id": 31, "title": "Isis releases video …"}, "incoming": [],
                 "outgoing": [{"id": 2, "relation": "denies", "source": 8, "target": 7, "note": ""}]},
            ],
        })],
    )
    def get(self, request):
        wanted = self.query()
        return Response(self.get_serializer(claim_graph(wanted["media_item"])).data)
