from rest_framework.permissions import SAFE_METHODS, BasePermission

from catalog.policies import access, audit


class IsAnalyst(BasePermission):
    """Only analysts read or write; anonymous callers get nothing."""

    def has_permission(self, request, view):
        return access.is_analyst(request.user)


class ReadOnly(BasePermission):
    def has_permission(self, request, view):
        return request.method in SAFE_METHODS


class CatalogAccess(BasePermission):
    """Analysts may do whatever the view offers. Partners may read views that declare `partner_readable`
    (and use the extra methods a view lists in `partner_methods`, e.g. a lookup by upload); any other write
    is refused (403), except where the view has no such method at all (405). Everyone else is refused.
    A partner let in starts the request's disclosure audit (catalog.policies.audit)."""

    def has_permission(self, request, view):
        caller = access.caller_of(request)
        if caller.is_analyst:
            return True
        if not (caller.is_partner and getattr(view, "partner_readable", False)):
            return False
        method = request.method
        allowed = method in SAFE_METHODS or method in getattr(view, "partner_methods", ()) or not _offers(view, method)
        if allowed:
            audit.start(caller, method, request.get_full_path())
        return allowed


def _offers(view, method):
    """Whether the view answers `method` at this URL (a viewset binds only its route's methods)."""
    return method.lower() in view.http_method_names and hasattr(view, method.lower())
