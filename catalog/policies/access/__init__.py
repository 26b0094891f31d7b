"""The access policy: who may see what. Every face asks here, and nowhere else decides it.

API querysets and nested serializers, the hash lookup, the change feed and all its formats, the per-item exports,
originals and pictures, filtersets, webhooks and the desk's "partners see" preview all read records for a caller
through :func:`visible` (or :func:`prefetch`, :func:`may_see`), and the feed through :func:`feed_entries`.

The caller
    :func:`caller_of` gives a :class:`Caller` for a request: an analyst (staff or the analysts group, by session or
    token), a partner (by API key), or nobody. Code without a request (exports, webhooks) builds one with
    ``Caller.for_partner(partner)`` or ``Caller.analyst(user)``.

What a partner cleared up to ``max_tlp`` sees (analysts see everything; nobody sees nothing)
    A record's *effective marking* is the highest TLP among its own and those of the records it is seen through
    (:func:`effective_marking`): an item's or report's own; a claim's own, its item's and its report's; a
    sighting's, identity assertion's or item file's item's; a quote's report's; a claim link's two claims'.
    A partner sees a record when it may read that marking, and, for records that name the people shown, when it
    is cleared for identities (:func:`names_people`): identity assertions, claims of kind "identity" ("the man
    is <name>"), claim links touching such a claim, and people (only those an identity assertion it sees is
    resolved to). Without identity clearance a partner never receives any of them: not in a list, a detail, a
    nested summary, a lookup, a feed entry or an export. Stored files are seen through the items they belong to.
    Reference data (organisations, channels, places, tags) is open to every partner. Review events, enrichment
    jobs, URL captures and the desk's own records are analysts' only.

    A record it may not see is answered exactly like one that does not exist (404, absent from lists).

What a partner is shown of a visible record
    * verdicts as published (:data:`PUBLISHED`): an item's ``authenticity`` is its ``published_authenticity``, a
      claim's ``status`` its ``published_status``; filters and ordering on them use the published values too;
    * links to a record it cannot see (:data:`CLEARED_LINKS`) are null;
    * the desk's internal fields (declared by each serializer) are null.

Each rule is written twice in this one package, as a query (:data:`RULES`, in ``queries``) for querysets and record by
record (:func:`effective_marking`, :func:`names_people`, in ``markings``) for the change feed's entries, which must carry the audience of
a record after it is gone; tests/partners/test_visibility.py holds the two forms equal.
"""


from .callers import (
    ANALYST_GROUP,
    MANAGE_PARTNERS,
    Caller,
    analyst_users,
    caller_in,
    caller_of,
    is_analyst,
    may_manage_partners,
)
from .feed import FeedCursor, entry_audience_before, feed_entries, may_read_entry
from .markings import (
    MARKING_COLUMNS,
    RECORD_TYPES,
    at_least,
    claim_kind_names_people,
    effective_marking,
    highest,
    names_people,
)
from .queries import (
    CLEARED_LINKS,
    PUBLISHED,
    RULES,
    files_shared_below_amber,
    graphic_files,
    is_cleared,
    is_graphic_file,
    link_is_cleared,
    may_see,
    prefetch,
    published,
    published_source,
    sees_every_row,
    visible,
    withheld_originals,
)

__all__ = [
    "ANALYST_GROUP", "CLEARED_LINKS", "MANAGE_PARTNERS", "MARKING_COLUMNS", "PUBLISHED", "RECORD_TYPES", "RULES", "Caller", "FeedCursor",
    "analyst_users", "at_least", "caller_in", "caller_of", "claim_kind_names_people", "effective_marking",
    "entry_audience_before", "feed_entries", "files_shared_below_amber", "graphic_files", "highest", "is_analyst",
    "is_cleared", "is_graphic_file", "link_is_cleared", "may_manage_partners", "may_read_entry", "may_see",
    "names_people", "prefetch", "published", "published_source", "sees_every_row", "visible", "withheld_originals",
]
