from rest_framework.routers import DefaultRouter

from provenance.api import views

router = DefaultRouter()
# The catalogue's router already serves the API root at this same path.
router.include_root_view = False
router.register("media-files", views.MediaFileViewSet, basename="media-files")
router.register("enrichment-jobs", views.EnrichmentJobViewSet, basename="enrichment-jobs")

urlpatterns = router.urls
