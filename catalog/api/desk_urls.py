"""Routes of the verification desk (catalog.api.desk_views), under /api/v1/ with the rest of the API.

Included before catalog.api.urls: `reports/ingest/` would otherwise be taken for the detail of a report called
"ingest". A SimpleRouter, so the catalogue's router keeps the API root.
"""

from django.urls import path
from rest_framework.routers import SimpleRouter

from catalog.api import desk_views

router = SimpleRouter()
router.register("reports/ingest", desk_views.ReportIngestViewSet, basename="report-ingest")
router.register("report-drafts", desk_views.ReportDraftViewSet, basename="report-drafts")
router.register("findings", desk_views.FindingViewSet, basename="findings")
router.register("review-approvals", desk_views.ReviewApprovalViewSet, basename="review-approvals")
router.register("review-decisions", desk_views.ReviewDecisionViewSet, basename="review-decisions")
router.register("variant-proposals", desk_views.VariantProposalViewSet, basename="variant-proposals")
router.register("verification-runs", desk_views.VerificationRunViewSet, basename="verification-runs")

urlpatterns = [
    *router.urls,
    path("person-candidates/", desk_views.PersonCandidatesView.as_view(), name="person-candidates"),
    path("place-resolution/", desk_views.PlaceResolutionView.as_view(), name="place-resolution"),
    path("claim-graph/", desk_views.ClaimGraphView.as_view(), name="claim-graph"),
]
