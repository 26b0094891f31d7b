"""The catalogue's hash list in the shape of Tech Against Terrorism's hash-list API, for Hasher-Matcher-Actioner.

Mounted at ``/hma/tat/``: point threatexchange's ``TATHashListAPI.BASE_URL`` (HMA's "tat" exchange) there.

``POST token-auth/tcap/`` (form or JSON: ``username``, ``password``)
    A partner's hash-list credential (catalog.models.HashListCredential, not its API key) for
    ``{"token": ..., "user": {...}}``; 401 ``{"error": ...}`` otherwise.
``GET api/hash-list/v2/all?after=<checkpoint>&order=asc`` with ``Authorization: Bearer <token>``
    ``{"count", "next", "previous", "checkpoint", "results"}``: the entries (``hash_digest``, ``algorithm``,
    ``ideology``, ``file_type``, ``deleted``, ``updated_on``, ``created_on``, ``id``) of the files changed since
    the checkpoint, oldest change first (catalog.services.hashlists says what is listed and when it is deleted).
    ``count`` is the number of entries on this page. ``checkpoint`` is ``"<unix time of the last change read>,
    <opaque cursor>"``: the cursor is the change feed's, encrypted and bound to the partner
    (catalog.policies.access.FeedCursor), so it tells nothing of changes above its clearance. ``next`` is the URL of
    the following page while more can be read now, else null; ``limit`` (1 to 1000, default the setting
    ``HASH_LIST_PAGE_CHANGES``, 500) bounds the changes one page reads. Only ``order=asc`` is served: a list read as changes is read oldest first.
"""

import functools
import json
from urllib.parse import urlencode

from django.conf import settings
from django.http import JsonResponse, QueryDict
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from catalog.api import feed
from catalog.api.throttling import KeyFailureThrottle
from catalog.models import ChangeFeedEntry
from catalog.policies import access, audit
from catalog.services import hashlists

DEFAULT_LIMIT, MAX_LIMIT = 500, feed.MAX_LIMIT
app_name = "hash-list"


def _error(status, message):
    return JsonResponse({"error": message}, status=status)


def _counting_failures(view):
    """Refuse (429) an address that has failed to log in too often, before any check; the view is handed the
    counter to count its own failures (one budget with API-key failures: catalog.api.throttling)."""

    @functools.wraps(view)
    def checked(request):
        failures = KeyFailureThrottle(request)
        wait = failures.wait()
        if wait is not None:
            response = _error(429, "Too many failed attempts from this address; try again later.")
            response["Retry-After"] = str(max(1, int(wait)))
            return response
        return view(request, failures)

    return checked


@csrf_exempt  # a login by credentials in the body, from a server, never a browser session
@require_POST
@_counting_failures
def token(request, failures):
    if request.content_type == "application/json":
        try:
            body = json.loads(request.body)
        except (ValueError, UnicodeError):
            return _error(400, "The body is not JSON.")
    else:
        body = request.POST
    username, password = (body.get("username") if isinstance(body, (dict, QueryDict)) else None,
                          body.get("password") if isinstance(body, (dict, QueryDict)) else None)
    if not isinstance(username, str) or not isinstance(password, str) or not username or not password:
        return _error(400, "Send a username and a password.")
    bearer = hashlists.token_for(username[:150], password[:1000])
    if bearer is None:
        failures.failed()
        return _error(401, "Unknown, revoked or wrong credentials.")
    return JsonResponse({"token": bearer, "user": {"username": username}})


@require_GET
@_counting_failures
def hash_list(request, failures):
    scheme, _, bearer = request.headers.get("Authorization", "").partition(" ")
    credential = hashlists.credential_of(bearer.strip()) if scheme.lower() == "bearer" and bearer.strip() else None
    if credential is None:
        failures.failed()
        response = _error(401, "Send a valid hash-list token: Authorization: Bearer <token>.")
        response["WWW-Authenticate"] = "Bearer"
        return response
    caller = access.Caller.for_partner(credential.partner)
    cursor = access.FeedCursor(caller)
    try:
        after, limit = _read_query(request.GET, cursor)
    except ValueError as error:
        return _error(400, str(error))
    audit.start(caller, request.method, request.get_full_path())
    changes, position, has_more = feed.read_feed(caller, after, limit, {}, shown_as=lambda entry, record: record)
    results = hashlists.list_entries(caller, hashlists.files_changed(changes))
    checkpoint = ""  # nothing read yet: the client keeps the checkpoint it had
    if position:
        changed_at = ChangeFeedEntry.objects.filter(pk=position).values_list("created_at", flat=True).first()
        checkpoint = f"{changed_at.timestamp():.6f},{cursor.encode(position)}"
    following = None
    if has_more:
        # threatexchange's client appends `next` after "<base>?" and adds its own `order` and `after`: the first
        # parameter here swallows the URL before it, and `page` stands whichever way the URL is read.
        query = urlencode({"order": "asc", "page": cursor.encode(position), "limit": limit})
        following = f"{request.build_absolute_uri(request.path)}?{query}"
    body = {"count": len(results), "next": following, "previous": None, "checkpoint": checkpoint, "results": results}
    response = JsonResponse(body)
    audit.request_finished(caller, response)
    return response


def _read_query(query, cursor):
    """(feed position to read after, limit); ValueError for bad input."""
    order = query.get("order", "asc")
    if order != "asc":
        raise ValueError("Only order=asc is served: the list is read as changes, oldest first.")
    try:
        limit = int(query.get("limit", getattr(settings, "HASH_LIST_PAGE_CHANGES", DEFAULT_LIMIT)))
    except ValueError:
        raise ValueError("limit must be a whole number.") from None
    if not 1 <= limit <= MAX_LIMIT:
        raise ValueError(f"limit must be from 1 to {MAX_LIMIT}.")
    page, after = query.get("page", ""), query.get("after", "")
    if page:  # a `next` URL's: it wins over the `after` the client repeats
        position = cursor.decode(page)
        if position is None:
            raise ValueError("page is not one this list gave you.")
        return position, limit
    if not after:
        return 0, limit
    _, _, token = after.partition(",")  # "<unix time>,<cursor>": the time is for the client's progress
    position = cursor.decode(token) if token else None
    if position is None:
        raise ValueError("after is not a checkpoint this list gave you.")
    return position, limit


urlpatterns = [
    path("token-auth/tcap/", token, name="token"),
    path("api/hash-list/v2/all", hash_list, name="all"),
]
