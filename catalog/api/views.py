"""Catalogue endpoints. Analysts read and write; partners read what their clearance lets them see
(catalog.policies.access decides, in every queryset), except the review history, which is the desk's own.
Verification values change only through the review actions, which call catalog.services and answer with the
recorded ReviewEvent."""

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import generics, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from catalog import filtersets, services
from catalog.api import examples, serializers
from catalog.policies import access
from catalog.services import web_archives
from catalog.api.filters import FILTER_BACKENDS
from catalog.models import (
    Channel,
    Claim,
    ClaimLink,
    IdentityAssertion,
    ItemFile,
    MediaItem,
    Organization,
    Person,
    Place,
    Quote,
    Report,
    ReviewEvent,
    Sighting,
    Tag,
)
from provenance.api.access import AccessPolicyMixin
from provenance.api.pagination import ListPagination
from provenance.api.schema import DocumentedErrorsAutoSchema


def record_review(view, review, subject):
    """Validate the action's body, apply `review` (a catalog.services function) and answer with its event."""
    body = view.get_serializer(data=view.request.data)
    body.is_valid(raise_exception=True)
    event = review(subject, analyst=view.request.user, **body.validated_data)
    return Response(
        serializers.ReviewEventSerializer(event, context=view.get_serializer_context()).data,
        status=status.HTTP_201_CREATED,
    )


def archive_page(view, **subject):
    """Queue a web archive of the subject's page (catalog.services.web_archives) and answer with the job."""
    capture = web_archives.request_web_archive(user=view.request.user, **subject)
    return Response(serializers.WebArchiveCaptureSerializer(capture).data, status=status.HTTP_202_ACCEPTED)


def archive_schema(example_name, example):
    """The schema of an archive action: no body in, the queued job out (analysts only: a partner's POST is 403)."""
    return extend_schema(
        request=None, responses={202: serializers.WebArchiveCaptureSerializer},
        examples=[OpenApiExample(example_name, value=example, response_only=True, status_codes=["202"])],
    )


def is_read(view):
    """Whether the view's request only reads (a schema generator's view has no request: it reads)."""
    return getattr(view.request, "method", "GET") in ("GET", "HEAD")


def read_summaries_only(view, rows):
    """`rows` narrowed to serializers.summary_columns on a read; a write keeps whole rows (it may save them)."""
    return rows.only(*serializers.summary_columns(rows)) if is_read(view) else rows


class CatalogViewSet(AccessPolicyMixin, viewsets.ModelViewSet):
    # Authentication, permission (CatalogAccess), throttling and row visibility come from the access policy
    # (catalog.api.evidence_policy.EvidencePolicy, registered for the whole API); partners may read these views.
    partner_readable = True
    filter_backends = FILTER_BACKENDS
    pagination_class = ListPagination
    schema = DocumentedErrorsAutoSchema()


class MediaItemViewSet(CatalogViewSet):
    queryset = MediaItem.objects.select_related("producer", "created_by")
    serializer_class = serializers.MediaItemDetailSerializer
    filterset_class = filtersets.MediaItemFilterSet
    ordering_fields = ["created_at", "claimed_release_at", "first_seen_at", "title"]

    def get_serializer_class(self):
        return serializers.MediaItemSerializer if self.action == "list" else super().get_serializer_class()

    @staticmethod
    def read_with_tags(rows):
        """Items to render, with their tags as plain lists (cheap per row): the list's, the detail's, the feed's."""
        return serializers.with_summaries(rows, "tags")

    def get_queryset(self):
        rows = super().get_queryset()
        # A write keeps Django's prefetch, which DRF drops once the write is saved, so the answer shows the new tags.
        rows = self.read_with_tags(rows) if is_read(self) else rows.prefetch_related("tags")
        if self.action != "retrieve":
            return rows
        # The detail nests claims, identities and files; fetch each kind in one query, only what the caller sees.
        caller = access.caller_of(self.request)
        rows = rows.prefetch_related(
            access.prefetch(
                caller, "claims", Claim.objects.select_related("claimant_organization", "claimant_person", "report")
            ),
            access.prefetch(caller, "identity_assertions", IdentityAssertion.objects.select_related("person")),
            access.prefetch(caller, "files", ItemFile.objects.select_related("media_file", "attached_by")),
        )
        if "enrichment_jobs" in serializers.ItemFileSerializer.withheld_fields(caller):
            return rows  # rendered null for this caller: not read
        return rows.prefetch_related("files__media_file__jobs")

    def perform_create(self, serializer):
        serializer.instance = services.create_item(user=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.update_item(serializer.instance, **serializer.validated_data)

    @extend_schema(
        request=serializers.MediaItemReviewSerializer, responses={201: serializers.ReviewEventSerializer},
        examples=[
            OpenApiExample("Original media content", value=examples.ITEM_REVIEW_REQUEST, request_only=True),
            OpenApiExample("The review recorded", value=examples.ITEM_REVIEW_EVENT, response_only=True),
        ],
    )
    @action(detail=True, methods=["post"], serializer_class=serializers.MediaItemReviewSerializer)
    def review(self, request, pk=None):
        """Set the item's authenticity, with a rationale kept in the review history."""
        return record_review(self, services.review_item_authenticity, self.get_object())

    @extend_schema(
        request={"multipart/form-data": serializers.ItemFileUploadSerializer},
        responses={201: serializers.ItemFileSerializer},
    )
    @action(
        detail=True, methods=["post"], serializer_class=serializers.ItemFileUploadSerializer,
        parser_classes=[MultiPartParser],
    )
    def files(self, request, pk=None):
        """Attach an evidence file; equal bytes are stored once and hashed by a background job."""
        upload = self.get_serializer(data=request.data)
        upload.is_valid(raise_exception=True)
        item_file = services.attach_file(
            self.get_object(), upload.validated_data["file"], upload.validated_data["original_filename"], request.user,
            source={"via": "upload"},
        )
        return Response(
            serializers.ItemFileSerializer(item_file, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )


    @extend_schema(
        request=serializers.UrlCaptureRequestSerializer,
        responses={202: serializers.UrlCaptureSerializer},
        examples=[OpenApiExample("A post that embeds the video", value=examples.CAPTURE_REQUEST, request_only=True),
                  OpenApiExample("The Amaq release post queued", value=examples.URL_CAPTURE, response_only=True,
                                 status_codes=["202"])],
    )
    @action(detail=True, methods=["post"], serializer_class=serializers.UrlCaptureRequestSerializer)
    def captures(self, request, pk=None):
        """Capture media from a URL into the item's evidence; a worker fetches it (yt-dlp, or plain HTTP)."""
        body = self.get_serializer(data=request.data)
        body.is_valid(raise_exception=True)
        capture = services.request_url_capture(self.get_object(), user=request.user, **body.validated_data)
        return Response(serializers.UrlCaptureSerializer(capture).data, status=status.HTTP_202_ACCEPTED)


class SightingViewSet(CatalogViewSet):
    queryset = Sighting.objects.select_related("media_item", "channel", "derived_from__media_item", "place")
    serializer_class = serializers.SightingSerializer
    filterset_class = filtersets.SightingFilterSet
    ordering_fields = ["posted_at", "observed_at", "created_at"]

    def get_queryset(self):
        return read_summaries_only(self, super().get_queryset())

    @archive_schema("The release post queued for archiving", examples.SIGHTING_WEB_ARCHIVE)
    @action(detail=True, methods=["post"])
    def archive(self, request, pk=None):
        """Archive the sighting's page and what it embeds as a WACZ in the evidence locker (a worker fetches it)."""
        return archive_page(self, sighting=self.get_object())


class ChannelViewSet(CatalogViewSet):
    queryset = Channel.objects.select_related("operator")
    serializer_class = serializers.ChannelSerializer
    filterset_class = filtersets.ChannelFilterSet
    ordering_fields = ["platform", "handle", "status", "first_active_at", "created_at"]


class OrganizationViewSet(CatalogViewSet):
    queryset = Organization.objects.select_related("affiliation").prefetch_related("aliases")
    serializer_class = serializers.OrganizationSerializer
    filterset_class = filtersets.OrganizationFilterSet
    ordering_fields = ["name", "kind", "created_at"]


class PersonViewSet(CatalogViewSet):
    queryset = Person.objects.select_related("birthplace").prefetch_related("name_variants")
    serializer_class = serializers.PersonSerializer
    filterset_class = filtersets.PersonFilterSet
    ordering_fields = ["canonical_name", "birth_year", "created_at"]


class IdentityAssertionViewSet(CatalogViewSet):
    queryset = IdentityAssertion.objects.select_related(
        "media_item", "birthplace", "named_by", "person", "resolved_by"
    )
    serializer_class = serializers.IdentityAssertionSerializer
    filterset_class = filtersets.IdentityAssertionFilterSet
    ordering_fields = ["name_as_stated", "timecode", "resolved_at", "created_at"]

    @extend_schema(
        request=serializers.IdentityResolutionSerializer, responses={201: serializers.ReviewEventSerializer},
        examples=[
            OpenApiExample("Roman Zabolotny", value=examples.IDENTITY_RESOLUTION_REQUEST, request_only=True),
            OpenApiExample("The resolution recorded", value=examples.IDENTITY_RESOLUTION_EVENT, response_only=True),
        ],
    )
    @action(detail=True, methods=["post"], serializer_class=serializers.IdentityResolutionSerializer)
    def resolve(self, request, pk=None):
        """Resolve the stated identity to a person (or clear it); what was stated stays as recorded."""
        return record_review(self, services.resolve_identity, self.get_object())


class ClaimViewSet(CatalogViewSet):
    queryset = Claim.objects.select_related(
        "claimant_organization", "claimant_person", "media_item", "report", "place"
    )
    serializer_class = serializers.ClaimSerializer
    filterset_class = filtersets.ClaimFilterSet
    ordering_fields = ["stated_on", "status", "created_at"]

    def get_queryset(self):
        return read_summaries_only(self, super().get_queryset())

    @extend_schema(
        request=serializers.ClaimReviewSerializer, responses={201: serializers.ReviewEventSerializer},
        examples=[
            OpenApiExample("Disputed", value=examples.CLAIM_REVIEW_REQUEST, request_only=True),
            OpenApiExample("The review recorded", value=examples.REVIEW_EVENT, response_only=True),
        ],
    )
    @action(detail=True, methods=["post"], serializer_class=serializers.ClaimReviewSerializer)
    def review(self, request, pk=None):
        """Set the claim's status, with a rationale kept in the review history."""
        return record_review(self, services.review_claim_status, self.get_object())


class ClaimLinkViewSet(CatalogViewSet):
    queryset = ClaimLink.objects.select_related(
        "source__media_item", "source__report", "target__media_item", "target__report"
    )
    serializer_class = serializers.ClaimLinkSerializer
    filterset_class = filtersets.ClaimLinkFilterSet
    ordering_fields = ["relation", "created_at"]


class PlaceViewSet(CatalogViewSet):
    queryset = Place.objects.select_related("parent").prefetch_related("aliases")
    serializer_class = serializers.PlaceSerializer
    filterset_class = filtersets.PlaceFilterSet
    ordering_fields = ["name", "kind", "country_code", "created_at"]


class ReportViewSet(CatalogViewSet):
    queryset = Report.objects.select_related("outlet")
    serializer_class = serializers.ReportSerializer
    filterset_class = filtersets.ReportFilterSet
    ordering_fields = ["published_at", "title", "created_at"]

    @archive_schema("The article queued for archiving", examples.REPORT_WEB_ARCHIVE)
    @action(detail=True, methods=["post"])
    def archive(self, request, pk=None):
        """Archive the report's page and what it embeds as a WACZ in the evidence locker (a worker fetches it)."""
        return archive_page(self, report=self.get_object())


class QuoteViewSet(CatalogViewSet):
    queryset = Quote.objects.select_related("report", "speaker_person", "speaker_organization")
    serializer_class = serializers.QuoteSerializer
    filterset_class = filtersets.QuoteFilterSet
    ordering_fields = ["report", "position"]


class TagViewSet(CatalogViewSet):
    queryset = Tag.objects.all()
    serializer_class = serializers.TagSerializer
    filterset_class = filtersets.TagFilterSet
    ordering_fields = ["name"]


class ReviewEventViewSet(AccessPolicyMixin, viewsets.ReadOnlyModelViewSet):
    """The append-only review history; new events come from the review and resolve actions. Analysts only."""

    queryset = ReviewEvent.objects.select_related("media_item", "claim", "identity_assertion", "analyst")
    serializer_class = serializers.ReviewEventSerializer
    filterset_class = filtersets.ReviewEventFilterSet
    ordering_fields = ["created_at"]
    filter_backends = FILTER_BACKENDS
    pagination_class = ListPagination
    schema = DocumentedErrorsAutoSchema()


class PartnerReadableView(AccessPolicyMixin, generics.GenericAPIView):
    # An endpoint of its own (not a model's): the access policy's layer, readable by partners, no filters.
    partner_readable = True
    filter_backends = []
    schema = DocumentedErrorsAutoSchema()


@extend_schema(
    tags=["me"], responses={200: serializers.CallerSerializer},
    examples=[OpenApiExample("An analyst", value=examples.ANALYST_CALLER),
              OpenApiExample("A partner cleared for green", value=examples.PARTNER_CALLER)],
)
class CallerView(PartnerReadableView):
    """Who the credentials belong to and what they may read: for a partner, its clearance and key."""

    serializer_class = serializers.CallerSerializer

    def get(self, request):
        return Response(self.get_serializer(access.caller_of(request)).data)
