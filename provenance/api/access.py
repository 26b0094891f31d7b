"""Who may read evidence through the API, decided by the app that links evidence to its records.

Provenance knows files, not claims or partners, and never imports the catalogue. Yet whether a partner may
see a stored file depends on the catalogue items it belongs to. So the catalogue registers an access policy
here when it starts (catalog.apps → catalog.api.evidence_policy.EvidencePolicy), and the evidence viewsets ask it:

* ``authentication_classes``, ``permission_classes``, ``throttle_classes``: the API's access layer;
* ``visible(request, queryset)``: the rows of ``queryset`` the caller may see (it may annotate them);
* ``shows_internals(context)``: whether the serializer context belongs to an analyst, who also sees the desk's
  internal fields (a file's original name, its enrichment jobs);
* ``record_read(context, instance)``: the instance was serialized for the caller (for the access audit);
* ``request_finished(request, response)``: the response is final (the audit is written then);
* ``is_graphic(media_file)``, ``may_see_graphic(request)``, ``log_unblurred(request, derived_file)``: whether a
  file's pictures are graphic (served blurred by default), whether the caller may ask for them unblurred, and
  the log of every unblurred picture of a graphic file sent;
* ``log_original(request, media_file, graphic)``: a file's original bytes are about to be sent (the whole audit of
  that fetch: the policy decides what to record, e.g. every partner's fetch and every graphic one).

Views declare ``partner_readable = True`` when callers from outside the desk (partners) may read them.
Without a registered policy, the evidence API keeps DRF's configured defaults and shows everything to whoever
those let in (the analysts).
"""

from rest_framework.settings import api_settings

_policy = None


def register(policy):
    global _policy
    _policy = policy


def policy():
    return _policy


def shows_internals(context):
    return _policy is None or _policy.shows_internals(context)


def record_read(context, instance):
    if _policy is not None:
        _policy.record_read(context, instance)


def is_graphic(media_file):
    return _policy is not None and _policy.is_graphic(media_file)


def may_see_graphic(request):
    return _policy is None or _policy.may_see_graphic(request)


def log_unblurred(request, derived_file):
    if _policy is not None:
        _policy.log_unblurred(request, derived_file)


def log_original(request, media_file, graphic):
    if _policy is not None:
        _policy.log_original(request, media_file, graphic)


def visible(request, queryset):
    return queryset if _policy is None else _policy.visible(request, queryset)


class AccessPolicyMixin:
    """Takes the registered policy's access layer and row visibility (a declarative viewset stays declarative)."""

    partner_readable = False

    def _policy_classes(self, name):
        return getattr(_policy, name) if _policy is not None else getattr(api_settings, f"DEFAULT_{name.upper()}")

    def get_authenticators(self):
        return [cls() for cls in self._policy_classes("authentication_classes")]

    def get_permissions(self):
        return [cls() for cls in self._policy_classes("permission_classes")]

    def get_throttles(self):
        return [cls() for cls in self._policy_classes("throttle_classes")]

    def get_queryset(self):
        return visible(self.request, super().get_queryset())

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if _policy is not None:
            _policy.request_finished(request, response)
        return response
