"""The audit policy: what left the catalogue, and to whom. Every face that sends records or evidence out records
it here, and nowhere else decides what is recorded.

Disclosures to partners (AccessAudit)
    A record is *restricted* when its effective marking (catalog.policies.access) is TLP:AMBER or above, or when it
    names the people shown (an identity assertion, a person, a claim of kind "identity", a link touching one).
    Every restricted record a partner is sent, in any response (list row, detail, nested row, lookup, feed entry,
    feed export, item export), gets a row naming the partner, the key's prefix, the request and the record. The
    faces report each record where they render it for the partner (:meth:`AccessLog.saw`); the rows of one
    request are written together once its response rendered without error (:func:`request_finished`), so a
    response that fails writes none. Analysts are not audited here.

Evidence that left the locker (custody, provenance.services.custody)
    An item export or a feed export logs an EXPORTED event in the custody of every evidence file of the items it
    carries (:func:`record_export`). A partner's fetch of an original is both an AccessAudit row and an EXPORTED
    event (:func:`original_sent`); an analyst's fetch of a graphic original or an unblurred picture is logged in
    SensitiveMediaAccess, as is every reveal at the desk. A HEAD request sends no bytes and is not an export.
"""

from catalog.choices import TLP
from catalog.models import AccessAudit, ItemFile, Person
from provenance.choices import CustodyAction
from provenance.models import MediaFile, SensitiveMediaAccess
from provenance.services import record_custody
from provenance.services.custody import record_sent_to_partner

from .access import RECORD_TYPES, at_least, effective_marking, files_shared_below_amber, names_people

RESTRICTED_FROM = TLP.AMBER
UNBLURRED_RECORD_TYPE = "unblurred_picture"  # AccessAudit.record_type of a partner's unblurred fetch
UNBLURRED_REASON = "API: unblurred picture fetched"  # SensitiveMediaAccess.reason of an analyst's
# AccessAudit.record_type of a partner's fetch of an original, plain or graphic (graphic ones apart, like pictures).
ORIGINAL_RECORD_TYPE = "original_file"
GRAPHIC_ORIGINAL_RECORD_TYPE = "graphic_original_file"
GRAPHIC_ORIGINAL_REASON = "API: graphic original fetched"  # SensitiveMediaAccess.reason of an analyst's


def is_restricted(record, marking=None, people=None):
    """Whether sending `record` to a partner must be audited. `record` may be a model with the `marking` and
    `people` the caller read as bare columns (the lookup's fast path). A stored file is restricted unless it belongs
    to an item marked below TLP:AMBER (annotated by access.visible; fails closed)."""
    if isinstance(record, type):
        model = record
    elif isinstance(record, MediaFile):
        shared = getattr(record, "shared_below_amber", None)
        if shared is None:  # not read through access.visible: ask (one query)
            shared = files_shared_below_amber().filter(media_file=record.pk).exists()
        return not shared
    else:
        model = type(record)
        people = names_people(record) if people is None else people
        marking = effective_marking(record) if marking is None and model is not Person else marking
    return model is Person or bool(people) or at_least(marking, RESTRICTED_FROM)


class AccessLog:
    """Collects the restricted records sent to one partner in one request; `save` writes them in one INSERT."""

    def __init__(self, partner, key_prefix, method, path):
        self.partner, self.key_prefix, self.method, self.path = partner, key_prefix, method, path[:500]
        self._seen = {}

    def saw(self, record):
        if is_restricted(record):
            self._log(_record_type(type(record)), record.pk)
            if isinstance(record, ItemFile):  # sent with its stored file, restricted with it
                self._log("media_file", record.media_file_id)

    def saw_marked(self, model, pk, marking, people=False):
        """A record read as bare columns, whose effective marking the caller worked out (the lookup's fast path)."""
        if is_restricted(model, marking, people):
            self._log(_record_type(model), pk)

    def _log(self, record_type, pk):
        key = (record_type, str(pk))
        if key not in self._seen:
            self._seen[key] = AccessAudit(
                partner=self.partner, api_key_prefix=self.key_prefix, method=self.method, path=self.path,
                record_type=record_type, record_id=key[1],
            )

    def save(self):
        rows, self._seen = list(self._seen.values()), {}
        if rows:
            AccessAudit.objects.bulk_create(rows)
        return rows


def _record_type(model):
    return "media_file" if model is MediaFile else RECORD_TYPES.get(model) or model._meta.model_name


def start(caller, method, path):
    """A partner's request or delivery starts: its disclosures are collected from here on (analysts': none)."""
    if caller.is_partner and caller.access_log is None:
        caller.access_log = AccessLog(caller.partner, caller.key_prefix, method, path)
    return caller.access_log


def disclosed(caller, *records):
    """`records` are being sent to `caller` (no-op for analysts)."""
    if caller.access_log is not None:
        for record in records:
            caller.access_log.saw(record)


def request_finished(caller, response):
    """Write the disclosures of a request whose response succeeded, once it rendered (a DRF response renders
    after the view returns; should rendering fail, nothing left and nothing is written)."""
    if caller is None or caller.access_log is None or not 200 <= response.status_code < 300:
        return
    if hasattr(response, "add_post_render_callback") and not getattr(response, "is_rendered", True):
        response.add_post_render_callback(lambda rendered: _save(caller.access_log))
    else:
        _save(caller.access_log)


def _save(access_log):
    access_log.save()
    # None: a post-render callback's answer would replace the response


# Evidence leaving the locker


def record_export(items, label, actor):
    """An export of `items` (instances or a queryset) was handed to `actor`: EXPORTED in each file's custody."""
    links = ItemFile.objects.filter(media_item__in=items).select_related("media_file")
    for link in links.order_by("media_item", "pk"):
        record_custody(
            link.media_file, CustodyAction.EXPORTED, actor, {"format": label, "media_item": link.media_item_id}
        )


def unblurred_sent(caller, method, path, derived_file, user=None):
    """An unblurred picture of a graphic file was sent: a partner's in AccessAudit (written at once, whatever the
    rest of the request does: the bytes are leaving), an analyst's in SensitiveMediaAccess. A HEAD sent none."""
    if method == "HEAD":
        return
    if caller.is_partner:
        _write_now(caller, method, path, UNBLURRED_RECORD_TYPE, derived_file.pk)
    else:
        SensitiveMediaAccess.objects.create(derived_file=derived_file, user=user, reason=UNBLURRED_REASON)


def original_sent(caller, method, path, media_file, graphic, user=None):
    """A file's original bytes are about to be sent (GET only: a HEAD sends none and is no export).

    A partner's fetch, restricted or not (the evidence itself leaves the locker): an AccessAudit row, written at
    once, and an EXPORTED event in the file's custody naming the partner. An analyst's fetch of a graphic original:
    SensitiveMediaAccess. An analyst's other fetches are not logged (analysts read everything)."""
    if method == "HEAD":
        return
    if caller.is_partner:
        record_type = GRAPHIC_ORIGINAL_RECORD_TYPE if graphic else ORIGINAL_RECORD_TYPE
        _write_now(caller, method, path, record_type, media_file.pk)
        record_sent_to_partner(media_file, caller.partner.name)
    elif graphic:
        SensitiveMediaAccess.objects.create(media_file=media_file, user=user, reason=GRAPHIC_ORIGINAL_REASON)


def _write_now(caller, method, path, record_type, pk):
    AccessAudit.objects.create(
        partner=caller.partner, api_key_prefix=caller.key_prefix, method=method, path=path[:500],
        record_type=record_type, record_id=str(pk),
    )
