"""Export endpoints; config/urls.py includes them in the api-v1 namespace."""

from django.urls import path

from catalog.api.bundle_views import MediaItemBundleView, SelectionBundleView
from catalog.api.export_views import MediaItemExportView

urlpatterns = [
    path(
        f"media-items/<int:pk>/export/{export_format}/",
        MediaItemExportView.as_view(export_format=export_format),
        name=f"media-item-export-{export_format}",
    )
    for export_format in ("stix", "misp", "claimreview")
] + [
    # Court bundles (ZIP): catalog/api/bundle_views.py.
    path("media-items/<int:pk>/bundle/", MediaItemBundleView.as_view(), name="media-item-bundle"),
    path("bundles/", SelectionBundleView.as_view(), name="bundles"),
]
