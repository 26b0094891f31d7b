"""Which representation a caller gets: the browsable API (HTML) is for analysts; everyone else gets JSON.

The browsable API is a tool of the desk: its forms show a list's filters (with the choices of related records,
e.g. media item titles whatever their TLP) and example bodies for writes. Partners and anonymous callers are
never offered it: ``CallerContentNegotiation`` drops the browsable renderer for them before negotiating, and a
request that would have had it (``Accept: text/html``, as a browser sends) is answered JSON instead of 406, so a
partner who opens an endpoint in a browser with its key still reads the answer. Any other media type nothing
offers stays a 406.

``BrowsableAPIRenderer`` fixes two server errors of DRF's:

* for views that answer a list but are not a model's list (the feed, lookup, the desk's queries), DRF renders a
  filter form for any list-shaped answer and asks the view for its queryset, which such views do not have (an
  AssertionError). A filter form belongs to views that filter;
* a form re-rendered with what was posted (the 400 of an invalid POST) parses a date-time field's text to show it
  back, and raises ValueError on text that is no date-time: the field is then shown empty (the error says why).
"""

from rest_framework import renderers, serializers
from rest_framework.exceptions import NotAcceptable
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.utils.mediatypes import media_type_matches
from rest_framework.utils.serializer_helpers import BoundField

from catalog.policies import access


class HTMLFormRenderer(renderers.HTMLFormRenderer):
    def render_field(self, field, parent_style):
        try:
            return super().render_field(field, parent_style)
        except ValueError:
            if not isinstance(getattr(field, "_field", None), serializers.DateTimeField):
                raise
            return super().render_field(BoundField(field._field, None, field.errors, field._prefix), parent_style)


class BrowsableAPIRenderer(renderers.BrowsableAPIRenderer):
    form_renderer_class = HTMLFormRenderer

    def get_filter_form(self, data, view, request):
        if not getattr(view, "filter_backends", None):  # DRF would ask for a queryset first, then find no form
            return None
        return super().get_filter_form(data, view, request)


class CallerContentNegotiation(DefaultContentNegotiation):
    def select_renderer(self, request, renderers, format_suffix=None):
        if _is_analyst(request):
            return super().select_renderer(request, renderers, format_suffix)
        offered = [renderer for renderer in renderers if not _is_browsable(renderer)]
        try:
            return super().select_renderer(request, offered, format_suffix)
        except NotAcceptable:
            if len(offered) == len(renderers) or not offered or not _accepts_html(request):
                raise
            return offered[0], offered[0].media_type


def _is_analyst(request):
    # Authenticates the request now if the view has not yet (negotiation comes first in DRF's APIView.initial).
    return access.caller_of(request).is_analyst


def _is_browsable(renderer):
    return isinstance(renderer, renderers.BrowsableAPIRenderer)


def _accepts_html(request):
    accepted = [token.strip() for token in request.META.get("HTTP_ACCEPT", "").split(",")]
    return any(token and media_type_matches("text/html", token) for token in accepted)
