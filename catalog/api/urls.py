from django.urls import path
from rest_framework.routers import DefaultRouter

from catalog.api import feed, lookup, search, views
from provenance.api.access import AccessPolicyMixin


class APIRootView(AccessPolicyMixin, DefaultRouter.APIRootView):
    # The index of endpoints; partners may read it too (it names routes, not records).
    partner_readable = True


router = DefaultRouter()
router.APIRootView = APIRootView
router.register("media-items", views.MediaItemViewSet, basename="media-items")
router.register("sightings", views.SightingViewSet, basename="sightings")
router.register("channels", views.ChannelViewSet, basename="channels")
router.register("organizations", views.OrganizationViewSet, basename="organizations")
router.register("people", views.PersonViewSet, basename="people")
router.register("identity-assertions", views.IdentityAssertionViewSet, basename="identity-assertions")
router.register("claims", views.ClaimViewSet, basename="claims")
router.register("claim-links", views.ClaimLinkViewSet, basename="claim-links")
router.register("places", views.PlaceViewSet, basename="places")
router.register("reports", views.ReportViewSet, basename="reports")
router.register("quotes", views.QuoteViewSet, basename="quotes")
router.register("tags", views.TagViewSet, basename="tags")
router.register("review-events", views.ReviewEventViewSet, basename="review-events")

urlpatterns = [
    *router.urls,
    path("lookup/", lookup.LookupView.as_view(), name="lookup"),
    path("feed/", feed.FeedView.as_view(), name="feed"),
    path("feed/stix/", feed.FeedExportView.as_view(export_format="stix"), name="feed-stix"),
    path("feed/misp/", feed.FeedExportView.as_view(export_format="misp"), name="feed-misp"),
    path("feed/claimreview/", feed.FeedExportView.as_view(export_format="claimreview"), name="feed-claimreview"),
    path("me/", views.CallerView.as_view(), name="me"),
    path("search/", search.SearchView.as_view(), name="search"),
]
