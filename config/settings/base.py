"""Settings shared by every environment; values come from the environment (django-environ)."""

import os
from pathlib import Path

import environ
from csp.constants import NONE, SELF

from config.queues import Queue

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
# A developer's .env (or the file DJANGO_ENV_FILE names) feeds local runs and tests. Production takes its environment
# from its process manager only (Dockerfile, docker-compose.yml): a stray .env in a deployed checkout changes nothing.
if os.environ.get("DJANGO_SETTINGS_MODULE") != "config.settings.production":
    env.read_env(os.environ.get("DJANGO_ENV_FILE", BASE_DIR / ".env"), overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",  # search lookups (trigram, full text) on PostgreSQL; inert on SQLite
    "rest_framework",
    "rest_framework.authtoken",
    "rest_framework_api_key",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "pgtrigger",
    "config",
    "provenance",
    "catalog",
]

MIDDLEWARE = [
    "config.metrics.RequestMetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# The embedded default is SQLite; DATABASE_URL switches to PostgreSQL.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and IMMEDIATE transactions let the web process and a worker process write side by side.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=20000;",
        "transaction_mode": "IMMEDIATE",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["ENGINE"] = "config.postgresql"  # Django's, with psycopg's compiled timestamp parser
    # Parameters bound by the server, so that a list's query has one text whatever the page: psycopg prepares a
    # query the fifth time a connection runs it, and PostgreSQL stops re-planning it (planning the partner's
    # sightings page cost more than running it). PostgreSQL keeps re-planning wherever a generic plan would cost
    # more. Behind a pooler in transaction mode (PgBouncer before 1.21), set DATABASE_PREPARED_STATEMENTS=false.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True,
        prepare_threshold=5 if env.bool("DATABASE_PREPARED_STATEMENTS", default=True) else None,
    )
    # What the planner takes a random page read to cost, set for each connection: PostgreSQL's default (4.0) models
    # spinning disks, where the catalogue's tables sit on SSDs or in memory (its documentation suggests 1.1 there).
    # Under 4.0 a partner's search for a common word at 100,000 items AND-ed the marking index's bitmap of every row
    # the partner may see (2.4 ms) instead of walking the list's order to its first page of matches (1.0 ms).
    random_page_cost = env.float("DATABASE_RANDOM_PAGE_COST", default=1.1)
    connection_options = DATABASES["default"]["OPTIONS"]
    connection_options["options"] = f"{connection_options.get('options', '')} -c random_page_cost={random_page_cost}".strip()
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Django 6 makes this the default; opting in now keeps URL fields' behaviour stable across the upgrade.
FORMS_URLFIELD_ASSUME_HTTPS = True
# Verdicts reach partners only after a second analyst approves them; a small desk may turn this off.
FOUR_EYES_REVIEW = env.bool("FOUR_EYES_REVIEW", default=True)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", default=str(VAR_DIR / "static")))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", default=str(VAR_DIR / "media")))
# The machine's one PDQ index (provenance.media.index_store): every process maps it; one writer publishes it.
PDQ_INDEX_DIR = Path(env("PDQ_INDEX_DIR", default=str(VAR_DIR / "pdq-index")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# With a bucket named, evidence and derived files live in S3-compatible storage (MinIO in docker-compose).
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env("AWS_S3_ENDPOINT_URL", default=None),
            "access_key": env("AWS_ACCESS_KEY_ID", default=None),
            "secret_key": env("AWS_SECRET_ACCESS_KEY", default=None),
            "default_acl": None,
            "querystring_auth": True,
            # Names are SHA-256 addresses: the same name always holds the same bytes, so never rename.
            "file_overwrite": True,
            # A file read back (hashing, a download) spills to disk past this, instead of filling memory.
            "max_memory_size": 64 * 1024**2,
        },
    }
# Evidence files larger than this are refused (413) while they are received.
MAX_UPLOAD_BYTES = env.int("MAX_UPLOAD_BYTES", default=4 * 1024**3)
# Decoding one file may take this long; the task's hard limit sits a little above it.
MEDIA_DECODE_SECONDS = env.int("MEDIA_DECODE_SECONDS", default=300)
# The analysis reads the text burned into keyframes (Tesseract, provenance/media/ocr.py). It costs three to five
# times the rest of the analysis (bench/ocr/results.txt), so the test settings turn it off outside the OCR tests.
ENRICHMENT_READ_TEXT = env.bool("ENRICHMENT_READ_TEXT", default=True)
# Threads one video analysis uses (provenance.media.analysis.analyse): 1 decodes and hashes on the calling thread
# alone, so a worker process uses one core and the pool (`celery worker -c N`, gunicorn workers) is the unit of
# parallelism (bench/workers: a job on several threads leaves nothing for a second process); N > 1 gives FFmpeg N
# frame threads and hashes beside them, for one analysis at a time on an idle machine; 0 lets FFmpeg count cores.
VIDEO_DECODE_THREADS = env.int("VIDEO_DECODE_THREADS", default=1)
# Outbound fetches never reach internal addresses (provenance/egress.py). Tests may allow their own local server:
# "address:port" entries, e.g. "127.0.0.1:8123" or "[::1]:8123"; empty in every real deployment.
EGRESS_ALLOWED_TEST_ORIGINS = env.list("EGRESS_ALLOWED_TEST_ORIGINS", default=[])
# Custody anchoring (provenance/services/anchoring.py): RFC 3161 Time-Stamping Authorities, tried in order, and the
# PEM certificates trusted to issue their certificates. Without a TSA, anchoring fails loudly instead of anchoring.
CUSTODY_TSA_URLS = env.list("CUSTODY_TSA_URLS", default=[])
CUSTODY_TSA_CA_FILE = env("CUSTODY_TSA_CA_FILE", default="")
# Uploads above this stay on disk while they are received instead of in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

LOGIN_URL = "admin:login"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["catalog.api.permissions.IsAnalyst"],
    # JSON no deeper than API_MAX_JSON_DEPTH (catalog/api/parsers.py); forms and uploads as DRF reads them.
    "DEFAULT_PARSER_CLASSES": [
        "catalog.api.parsers.BoundedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    # The browsable API for analysts only; partners and anonymous callers get JSON (catalog/api/negotiation.py).
    "DEFAULT_RENDERER_CLASSES": [
        "provenance.api.renderers.JSONRenderer",
        "catalog.api.negotiation.BrowsableAPIRenderer",
    ],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "catalog.api.negotiation.CallerContentNegotiation",
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "provenance.api.pagination.ListPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "provenance.api.schema.DocumentedErrorsAutoSchema",
    "EXCEPTION_HANDLER": "catalog.api.exceptions.exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Media provenance and claim catalogue API",
    "DESCRIPTION": "Media items, their channels, claims, asserted identities and evidence files.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Several models have a "kind" or "status"; each vocabulary gets its own schema name.
    "ENUM_NAME_OVERRIDES": {
        "OrganizationKindEnum": "catalog.choices.OrganizationKind",
        "MediaKindEnum": "catalog.choices.MediaKind",
        "SightingKindEnum": "catalog.choices.SightingKind",
        "ClaimKindEnum": "catalog.choices.ClaimKind",
        "PlaceKindEnum": "catalog.choices.PlaceKind",
        "ChannelStatusEnum": "catalog.choices.ChannelStatus",
        "ClaimStatusEnum": "catalog.choices.ClaimStatus",
        "EnrichmentKindEnum": "provenance.choices.EnrichmentKind",
        "JobStatusEnum": "provenance.choices.JobStatus",
    },
    "SERVE_PERMISSIONS": ["catalog.api.permissions.IsAnalyst"],
    # Docs assets are served from the installed sidecar package: nothing is fetched from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Celery: REDIS_URL selects Redis; without it, kombu's filesystem transport needs no server.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": 2 * 60 * 60,
        # Lets several deployments (or test runs) share one Redis without sharing queues.
        "global_keyprefix": env("CELERY_REDIS_KEY_PREFIX", default=""),
    }
else:
    BROKER_DIR = Path(env("CELERY_FILESYSTEM_BROKER_DIR", default=str(VAR_DIR / "broker")))
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
    }
    # kombu's filesystem transport expects its folders to exist.
    for folder in ("queue", "control"):
        (BROKER_DIR / folder).mkdir(parents=True, exist_ok=True)
CELERY_TASK_IGNORE_RESULT = True
# With Redis, the cache (partner throttling) is shared by every web process; without it, per process.
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="catalog"),
        }
    }
PARTNER_THROTTLE_RATE = env("PARTNER_THROTTLE_RATE", default="600/min")
# Refused API keys per client address before every API key from it is answered 429 (catalog/api/throttling.py).
API_KEY_FAILURE_RATE = env("API_KEY_FAILURE_RATE", default="20/min")
# Reverse proxies (addresses or CIDR networks) whose X-Forwarded-For names the client; see docs/proxy.md.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
# JSON bodies nested deeper than this are refused with a 400 (catalog/api/parsers.py).
API_MAX_JSON_DEPTH = env.int("API_MAX_JSON_DEPTH", default=32)
# A gap in the change feed younger than this may be a transaction still committing: pages stop before it.
FEED_SETTLE_SECONDS = env.int("FEED_SETTLE_SECONDS", default=30)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = Queue.ENRICH.value
# Task names start with the queue they belong to.
CELERY_TASK_ROUTES = {f"*.{queue}.*": {"queue": queue.value} for queue in Queue}
CELERY_TASK_TIME_LIMIT = 30 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 25 * 60
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE = {
    "resend-unsent-jobs": {
        "task": "provenance.enrich.resend_unsent_jobs",
        "schedule": 60.0,
    },
    **{
        f"verify-{kind}": {
            "task": "catalog.verify.schedule_verification",
            "schedule": env.float(f"VERIFY_{kind.upper()}_EVERY_SECONDS", default=every),
            "args": (kind,),
        }
        for kind, every in (
            ("timeline", 60 * 60), ("identity", 60 * 60), ("liveness", 6 * 60 * 60), ("rematch", 24 * 60 * 60),
        )
    },
    "check-fixity": {
        "task": "provenance.verify.run_fixity_check",
        "schedule": env.float("FIXITY_CHECK_EVERY_SECONDS", default=24 * 60 * 60),
    },
    "publish-pdq-index": {
        "task": "provenance.enrich.publish_pdq_index",
        "schedule": env.float("PDQ_INDEX_PUBLISH_EVERY_SECONDS", default=60),
    },
    "anchor-custody": {
        "task": "provenance.verify.anchor_custody",
        "schedule": env.float("CUSTODY_ANCHOR_EVERY_SECONDS", default=60 * 60),
    },
}

# A job still pending this long after it was enqueued is sent again by the sweeper.
JOB_RESEND_AFTER_SECONDS = env.int("JOB_RESEND_AFTER_SECONDS", default=5 * 60)
# A running job whose worker has been silent this long may be claimed again.
JOB_LEASE_SECONDS = env.int("JOB_LEASE_SECONDS", default=CELERY_TASK_TIME_LIMIT + 60)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    # faiss reports at INFO which CPU build it loaded, in every process.
    "loggers": {"faiss.loader": {"level": "WARNING"}},
}

# Operations: /health/ and /metrics (config/health.py, config/metrics.py).
# A bearer token that unlocks /metrics and the details of /health/; empty means nobody holds one.
OPERATIONS_TOKEN = env("DJANGO_OPERATIONS_TOKEN", default="")
# Addresses (CIDR) that may scrape /metrics without the token, when they reach the app directly (no proxy).
METRICS_ALLOWED_NETWORKS = env.list("METRICS_ALLOWED_NETWORKS", default=[])
HEALTH_BROKER_TIMEOUT_SECONDS = env.float("HEALTH_BROKER_TIMEOUT_SECONDS", default=2.0)
# How long /health/ waits for workers to answer; the filesystem broker polls once a second, so keep it above that.
HEALTH_WORKER_TIMEOUT_SECONDS = env.float("HEALTH_WORKER_TIMEOUT_SECONDS", default=1.5)
HEALTH_WORKERS_CACHE_SECONDS = env.float("HEALTH_WORKERS_CACHE_SECONDS", default=10.0)

# Content-Security-Policy (django-csp): scripts, styles and fonts from this origin only, no inline script, no
# framing. The admin needs nothing more; the API docs (Swagger UI from drf_spectacular_sidecar, served as static
# files) need their init script served as a file (SpectacularSwaggerSplitView) and the hash of the small inline
# <style> block of drf-spectacular's swagger_ui.html (tests/faults/test_production_settings.py recomputes it).
SWAGGER_UI_INLINE_STYLE_HASH = "'sha256-MMpT0iDxyjALd9PdfepImGX3DBfJPXZ4IlDWdPAgtn0='"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, SWAGGER_UI_INLINE_STYLE_HASH],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}

# Analyst workspace at /desk/ (catalog/workspace/): its template filters ({% load workspace %}), and how long a
# logged reveal of a graphic frame or original lets the analyst who made it load the unblurred bytes.
TEMPLATES[0]["OPTIONS"].setdefault("libraries", {})["workspace"] = "catalog.workspace.templatetags"
WORKSPACE_REVEAL_SECONDS = env.int("WORKSPACE_REVEAL_SECONDS", default=60 * 60)
# How often an open inbox or dossier asks for news (htmx polling); a worker's job takes seconds to minutes.
WORKSPACE_POLL_SECONDS = env.int("WORKSPACE_POLL_SECONDS", default=10)
