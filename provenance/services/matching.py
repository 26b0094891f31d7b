"""Near-duplicate search over every stored file: a PDQ index shared by the machine, kept level with the database.

The index lives in PDQ_INDEX_DIR as immutable segment files (provenance.media.index_store) that every web and
worker process maps read-only, so the machine holds one copy. One writer at a time publishes a new generation
(``publish_index``: the beat task ``provenance.enrich.publish_pdq_index`` and the command ``build_pdq_index``, under a
file lock); each process notices it with one stat() before a search and remaps. Whatever the latest generation does
not cover yet (rows committed since it was published, or every row when none was) each process loads before every
search into a small private part, by primary key: a new file is searchable as soon as its analysis commits, in
every process, whether or not the writer has run. Rows deleted by a re-analysis leave stale ids in the index until
the next rebuild; they are harmless, because ids are looked up in the database and missing ones drop out.
"""

import tempfile
import threading
import time

from django.conf import settings
from django.db.models import Max, Q

from provenance.choices import HashAlgorithm, MatchMethod
from provenance.compiled import CompiledQuery
from provenance.jobs import JobFailed
from provenance.media import matching, probe
from provenance.media.analysis import analyse
from provenance.media.index import PDQIndex
from provenance.media.index_store import EMPTY, IndexStore
from provenance.models import FileMatch, FrameHash, MediaFile
from provenance.signals import file_matches_found

from .analysis import load_fingerprint
from .audio_matching import audio_matches, reset_audio_index
from .files import FileTooLarge, iter_chunks

LOAD_BATCH = 100_000
GAP_SECONDS = 15 * 60
DEFAULT_MAX_DISTANCE = matching.MATCH_DISTANCE
# PDQ's documented match threshold. Random 256-bit hashes lie about 128 apart (σ 8): past 31, hits are more and
# more chance, and the cost climbs (at 10M hashes radius 63 costs 31× radius 31; bench/pdq_index).
MAX_RADIUS = 31


class LiveIndex:
    """The index plus where it stands: everything up to `loaded_up_to`, except ids still missing from below it.

    Ids are handed out at insert but become visible at commit, so a later id can appear before an earlier one.
    Ids skipped over are kept as gaps and looked for again on every refresh, until GAP_SECONDS pass (a gap that
    old was a rolled-back insert or a deleted row, not a transaction still open). Gaps carry wall-clock times, as
    a published generation hands them on to every process.
    """

    def __init__(self, generation=EMPTY):
        self.generation = generation.number
        self.index = generation.index()
        self.loaded_up_to = generation.state.get("loaded_up_to", 0)
        self.gaps = [list(gap) for gap in generation.state.get("gaps", [])]  # [first id, last id, first seen]
        self.lock = threading.Lock()

    def state(self):
        return {"loaded_up_to": self.loaded_up_to, "gaps": self.gaps}

    def refresh(self):
        with self.lock:
            self._load_gaps()
            while True:
                rows = list(ROBUST_ROWS_AFTER.rows(None, self.loaded_up_to))
                if not rows:
                    return self.index
                ids = [row["pk"] for row in rows]
                others = [row["pk"] for row in OTHER_IDS_BETWEEN.rows(None, self.loaded_up_to, ids[-1])]
                self._note_gaps(sorted([*ids, *others]))
                self.index.add(ids, [row["hash"] for row in rows])  # appends; sorted once, at the next search
                self.loaded_up_to = ids[-1]

    def _robust_rows(self):
        return FrameHash.objects.filter(algorithm=HashAlgorithm.ROBUST_PDQ).values_list("pk", "hash")

    def _add(self, rows):
        ids, hashes = zip(*rows)
        self.index.add(list(ids), list(hashes))

    def _note_gaps(self, committed_ids):
        """Record as gaps the ids below the newest loaded that no committed row holds, whatever its algorithm."""
        now, expected = time.time(), self.loaded_up_to + 1
        for row_id in committed_ids:
            if row_id > expected:
                self.gaps.append([expected, row_id - 1, now])
            expected = row_id + 1

    def _load_gaps(self):
        now = time.time()
        self.gaps = [gap for gap in self.gaps if now - gap[2] < GAP_SECONDS]
        if not self.gaps:
            return
        found = Q()
        for first, last, _ in self.gaps:
            found |= Q(pk__range=(first, last))
        rows = list(self._robust_rows().filter(found).order_by("pk"))
        if not rows:
            return
        self._add(rows)
        filled = {row_id for row_id, _ in rows}
        self.gaps = [piece for gap in self.gaps for piece in _split(gap, filled)]


# Run before every search: compiled once (provenance.compiled), as it costs more to compile than to run.
ROBUST_ROWS_AFTER = CompiledQuery(
    lambda _, after: FrameHash.objects.filter(algorithm=HashAlgorithm.ROBUST_PDQ, pk__gt=after)
    .order_by("pk")
    .values("pk", "hash")[:LOAD_BATCH],
    key=lambda _: None,
)


# The other algorithms' ids among the robust ones just loaded: committed rows, not gaps. An analysis inserts a
# file's vPDQ and robust hashes together, so without these every file analysed would leave gaps that each search
# looks for again until GAP_SECONDS pass.
OTHER_IDS_BETWEEN = CompiledQuery(
    lambda _, after, last: FrameHash.objects.filter(pk__gt=after, pk__lte=last)
    .exclude(algorithm=HashAlgorithm.ROBUST_PDQ)
    .values("pk"),
    key=lambda _: None,
)


def _split(gap, filled):
    """What is left of a gap once some of its ids have been loaded."""
    first, last, seen = gap
    pieces, start = [], first
    for row_id in sorted(i for i in filled if first <= i <= last):
        if row_id > start:
            pieces.append([start, row_id - 1, seen])
        start = row_id + 1
    if start <= last:
        pieces.append([start, last, seen])
    return pieces


_store = None
_live_index = LiveIndex()


def index_store():
    global _store
    if _store is None or _store.directory != settings.PDQ_INDEX_DIR:
        _store = IndexStore(settings.PDQ_INDEX_DIR)
    return _store


def frame_index():
    """This process's index: the machine's latest generation, plus every hash committed since it was published."""
    global _live_index
    generation = index_store().current()
    if generation.number != _live_index.generation:
        _live_index = LiveIndex(generation)
    return _live_index.refresh()


def reset_index():
    """Forget the index (tests, and after a database is replaced); the next search rebuilds it."""
    global _live_index, _store
    _live_index, _store = LiveIndex(), None
    reset_audio_index()


def publish_index(rebuild=False):
    """Publish a generation covering every committed hash: the one writer's job (a file lock keeps it one).

    Appends what the latest generation misses as a new segment and merges full tiers, so a publish costs about
    what was added; `rebuild` starts from nothing instead (after hashes were deleted, or the database replaced).
    A generation that claims rows past the newest in the database belongs to another database: rebuilt too."""
    store = index_store()
    with store.writing():
        generation = EMPTY if rebuild else store.current()
        newest = FrameHash.objects.aggregate(newest=Max("pk"))["newest"] or 0
        if generation.state.get("loaded_up_to", 0) > newest:
            generation = EMPTY
        live = LiveIndex(generation)
        live.refresh()
        live.index.flush()
        segments = PDQIndex.merged(generation.segments + live.index.segments, live.index.merge_at)
        return store.publish(segments, live.state())


def similar_frames(pdq_hex, max_distance=DEFAULT_MAX_DISTANCE):
    """Stored frame hashes (FrameHash ids) within `max_distance` of a PDQ hash: {frame hash id: distance}."""
    [hits] = frame_index().search([pdq_hex], radius=max_distance)
    return dict(hits)


def find_similar(pdq_hex, max_distance=DEFAULT_MAX_DISTANCE):
    """Stored files with a frame within `max_distance` of a PDQ hash: [(media_file_id, distance)], nearest first."""
    nearest_by_row = similar_frames(pdq_hex, max_distance)
    files = {}
    rows = FrameHash.objects.filter(pk__in=list(nearest_by_row)).values_list("pk", "media_file_id")
    for row_id, media_file_id in rows:
        files[media_file_id] = min(nearest_by_row[row_id], files.get(media_file_id, nearest_by_row[row_id]))
    return sorted(files.items(), key=lambda pair: (pair[1], pair[0]))


def candidates_for(fingerprint, exclude_file_id=None):
    """Every file the fingerprint could match by the 80% rule (matching.candidate_hits): a superset of what
    `compare_with_candidates` keeps, not every file sharing a close hash."""
    nearest = matching.candidate_hits(frame_index(), fingerprint)
    files = set(FrameHash.objects.filter(pk__in=list(nearest)).values_list("media_file_id", flat=True))
    files.discard(exclude_file_id)
    return MediaFile.objects.filter(pk__in=files).order_by("pk")


def compare_with_candidates(fingerprint, exclude_file_id=None):
    """[(media_file_id, match dict)] for every stored file the fingerprint matches by ThreatExchange's rule."""
    found = []
    for candidate in candidates_for(fingerprint, exclude_file_id):
        stored = load_fingerprint(candidate)
        if stored is None:
            continue
        result = matching.compare(fingerprint, stored).to_dict()
        if result["is_match"]:
            found.append((candidate.pk, result))
    return sorted(found, key=lambda pair: -pair[1]["query_match_percent"])


def match_file(fileobj):
    """Match uploaded bytes against the catalogue without keeping them: a temporary file, gone on return."""
    limit = settings.MAX_UPLOAD_BYTES
    with tempfile.NamedTemporaryFile(suffix=".lookup") as spool:
        size = 0
        for chunk in iter_chunks(fileobj):
            size += len(chunk)
            if size > limit:
                raise FileTooLarge(f"The file is larger than the limit of {limit} bytes.", code="too_large")
            spool.write(chunk)
        spool.flush()
        try:
            analysis = analyse(spool.name, time_limit=settings.MEDIA_DECODE_SECONDS, threads=settings.VIDEO_DECODE_THREADS)
        except probe.MediaRefused as refused:
            raise JobFailed(str(refused)) from refused
    if analysis.fingerprint is None:
        return []
    return compare_with_candidates(analysis.fingerprint)


def find_matches(media_file):
    """The matching job's work: compare a newly analysed file with every file sharing a close hash or soundtrack."""
    fingerprint = load_fingerprint(media_file)
    found = compare_with_candidates(fingerprint, exclude_file_id=media_file.pk) if fingerprint else []
    return {
        # Soundtrack first: where both match, the item pair's one proposal ends on the picture's evidence.
        "matches": [{"media_file": file_id, "method": MatchMethod.AUDIO, **result} for file_id, result in audio_matches(media_file)]
        + [{"media_file": file_id, "method": MatchMethod.VPDQ_ROBUST, **result} for file_id, result in found]
    }


def video_detail(result, **extra):
    """What a FileMatch keeps of a picture match besides its percentages: the transform and the per-second evidence."""
    return {
        "mirrored": result["mirrored"],
        "offset_seconds": result["offset_seconds"],
        "crop_scale": result.get("crop_scale"),
        "seconds": result.get("seconds", []),
        **extra,
    }


def record_matches(job, result):
    matches = []
    for found in result["matches"]:
        method = found.get("method", MatchMethod.VPDQ_ROBUST)
        if method == MatchMethod.AUDIO:
            evidence = {
                "best_distance": round(found["bit_error_rate"] * 32),
                "aligned_seconds": found["aligned_seconds"],
                "bit_error_rate": found["bit_error_rate"],
                "detail": {"offset_seconds": found["offset_seconds"]},
            }
        else:
            evidence = {"best_distance": found["best_distance"] or 0, "detail": video_detail(found)}
        match, _ = FileMatch.objects.update_or_create(
            query_file=job.media_file, matched_file_id=found["media_file"], method=method,
            defaults={
                "query_match_percent": found["query_match_percent"],
                "target_match_percent": found["target_match_percent"],
                **evidence,
            },
        )
        matches.append(match)
    if matches:
        file_matches_found.send(sender=FileMatch, matches=matches)
