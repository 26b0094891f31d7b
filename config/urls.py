from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from catalog.api.docs import DocsView, SchemaView
from config import health, metrics

api_v1 = [
    path("", include("catalog.api.desk_urls")),
    path("", include("catalog.api.urls")),
    path("", include("catalog.api.export_urls")),
    path("", include("provenance.api.urls")),
    # Both read with the API's credentials, API keys included (catalog/api/docs.py).
    path("schema/", SchemaView.as_view(api_version="v1"), name="schema"),
    # Swagger UI with its init script served as a file, so it runs under the Content-Security-Policy.
    path("docs/", DocsView.as_view(url_name="api-v1:schema"), name="docs"),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include((api_v1, "api-v1"))),
    path("health/", health.health, name="health"),
    path("health/live/", health.live, name="health-live"),
    # Prometheus's default path; closed unless the operations token or an allowed network (config/metrics.py).
    path("metrics", metrics.metrics, name="metrics"),
    # The analysts' workspace (catalog/workspace/); the site's front page leads there.
    path("desk/", include("catalog.workspace.urls")),
    # The hash list in Tech Against Terrorism's API shape, for Hasher-Matcher-Actioner (catalog/api/hashlist.py).
    path("hma/tat/", include("catalog.api.hashlist")),
    path("", RedirectView.as_view(pattern_name="workspace:queue", permanent=False), name="home"),
]

