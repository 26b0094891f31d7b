"""Seed the lists bench's database (bench_lists): items with sightings, claims and files, by INSERT ... SELECT.

    .venv/bin/python bench/lists/seed.py --items 100000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_lists_100k .venv/bin/python bench/lists/seed.py --items 100000

The database is DATABASE_URL's (bench_lists by default, as bench/lists/settings.py), so two sizes can be kept side
by side; run.py measures the same DATABASE_URL.

Per item: 2 sightings on 1,000 channels (posted over ten years; a tenth without a posted time), one stored file,
a claim for every second item; every 20th item a variant of the one before. TLP cycles through clear, green,
amber and red. The stored first-seen time and the items' appearances on channels are filled from the sightings
as `manage.py rebuild_sighting_summaries` fills them, and the tables analysed. Seeding again with another --items starts from empty.

Search: every row's search key as catalog.search_keys writes it (for the words seeded: the Latin spellings are
the words themselves), and a line of text on the frames of every fifth item's file ("Caption of item <n>").
Seeding a database already seeded with as many items migrates it and adds what search needs if it lacks it.
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.lists.settings"

from bench.serving import ensure_database  # noqa: E402

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_lists")
DATABASE = os.environ["DATABASE_URL"].rsplit("/", 1)[1]

CHANNELS = 1000

STATEMENTS = [
    ("channels", """
        INSERT INTO catalog_channel (created_at, updated_at, platform, handle, url, status, search_key)
        SELECT now(), now(), 'telegram', '@bench' || g, '', 'active', 'bench' || g
        FROM generate_series(1, %(channels)s) g"""),
    ("items", """
        INSERT INTO catalog_mediaitem (created_at, updated_at, kind, title, description, languages, is_graphic, tlp,
            authenticity, published_authenticity, claimed_release_at, search_key)
        SELECT now() - g * interval '1 minute', now(), 'video', 'Bench item ' || g, '', '["ar"]', g %% 10 = 0,
            (ARRAY['clear', 'green', 'amber', 'red'])[1 + g %% 4], 'NotAssessed', 'NotAssessed',
            CASE WHEN g %% 3 = 0 THEN NULL ELSE now() - g * interval '3 minute' END, 'bench item ' || g
        FROM generate_series(1, %(items)s) g"""),
    ("variants", """
        UPDATE catalog_mediaitem SET variant_of_id = id - 1
        WHERE id %% 20 = 0 AND id > (SELECT min(id) FROM catalog_mediaitem)"""),
    ("sightings", """
        INSERT INTO catalog_sighting (created_at, updated_at, url, kind, notes, channel_id, media_item_id, posted_at,
            observed_at)
        SELECT now(), now(), 'https://t.example/' || i.id || '/' || n, 'repost', '',
            (SELECT min(id) FROM catalog_channel) + (i.id * 7 + n) %% %(channels)s, i.id,
            CASE WHEN (i.id + n) %% 10 = 0 THEN NULL ELSE now() - ((i.id * 13 + n * 101) %% 5256000) * interval '1 minute' END,
            now() - (i.id %% 1000) * interval '1 minute'
        FROM catalog_mediaitem i CROSS JOIN generate_series(1, 2) n"""),
    ("files", """
        INSERT INTO provenance_mediafile (sha256, md5, size, original_filename, file, received_at, c2pa_report,
            c2pa_state, media_metadata, mime_type)
        SELECT encode(sha256(('bench' || i.id)::bytea), 'hex'), md5('bench' || i.id), 1000000 + i.id, '',
            'bench/' || i.id, now() - i.id * interval '1 minute', '{}', 'not_checked', '{}', 'video/mp4'
        FROM catalog_mediaitem i"""),
    ("item files", """
        INSERT INTO catalog_itemfile (original_filename, attached_at, media_file_id, media_item_id)
        SELECT '', now(), f.id, i.id FROM catalog_mediaitem i
        JOIN provenance_mediafile f ON f.sha256 = encode(sha256(('bench' || i.id)::bytea), 'hex')"""),
    ("claims", """
        INSERT INTO catalog_claim (created_at, updated_at, text, kind, claimant_description, status,
            source_reliability, information_credibility, tlp, published_status, media_item_id, stated_on,
            stated_on_earliest, stated_on_latest, stated_on_precision, search_key)
        SELECT now(), now(), 'Claimed of item ' || i.id, 'responsibility', '', 'unstarted', 'F', '6', i.tlp,
            'unstarted', i.id, (now() - (i.id %% 3000) * interval '1 day')::date,
            (now() - (i.id %% 3000) * interval '1 day')::date, (now() - (i.id %% 3000) * interval '1 day')::date, 'day',
            'claimed of item ' || i.id
        FROM catalog_mediaitem i WHERE i.id %% 2 = 0"""),
]


def seeded_items():
    import psycopg

    try:
        with psycopg.connect(f"postgresql://postgres@127.0.0.1:5432/{DATABASE}") as connection:
            return connection.execute("SELECT count(*) FROM catalog_mediaitem").fetchone()[0]
    except psycopg.Error:
        return 0


def start_empty():
    # The custody log refuses TRUNCATE (append-only): a new size starts from a new database.
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}"')
    ensure_database(DATABASE)


# The search part, run once per database (also on one seeded before search had these keys).
SEARCH_STATEMENTS = [
    ("sighting keys", """
        UPDATE catalog_sighting SET search_key = ' htps https t eksample example ksmpl ' || media_item_id || ' '
            || split_part(url, '/', 5) || ' '"""),
    ("frame texts", """
        INSERT INTO provenance_frametext (media_file_id, frame_number, timestamp, text, language, confidence, "left",
            top, width, height, search_key)
        SELECT f.media_file_id, 75, 3.0, 'Caption of item ' || f.media_item_id, 'eng', 90, 300, 470, 360, 30,
            ' caption cptn of item ' || f.media_item_id || ' '
        FROM catalog_itemfile f WHERE f.media_item_id %% 5 = 0"""),
]


def seed_search(cursor):
    cursor.execute("SELECT EXISTS (SELECT 1 FROM provenance_frametext)")
    if cursor.fetchone()[0]:
        return
    for name, sql in SEARCH_STATEMENTS:
        started = time.monotonic()
        cursor.execute(sql, {})
        print(f"  {name}: {cursor.rowcount} rows in {time.monotonic() - started:.1f} s", file=sys.stderr)
    from catalog.search_keys import refresh_frame_text_keys

    started = time.monotonic()
    refresh_frame_text_keys()  # the frame texts were written in SQL: their items' copies of the keys too
    print(f"  items' frame text keys in {time.monotonic() - started:.1f} s", file=sys.stderr)


def seed(items):
    from django.core.management import call_command
    from django.db import connection

    from catalog.services.items import rebuild_sighting_summaries

    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        for name, sql in STATEMENTS:
            started = time.monotonic()
            cursor.execute(sql, {"items": items, "channels": CHANNELS})
            print(f"  {name}: {cursor.rowcount} rows in {time.monotonic() - started:.1f} s", file=sys.stderr)
        cursor.execute("ANALYZE")  # the summaries' statements are planned on the tables as filled
        started = time.monotonic()
        items, appearances = rebuild_sighting_summaries()
        print(f"  first seen and channel appearances: {items} items, {appearances} appearances in "
              f"{time.monotonic() - started:.1f} s", file=sys.stderr)
        seed_search(cursor)
        cursor.execute("VACUUM ANALYZE")


def complete_search():
    from django.core.management import call_command
    from django.db import connection

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    print(f"  migrated in {time.monotonic() - started:.1f} s", file=sys.stderr)
    with connection.cursor() as cursor:
        seed_search(cursor)
        cursor.execute("VACUUM ANALYZE")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=100_000)
    arguments = parser.parse_args()
    ensure_database(DATABASE)
    found = seeded_items()
    if found == arguments.items:
        print(f"already seeded with {found} items; completing search", file=sys.stderr)
        import django

        django.setup()
        complete_search()
        return
    if found:
        start_empty()
    import django

    django.setup()
    seed(arguments.items)


if __name__ == "__main__":
    main()
