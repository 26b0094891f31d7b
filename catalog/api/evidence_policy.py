"""The API's access layer, registered with the evidence API (provenance.api.access) when the catalogue starts.

It only wires the API to the policies: who may see what is catalog.policies.access, what is recorded of what
left is catalog.policies.audit.
"""

from catalog.policies import access, audit


class EvidencePolicy:
    @property
    def authentication_classes(self):
        from .authentication import CALLER_AUTHENTICATION

        return CALLER_AUTHENTICATION

    @property
    def permission_classes(self):
        from .permissions import CatalogAccess

        return [CatalogAccess]

    @property
    def throttle_classes(self):
        from .throttling import PARTNER_THROTTLES

        return PARTNER_THROTTLES

    def visible(self, request, queryset):
        return access.visible(access.caller_of(request), queryset)

    def shows_internals(self, context):
        return access.caller_in(context).is_analyst

    def record_read(self, context, instance):
        audit.disclosed(access.caller_in(context), instance)

    def is_graphic(self, media_file):
        return access.is_graphic_file(media_file.pk)

    def may_see_graphic(self, request):
        return access.caller_of(request).may_see_graphic

    def log_unblurred(self, request, derived_file):
        audit.unblurred_sent(
            access.caller_of(request), request.method, request.get_full_path(), derived_file, user=request.user
        )

    def log_original(self, request, media_file, graphic):
        audit.original_sent(
            access.caller_of(request), request.method, request.get_full_path(), media_file, graphic, user=request.user
        )

    def request_finished(self, request, response):
        audit.request_finished(getattr(request, "caller", None), response)
