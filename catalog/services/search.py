"""Search across the catalogue: items, claims, quotes, reports, people and organisations (with their aliases),
channels, and stored files by hash. The desk's search page and ``/api/v1/search/`` both call :func:`search`.

Text is matched on each record's search key by the rule every list's ``q`` follows too (catalog.search_keys.matches):
every word of the query must begin a word of the record's text in one of its spellings (so "Заболотный" finds
"Zabolotnyy", "محمد" finds "Mohammed"). On PostgreSQL that is a full-text query on a GIN index; here a trigram
match (pg_trgm, GIN index) beside it for a one-word query forgives a typing error, and results are ranked best
first. Elsewhere (SQLite) a LIKE on the keys.

A query that is a SHA-256 (64 hex) is also read as a PDQ hash: exact files by SHA-256, and files with a frame
within the PDQ index's default distance (provenance.matching). 32 hex is an MD5.

Every result is read through the access policy (a partner sees what its clearance allows, nothing else is
counted) and every restricted record sent to a partner is reported to the disclosure audit.
"""

import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchRank
from django.db import connection
from django.db.models import Q

from catalog import search_keys
from catalog.models import Channel, Claim, ItemFile, MediaItem, Organization, Person, Quote, Report
from catalog.policies import access, audit
from provenance import matching
from provenance.models import FrameHash

PER_KIND = 20  # results shown per kind; more are reported as "more"

SHA256 = re.compile(r"[0-9a-f]{64}")
MD5 = re.compile(r"[0-9a-f]{32}")


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    model: type
    related: tuple = ()
    prefetch: tuple = ()


KINDS = (
    Kind("media_items", "Media items", MediaItem, ("producer",)),
    Kind("claims", "Claims", Claim, ("media_item", "report")),
    Kind("quotes", "Quotes", Quote, ("report",)),
    Kind("reports", "Reports", Report, ("outlet",)),
    Kind("people", "People", Person, (), ("name_variants",)),
    Kind("organizations", "Organisations", Organization, (), ("aliases",)),
    Kind("channels", "Channels", Channel, ("operator",)),
)
FILES = Kind("files", "Files by hash", ItemFile, ("media_item", "media_file"))
KIND_NAMES = [kind.name for kind in (*KINDS, FILES)]


@dataclass
class Hit:
    kind: str
    record: object
    distance: int | None = None  # files: 0 for an exact hash, the PDQ distance of the nearest frame otherwise
    method: str = ""  # files: "sha256", "md5" or "pdq"


@dataclass
class Group:
    kind: Kind
    hits: list = field(default_factory=list)
    more: bool = False  # more results than shown


@dataclass
class Results:
    query: str
    groups: list = field(default_factory=list)  # the kinds with results, in KINDS order (files first)

    @property
    def count(self):
        return sum(len(group.hits) for group in self.groups)


def search(caller, query, per_kind=PER_KIND):
    """The records `caller` may see that match `query`, grouped by kind."""
    query = (query or "").strip()[:search_keys.MAX_QUERY_CHARS]
    results = Results(query)
    if not query:
        return results
    files = _file_hits(caller, query.lower())
    if files:
        results.groups.append(Group(FILES, files[:per_kind], more=len(files) > per_kind))
    words = search_keys.query_words(query)
    if words:
        for kind in KINDS:
            rows = list(_text_matches(caller, kind, words)[: per_kind + 1])
            if rows:
                results.groups.append(Group(kind, [Hit(kind.name, row) for row in rows[:per_kind]],
                                            more=len(rows) > per_kind))
    for group in results.groups:
        for hit in group.hits:
            audit.disclosed(caller, *(record for record in shown(hit) if _audited(record)))
    return results


def shown(hit):
    """The records a hit shows: its own, and the parents named beside it (an item file's item, a claim's item and
    report, a quote's report)."""
    yield hit.record
    for parent in ("media_item", "report"):
        if getattr(hit.record, f"{parent}_id", None) is not None:
            yield getattr(hit.record, parent)


def _text_matches(caller, kind, words):
    queryset = kind.model.objects.filter(search_keys.matches(words, fuzzy=True))
    order = ["-pk"]
    if connection.vendor == "postgresql":
        # Best matches first. Ranking also keeps the planner on the search indexes: ordered by key alone, a short
        # page tempts it to walk the whole table backwards in the hope of meeting matches early.
        queryset = queryset.alias(rank=SearchRank(search_keys.vector(), search_keys.text_query(words)))
        order = ["-rank", "-pk"]
    queryset = access.visible(caller, queryset)
    return queryset.select_related(*kind.related).prefetch_related(*kind.prefetch).order_by(*order)


def _file_hits(caller, query):
    """Item files whose stored file matches a hash query; exact matches first, then by PDQ distance."""
    if MD5.fullmatch(query):
        return _item_files(caller, Q(media_file__md5=query), lambda link: (0, "md5"))
    if not SHA256.fullmatch(query):
        return []
    frames = matching.similar_frames(query)
    nearest = {}
    for frame_id, media_file_id in FrameHash.objects.filter(pk__in=list(frames)).values_list("pk", "media_file_id"):
        nearest[media_file_id] = min(frames[frame_id], nearest.get(media_file_id, frames[frame_id]))

    def found(link):
        if link.media_file.sha256 == query:
            return 0, "sha256"
        return nearest[link.media_file_id], "pdq"

    hits = _item_files(caller, Q(media_file__sha256=query) | Q(media_file_id__in=list(nearest)), found)
    return sorted(hits, key=lambda hit: (hit.method != "sha256", hit.distance, -hit.record.pk))


def _item_files(caller, condition, found):
    links = access.visible(caller, ItemFile.objects.filter(condition)).select_related(*FILES.related).order_by("-pk")
    hits = []
    for link in links:
        distance, method = found(link)
        hits.append(Hit(FILES.name, link, distance=distance, method=method))
    return hits


def _audited(record):
    # Reference data (organisations, channels) is open to every partner and not audited (catalog.policies.audit).
    return type(record) in access.RECORD_TYPES or isinstance(record, Person)


def title_of(hit, caller):
    """A hit as one line of text (the faces escape it: it is scraped text)."""
    record = hit.record
    if isinstance(record, Quote):
        return f"{record.speaker}: {record.text}"
    if isinstance(record, Claim):
        return record.text
    if isinstance(record, ItemFile):
        # A file's original name is the desk's own (partners get the hash, as the API's file summaries give).
        name = record.original_filename or record.media_file.original_filename if caller.is_analyst else ""
        return name or record.media_file.sha256
    return str(record)


def aliases_of(hit):
    """The other names a person or organisation is known by (one of them may be what matched)."""
    related = search_keys.ALIASES.get(hit.record._meta.model_name)
    return [alias.name for alias in getattr(hit.record, related).all()] if related else []
