"""Settings shared by every environment; values come from the environment (django-environ)."""

from pathlib import Path

import environ

from config.queues import Queue

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
env.read_env(BASE_DIR / ".env", overwrite=False)

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
    "rest_framework",
    "rest_framework.authtoken",
    "rest_framework_api_key",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "provenance",
    "catalog",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
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
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Evidence files larger than this are refused (413) while they are received.
MAX_UPLOAD_BYTES = env.int("MAX_UPLOAD_BYTES", default=4 * 1024**3)
# Decoding one file may take this long; the task's hard limit sits a little above it.
MEDIA_DECODE_SECONDS = env.int("MEDIA_DECODE_SECONDS", default=300)
# Capturing from loopback or private addresses is refused unless allowed (local and test settings allow it).
CAPTURE_ALLOW_PRIVATE_ADDRESSES = env.bool("CAPTURE_ALLOW_PRIVATE_ADDRESSES", default=False)
# Uploads above this stay on disk while they are received instead of in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

LOGIN_URL = "admin:login"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["catalog.api.permissions.IsAnalyst"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
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
        for kind, every in (("timeline", 60 * 60), ("identity", 60 * 60), ("liveness", 6 * 60 * 60))
    },
    "check-fixity": {
        "task": "provenance.verify.run_fixity_check",
        "schedule": env.float("FIXITY_CHECK_EVERY_SECONDS", default=24 * 60 * 60),
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
}
