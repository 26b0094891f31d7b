from rest_framework.routers import DefaultRouter

from catalog.api import views

router = DefaultRouter()
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

urlpatterns = router.urls
