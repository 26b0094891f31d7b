from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from provenance.services import FileTooLarge


def exception_handler(exc, context):
    """Model-level refusals become clear 4xx answers instead of 500s."""
    if isinstance(exc, ProtectedError):
        used_by = sorted({str(obj._meta.verbose_name_plural) for obj in exc.protected_objects})
        return Response(
            {"detail": f"It is still referenced by {', '.join(used_by)}; remove or reassign those first."},
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, FileTooLarge):
        return Response({"detail": exc.messages[0]}, status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = ValidationError(detail)
    elif isinstance(exc, DjangoPermissionDenied) and str(exc):
        return Response({"detail": str(exc)}, status=status.HTTP_403_FORBIDDEN)
    return drf_exception_handler(exc, context)
