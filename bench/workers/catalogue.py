"""What the workers benches share: databases made once from templates, 1M seeded frame hashes, generated videos,
and real worker and web processes to measure.

Import after DJANGO_SETTINGS_MODULE is set and django.setup() has run.
"""

import contextlib
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import av
import psycopg
from django.conf import settings
from django.core.management import call_command
from django.db import connection, connections

from bench.workers.settings import CACHE

ROOT = Path(__file__).resolve().parents[2]
SETTINGS_MODULE = "bench.workers.settings"
VIDEO_SIZE = (640, 360)
SEED_FILES = 10  # the seeded hashes hang off a few files; (file, frame number) is unique
COPY_BATCH = 100_000
ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


def database_name():
    return settings.DATABASES["default"]["NAME"]


def _admin(statement):
    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        admin.execute(statement)


def _exists(name):
    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        return bool(admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone())


def _schema():
    """A short name for the migrations applied: a template made before a new migration is not reused."""
    from django.db.migrations.loader import MigrationLoader

    leaves = sorted(f"{app}.{name}" for app, name in MigrationLoader(None, ignore_no_migrations=True).graph.leaf_nodes())
    return hashlib.sha256(" ".join(leaves).encode()).hexdigest()[:8]


def _template(hashes):
    return f"{database_name()}_{_schema()}_h{hashes}"


def index_dir(hashes):
    return CACHE / f"pdq-index-{_schema()}-{hashes}"


def fresh_database(hashes):
    """Make the bench's database a copy of the template holding `hashes` seeded hashes (made once, then kept),
    point this process at that template's published index, and empty the media folder and the broker."""
    template = _template(hashes)
    if not _exists(template):
        _make_template(template, hashes)
    connections.close_all()
    _admin(f'DROP DATABASE IF EXISTS "{database_name()}" WITH (FORCE)')
    _admin(f'CREATE DATABASE "{database_name()}" TEMPLATE "{template}"')
    use_index(hashes)
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
    _flush_broker()


def use_index(hashes):
    from provenance.services import matching

    settings.PDQ_INDEX_DIR = index_dir(hashes)
    os.environ["PDQ_INDEX_DIR"] = str(settings.PDQ_INDEX_DIR)  # for the processes started from here
    matching.reset_index()


def _make_template(template, hashes):
    print(f"making the template database {template} (once)", file=sys.stderr)
    connections.close_all()
    _admin(f'DROP DATABASE IF EXISTS "{database_name()}" WITH (FORCE)')
    _admin(f'CREATE DATABASE "{database_name()}"')
    call_command("migrate", verbosity=0)
    shutil.rmtree(index_dir(hashes), ignore_errors=True)
    if hashes:
        started = time.monotonic()
        seed_frame_hashes(hashes)
        use_index(hashes)
        from provenance.services import matching

        matching.publish_index()
        print(f"seeded and published {hashes:,} hashes in {time.monotonic() - started:.0f} s", file=sys.stderr)
    connections.close_all()
    _admin(f'CREATE DATABASE "{template}" TEMPLATE "{database_name()}"')


def seed_frame_hashes(count, seed=7):
    """`count` random robust frame hashes (hex, as the model keeps them) on SEED_FILES files, by COPY."""
    import random

    from provenance.choices import HashAlgorithm
    from provenance.models import FrameHash, MediaFile

    rng = random.Random(seed)
    files = MediaFile.objects.bulk_create(
        MediaFile(sha256=rng.randbytes(32).hex(), size=1, file=f"bench/seeded-{n}") for n in range(SEED_FILES)
    )
    per_file = -(-count // SEED_FILES)
    columns = "media_file_id, algorithm, variant, frame_number, timestamp, hash, quality"
    with connection.cursor() as cursor, cursor.cursor.copy(
        f"COPY {FrameHash._meta.db_table} ({columns}) FROM STDIN"
    ) as copy:
        for start in range(0, count, COPY_BATCH):
            size = min(COPY_BATCH, count - start)
            text = rng.randbytes(32 * size).hex()
            lines = []
            for offset in range(size):
                row = start + offset
                lines.append(f"{files[row // per_file].pk}\t{HashAlgorithm.ROBUST_PDQ}\tindex\t{row % per_file}\t"
                             f"{row % per_file / 4}\t{text[offset * 64:offset * 64 + 64]}\t100\n")
            copy.write("".join(lines))
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {FrameHash._meta.db_table}")


def _flush_broker():
    import redis

    redis.Redis.from_url(settings.REDIS_URL).flushdb()


def videos(count, seconds):
    """`count` distinct generated videos (H.264/AAC, natural statistics), made once into the cache."""
    sys.path.insert(0, str(ROOT))
    from tests.media import synthetic

    folder = CACHE / "videos"
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for seed in range(1000, 1000 + count):
        path = folder / f"{seed}-{seconds}s.mp4"
        if not path.exists():
            partial = path.with_suffix(".partial.mp4")
            synthetic.write_original(partial, seed, *VIDEO_SIZE, seconds=seconds)
            partial.rename(path)
        paths.append(path)
    return paths


def remuxed(source, number):
    """The same streams in a new container with a tag of its own: other bytes (a new file), the same frames."""
    target = CACHE / "copies" / f"{source.stem}-copy{number}.mp4"
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with av.open(str(source)) as inside, av.open(str(target), "w") as outside:
        outside.metadata["comment"] = f"copy {number}"
        streams = {stream.index: outside.add_stream_from_template(stream) for stream in inside.streams}
        for packet in inside.demux():
            if packet.dts is None:
                continue
            packet.stream = streams[packet.stream.index]
            outside.mux(packet)
    return target


def upload(paths):
    """Attach each file to an item of its own, as the API upload does, in one transaction: every enrichment job is
    sent when it commits. Returns the time of the commit."""
    from django.db import transaction

    from catalog.models import MediaItem
    from catalog.services import evidence

    with transaction.atomic():
        for path in paths:
            item = MediaItem.objects.create(title=f"Bench {path.stem}", kind="video")
            with open(path, "rb") as fileobj:
                evidence.attach_file(item, fileobj, path.name)
        committed = time.time()
    return committed


def analyst_token():
    """A REST framework token of an analyst, for the API requests the benches send."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from rest_framework.authtoken.models import Token

    from catalog.policies.access import ANALYST_GROUP

    user, _ = get_user_model().objects.get_or_create(username="bench-analyst")
    user.groups.add(Group.objects.get_or_create(name=ANALYST_GROUP)[0])
    return Token.objects.get_or_create(user=user)[0].key


def environment(**extra):
    return {**os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE, "PYTHONPATH": str(ROOT), **extra}


@contextlib.contextmanager
def celery_worker(queues, concurrency, log_name):
    """`celery -A config worker` (prefork) on `queues`, ready before this returns; stopped with its children."""
    log_path = CACHE / "logs" / f"{log_name}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool", "prefork",
               "--queues", queues, "--concurrency", str(concurrency),
               "--without-gossip", "--without-mingle", "--loglevel", "INFO"]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=environment(), stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while b"ready." not in log_path.read_bytes():
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"the worker did not start:\n{log_path.read_text()[-3000:]}")
            time.sleep(0.2)
        yield process
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # the bench's own process group; nothing to finish
        process.wait()


def tree_cpu_seconds(pid):
    """CPU seconds (user and system) of a process and its children, living or waited for (from /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    parents, stats = {}, {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry.name)] = int(fields[1])
            # utime, stime, and cutime, cstime: children waited for (fpcalc, exiftool) count for their parent
            stats[int(entry.name)] = sum(int(value) for value in fields[11:15])
    members, frontier = {pid}, [pid]
    while frontier:
        parent = frontier.pop()
        for child, its_parent in parents.items():
            if its_parent == parent and child not in members:
                members.add(child)
                frontier.append(child)
    return sum(stats.get(member, 0) for member in members) / ticks
