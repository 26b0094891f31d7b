from rest_framework.permissions import SAFE_METHODS, BasePermission

ANALYST_GROUP = "analysts"


def is_analyst(user):
    """Analysts are staff members or members of the 'analysts' group."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.is_staff or user.groups.filter(name=ANALYST_GROUP).exists()


class IsAnalyst(BasePermission):
    """Only analysts read or write; anonymous callers get nothing."""

    def has_permission(self, request, view):
        return is_analyst(request.user)


class ReadOnly(BasePermission):
    def has_permission(self, request, view):
        return request.method in SAFE_METHODS
