"""Keyframes and thumbnails: blurred for graphic media until an analyst reveals one (logged)."""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from catalog.models import (
    MediaItem,
)
from catalog.workspace import media
from catalog.workspace.forms import (
    RevealForm,
)
from catalog.workspace.views.common import analyst_required, error_text, is_htmx
from provenance.models import DerivedFile


def _picture(pk):
    derived = get_object_or_404(DerivedFile, pk=pk)
    if derived.kind not in media.PICTURE_KINDS:
        raise Http404("Not a picture.")
    return derived


@require_GET
@analyst_required
def frame_image(request, pk):
    """A keyframe or thumbnail; an unblurred one of graphic media only after this analyst revealed it."""
    derived = _picture(pk)
    if not media.may_see_frame(request.user, derived):
        return HttpResponse("Reveal this frame first; revealing is logged.", status=403, content_type="text/plain")
    return media.picture_response(derived, blurred=derived.kind in media.UNBLURRED_OF)


@require_POST
@analyst_required
def frame_reveal(request, pk):
    """Reveal the unblurred twin of a blurred frame: logged, then shown (htmx) or opened on its own page."""
    blurred = _picture(pk)
    if blurred.kind not in media.UNBLURRED_OF:
        raise Http404("Only blurred frames are revealed.")
    form = RevealForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        frame = media.unblurred_twin(blurred)
    except ValidationError as refused:
        if is_htmx(request):
            return render(request, "workspace/_frame.html", {"frame": blurred, "blurred": blurred, "revealed": False,
                                                             "error": error_text(refused)}, status=422)
        return HttpResponse(error_text(refused), status=409, content_type="text/plain")
    media.log_reveal(frame, request.user, reason)
    if is_htmx(request):
        return render(request, "workspace/_frame.html", {"frame": frame, "blurred": blurred, "revealed": True})
    return HttpResponseRedirect(reverse("workspace:frame", args=[frame.pk]))


@require_GET
@analyst_required
def frame_page(request, pk):
    """A revealed frame on a page of its own (the no-JavaScript way to see it)."""
    frame = _picture(pk)
    if not media.may_see_frame(request.user, frame):
        return HttpResponse("Reveal this frame first; revealing is logged.", status=403, content_type="text/plain")
    items = MediaItem.objects.filter(files__media_file=frame.media_file_id).distinct()
    return render(request, "workspace/frame.html", {"frame": frame, "items": items, "page": "items"})


@require_GET
@analyst_required
def frame_tile(request, pk):
    """A blurred frame's tile again (htmx: 'blur again')."""
    blurred = _picture(pk)
    if blurred.kind not in media.UNBLURRED_OF:
        raise Http404("Not a blurred frame.")
    return render(request, "workspace/_frame.html", {"frame": blurred, "blurred": blurred, "revealed": False})
