"""What every desk screen shares: the analyst-only gate, htmx answers, safe redirects, login and logout."""

from functools import wraps
from urllib.parse import urlencode, urlsplit

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme

from catalog.policies.access import Caller, is_analyst


def analyst_required(view):
    """Anonymous callers go to the login page (htmx callers are told to go there); non-analysts get 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            login = reverse("workspace:login")
            if is_htmx(request):  # a session that ran out under an open page: go to the login, then back
                back = urlsplit(request.headers.get("HX-Current-URL", "")).path or reverse("workspace:queue")
                response = HttpResponse(status=401)
                response["HX-Redirect"] = f"{login}?{urlencode({'next': back})}"
                return response
            return redirect_to_login(request.get_full_path(), login)
        if not is_analyst(request.user):
            return render(request, "workspace/forbidden.html", status=403)
        request.caller = Caller.analyst(request.user)  # what catalog.filtersets expect of a request
        response = view(request, *args, **kwargs)
        patch_vary_headers(response, ("HX-Request",))
        return response

    return wrapper


def is_htmx(request):
    return request.headers.get("HX-Request") == "true"


def safe_next(request, default):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return default


def error_text(error):
    return " ".join(error.messages) if isinstance(error, ValidationError) else str(error)


class LoginView(auth_views.LoginView):
    template_name = "workspace/login.html"
    redirect_authenticated_user = True
    next_page = reverse_lazy("workspace:queue")


class LogoutView(auth_views.LogoutView):
    next_page = reverse_lazy("workspace:login")


def entry_done(request, *, entry_id, message, link=None, link_text="", tone="done", status=200):
    """What replaces a queue entry once it is dealt with (htmx), or a redirect back with a message (no JS)."""
    if not is_htmx(request):
        (messages.error if tone == "error" else messages.success)(request, message)
        return HttpResponseRedirect(safe_next(request, reverse("workspace:queue")))
    return render(request, "workspace/_entry_done.html", {
        "entry_id": entry_id, "message": message, "link": link, "link_text": link_text, "tone": tone,
    }, status=status)


def item_link(item):
    return reverse("workspace:item", args=[item.pk]) if item is not None else None
