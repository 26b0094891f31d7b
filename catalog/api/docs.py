"""The OpenAPI schema (``/api/v1/schema/``) and its Swagger UI (``/api/v1/docs/``), behind the API's own access layer.

Both take the credentials every endpoint takes (catalog.api.authentication.CALLER_AUTHENTICATION: a partner's API
key, an analyst's session or token), its permission (readable by analysts and partners) and its throttle; an
anonymous caller is refused (401). The schema documents the whole API, whoever reads it.

A browser cannot add the ``Authorization: Api-Key …`` header to a page it opens, nor to the page's own fetch of the
schema, so the Swagger page serves analysts (their session cookie goes along). Partners read the schema with their
key (``curl -H "Authorization: Api-Key …" …/api/v1/schema/?format=json``, or any OpenAPI viewer or client generator
given that header); the docs page answers their key too, for tools that send it.
"""

from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from provenance.api.access import AccessPolicyMixin


class SchemaView(AccessPolicyMixin, SpectacularAPIView):
    partner_readable = True


class DocsView(AccessPolicyMixin, SpectacularSwaggerSplitView):
    partner_readable = True
