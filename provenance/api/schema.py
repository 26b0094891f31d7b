"""The API's OpenAPI schema also documents its error answers, so a client (or schemathesis) knows every status
code an operation may return: 401/403 when refused, 429 when throttled, 400 for a bad filter or body, 404 for a
record that does not exist or is not visible to the caller (the two are answered alike), 409 for a delete that
other records prevent."""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    """An error: what went wrong, in words."""

    detail = serializers.CharField()


class ValidationErrorSerializer(serializers.Serializer):
    """A refused request: each offending field or filter with its messages (non_field_errors for the whole)."""

    non_field_errors = serializers.ListField(child=serializers.CharField(), required=False)


ERRORS = {
    "400": OpenApiResponse(ValidationErrorSerializer, "The request, a filter or the body was invalid."),
    "401": OpenApiResponse(ErrorSerializer, "No valid credentials: log in, send a token or a valid API key."),
    "403": OpenApiResponse(ErrorSerializer, "These credentials may not do this."),
    "404": OpenApiResponse(ErrorSerializer, "No such record, or none visible at the caller's clearance."),
    "405": OpenApiResponse(ErrorSerializer, "The method is not offered here."),
    "409": OpenApiResponse(ErrorSerializer, "Other records still refer to it."),
    "413": OpenApiResponse(ErrorSerializer, "The uploaded file is too large."),
    "429": OpenApiResponse(ErrorSerializer, "Too many requests for this key; retry after the Retry-After seconds."),
}


class DocumentedErrorsAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code in self._error_codes():
            if code not in responses:
                responses[code] = self._get_response_for_code(ERRORS[code], code, direction=direction)
        return responses

    def _error_codes(self):
        codes = ["401", "403", "429"]
        if self.method != "DELETE" and (self.method != "GET" or self.get_filter_backends() or self._has_query()
                                        or self._is_paged()):
            codes.append("400")
        if "{" in self.path:
            codes.append("404")
        if self.method == "DELETE":
            codes.append("409")
        if self._accepts_uploads():
            codes.append("413")
        return codes

    def _is_paged(self):
        # A paged list refuses a cursor of another list and an offset past the cap (provenance/api/pagination.py).
        return self._is_list_view() and self._get_paginator() is not None

    def _has_query(self):
        return bool(getattr(self.view, "query_serializer_class", None))

    def _accepts_uploads(self):
        # Upload endpoints take multipart bodies only; the API's other writes also accept JSON.
        media_types = {parser.media_type for parser in self.view.get_parsers()}
        return self.method == "POST" and media_types == {"multipart/form-data"}

    def _get_response_headers_for_code(self, status_code, direction="response"):
        headers = super()._get_response_headers_for_code(status_code, direction)
        if str(status_code) == "429":
            headers = {
                **(headers or {}),
                "Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait before retrying."},
            }
        return headers
