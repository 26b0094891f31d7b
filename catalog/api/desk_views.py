"""The verification desk's endpoints: analysts only.

Partners never read or write here, whatever their clearance: every view sets ``permission_classes`` to IsAnalyst
and uses it in place of the access policy's (catalog.api.evidence_policy.EvidencePolicy), whose authentication and
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
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from catalog import services
from catalog.api import desk_serializers as desk
from catalog.api import examples
from catalog.api.filters import FILTER_BACKENDS
from catalog.api.parsers import BoundedJSONParser
from catalog.api.permissions import IsAnalyst
from catalog.api.serializers import PlaceSerializer, ReviewEventSerializer
from catalog.choices import ReviewOutcome
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
    pagination_class = None  # answers a whole list, never a page: the schema must not promise one

    def query(self):
        """The validated query parameters (400 with per-parameter messages when invalid)."""
        parameters = self.query_serializer_class(data=self.request.query_params)
        parameters.is_valid(raise_exception=True)
        return parameters.validated_data


# Reports coming in


class ReportIngestViewSet(DeskAccess, viewsets.GenericViewSet):
    """Bring a scraped report in: it is kept as received and read into a draft that waits for an analyst."""

    serializer_class = desk.ReportIngestSerializer
    parser_classes = [BoundedJSONParser, MultiPartParser, FormParser]
    filter_backends = []

    @extend_schema(
        request={"application/json": desk.ReportIngestSerializer, "multipart/form-data": desk.ReportIngestSerializer},
        responses={201: desk.ReportDraftSerializer, 200: desk.ReportDraftSerializer},
        examples=[
            OpenApiExample("Pasted text", request_only=True, media_type="application/json",
                           value=examples.REPORT_INGEST_REQUEST),
            OpenApiExample("A new draft", value=examples.REPORT_DRAFT, response_only=True, status_codes=["201"]),
            OpenApiExample("The draft of the same text ingested before", response_only=True, status_codes=["200"],
                           value=examples.ACCEPTED_DRAFT),
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


EVERY_UNDECIDED_PART = OpenApiExample("Every undecided part", value={}, request_only=True)


class ReportDraftViewSet(DeskRecordViewSet):
    """Drafts read from reports; nothing in one reaches the catalogue until an analyst accepts it."""

    queryset = ReportDraft.objects.select_related("report__outlet", "media_item", "decided_by")
    serializer_class = desk.ReportDraftSerializer
    filterset_class = ReportDraftFilterSet
    ordering_fields = ["created_at", "updated_at"]

    @extend_schema(
        request=desk.DraftDecisionSerializer, responses={200: desk.ReportDraftSerializer},
        examples=[
            OpenApiExample("Some parts", value=examples.ACCEPT_REQUEST, request_only=True), EVERY_UNDECIDED_PART,
            OpenApiExample("Those parts accepted", value=examples.ACCEPTED_DRAFT, response_only=True),
        ],
    )
    @action(detail=True, methods=["post"], serializer_class=desk.DraftDecisionSerializer)
    def accept(self, request, pk=None):
        """Turn the named parts (or every undecided one) into catalogue records; the answer shows what was made."""
        return self.decide(services.accept_draft)

    @extend_schema(
        request=desk.DraftDecisionSerializer, responses={200: desk.ReportDraftSerializer},
        examples=[
            OpenApiExample("A part", value=examples.REJECT_REQUEST, request_only=True), EVERY_UNDECIDED_PART,
            OpenApiExample("That part rejected", value=examples.REJECTED_DRAFT, response_only=True),
        ],
    )
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


def triage_schema(verb):
    return extend_schema(
        request=None, responses={200: desk.FindingSerializer},
        examples=[OpenApiExample(f"The finding {verb}", value={**examples.FINDING, "status": verb}, response_only=True)],
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
            OpenApiExample("Approve a verdict", request_only=True, value=examples.REVIEW_APPROVAL_REQUEST),
            OpenApiExample("The approval", response_only=True, status_codes=["201"], value=examples.REVIEW_APPROVAL),
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


class ReviewDecisionViewSet(DeskAccess, viewsets.GenericViewSet):
    """Four-eyes review: reject or send back a colleague's verdict, or withdraw one's own."""

    serializer_class = desk.ReviewDecisionSerializer
    DECIDE = {
        ReviewOutcome.REJECTED: services.reject_review,
        ReviewOutcome.SENT_BACK: services.send_back_review,
        ReviewOutcome.WITHDRAWN: services.withdraw_review,
    }

    @extend_schema(
        request=desk.ReviewDecisionRequestSerializer,
        responses={201: desk.ReviewDecisionSerializer},
        examples=[
            OpenApiExample("Send a verdict back", request_only=True, value=examples.REVIEW_DECISION_REQUEST),
            OpenApiExample("The decision", response_only=True, status_codes=["201"], value=examples.REVIEW_DECISION),
        ],
    )
    def create(self, request):
        """Refused for one's own verdict (reject, send back) or a colleague's (withdraw), without a comment where one
        is needed, and for a verdict already approved, rejected, withdrawn or superseded."""
        body = desk.ReviewDecisionRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        try:
            decision = self.DECIDE[data["outcome"]](data["review_event"], request.user, data["comment"])
        except DjangoValidationError as refused:
            raise ValidationError({"review_event": refused.messages}) from refused
        return Response(desk.ReviewDecisionSerializer(decision, context=self.get_serializer_context()).data,
                        status=status.HTTP_201_CREATED)


# Variants


class VariantProposalFilterSet(django_filters.FilterSet):
    class Meta:
        model = VariantProposal
        fields = ["status", "media_item", "matched_item"]


class VariantProposalViewSet(DeskRecordViewSet):
    """'This item is a re-upload of that one', proposed from file matches."""

    queryset = VariantProposal.objects.select_related("media_item", "matched_item", "file_match", "decided_by")
    serializer_class = desk.VariantProposalSerializer
    filterset_class = VariantProposalFilterSet
    ordering_fields = ["created_at", "decided_at"]

    @extend_schema(request=None, responses={200: desk.VariantProposalSerializer},
                   examples=[OpenApiExample("Confirmed", value=examples.CONFIRMED_PROPOSAL, response_only=True)])
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        """The item joins the matched item's family of variants; its sightings join the original's timeline."""
        return self.apply(services.confirm_variant, analyst=request.user)

    @extend_schema(request=None, responses={200: desk.VariantProposalSerializer},
                   examples=[OpenApiExample("Rejected", value=examples.REJECTED_PROPOSAL, response_only=True)])
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
            OpenApiExample("Check the sighting URLs of one item", request_only=True,
                           value=examples.VERIFICATION_RUN_REQUEST),
            OpenApiExample("Queued", response_only=True, status_codes=["201"], value=examples.QUEUED_RUN),
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
    )
    def get(self, request):
        wanted = self.query()
        try:
            candidates = services.person_candidates(wanted["identity_assertion"], limit=wanted["limit"])
        except ValueError as unnamed:  # the assertion's name is empty once normalised: nothing to compare
            raise ValidationError({"identity_assertion": [str(unnamed)]}) from unnamed
        return Response(self.get_serializer(candidates, many=True).data)


class PlaceResolutionView(DeskQueryView):
    """Gazetteer places a name as written may mean; POST one to make it (and what contains it) a catalogue place."""

    serializer_class = desk.GazetteerCandidateSerializer
    query_serializer_class = desk.PlaceQuerySerializer

    @extend_schema(
        parameters=[desk.PlaceQuerySerializer],
        responses={200: desk.GazetteerCandidateSerializer(many=True)},
        examples=[OpenApiExample("As transcribed", value=examples.PLACE_AS_TRANSCRIBED, parameter_only=("q", "query"))],
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
    )
    def get(self, request):
        wanted = self.query()
        return Response(self.get_serializer(claim_graph(wanted["media_item"])).data)
