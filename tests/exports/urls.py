"""The project's URLs with the export endpoints included, as config/urls.py will once the lead wires them.

Including them a second time after that is harmless: the first match answers and the names are the same.
"""

from django.contrib import admin
from django.urls import include, path

from config.urls import api_v1

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include(([*api_v1, path("", include("catalog.api.export_urls"))], "api-v1"))),
]
