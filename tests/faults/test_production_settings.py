"""Production settings, run in processes of their own with a production environment, and the
Content-Security-Policy that every environment sends.

Production reads no .env file (config/settings/base.py), so a developer's .env cannot leak into these runs.
"""

import base64
import hashlib
import json
import os
import re
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import Client

from tests.factories import AnalystFactory, UserFactory
from tests.integration.workers import PROJECT_DIR

def production_environment(**overrides):
    """The variables production requires and nothing of the developer's own DJANGO_* settings."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "CELERY_")) and key not in ("DATABASE_URL", "REDIS_URL")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="catalog.example.org",
        # Neither is reached: `check` opens no connection.
        DATABASE_URL="postgres://catalog:db-password@db.internal:5432/catalog",
        REDIS_URL="redis://redis.internal:6379/0",
    )
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


def run(args, env):
    return subprocess.run(
        [sys.executable, *args], cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=180
    )


def test_the_deploy_check_passes_with_the_production_environment():
    done = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_environment())

    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_the_deploy_check_fails_on_a_weak_secret_key():
    done = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        production_environment(DJANGO_SECRET_KEY="too-short"),
    )

    assert done.returncode == 1
    assert "security.W009" in done.stderr


def test_production_refuses_to_start_without_a_secret_key():
    done = run(["manage.py", "check"], production_environment(DJANGO_SECRET_KEY=None))

    assert done.returncode != 0
    assert "ImproperlyConfigured" in done.stderr and "DJANGO_SECRET_KEY" in done.stderr


def test_production_reads_no_env_file_where_local_settings_would(tmp_path):
    dot_env = tmp_path / ".env"
    dot_env.write_text(f"DJANGO_SECRET_KEY={secrets.token_urlsafe(50)}\nFEED_SETTLE_SECONDS=17\n")
    show = "import django; django.setup(); from django.conf import settings; print(settings.FEED_SETTLE_SECONDS)"

    local = run(["-c", show], production_environment(DJANGO_SETTINGS_MODULE="config.settings.local",
                                                     DJANGO_ENV_FILE=str(dot_env)))
    production = run(["manage.py", "check"], production_environment(DJANGO_SECRET_KEY=None,
                                                                     DJANGO_ENV_FILE=str(dot_env)))

    assert local.stdout.strip() == "17", local.stderr
    assert production.returncode != 0
    assert "ImproperlyConfigured" in production.stderr and "DJANGO_SECRET_KEY" in production.stderr


SHOW_SETTINGS = """
import json, django
django.setup()
from django.conf import settings
from config.celery_app import app
print(json.dumps({
    "debug": settings.DEBUG,
    "session_cookie_secure": settings.SESSION_COOKIE_SECURE,
    "session_cookie_httponly": settings.SESSION_COOKIE_HTTPONLY,
    "csrf_cookie_secure": settings.CSRF_COOKIE_SECURE,
    "hsts": settings.SECURE_HSTS_SECONDS,
    "csp_middleware": "csp.middleware.CSPMiddleware" in settings.MIDDLEWARE,
    "celery_hijacks_logging": app.conf.worker_hijack_root_logger,
    "visibility_timeout": app.conf.broker_transport_options["visibility_timeout"],
}))
"""


def test_production_has_secure_cookies_hsts_csp_and_keeps_workers_on_its_log_format():
    done = run(["-c", SHOW_SETTINGS], production_environment())
    shown = json.loads(done.stdout.strip().splitlines()[-1])

    assert shown == {
        "debug": False,
        "session_cookie_secure": True,
        "session_cookie_httponly": True,
        "csrf_cookie_secure": True,
        "hsts": 60 * 60 * 24 * 30,
        "csp_middleware": True,
        "celery_hijacks_logging": False,
        "visibility_timeout": 2 * 60 * 60,
    }


def test_production_logs_one_json_object_per_line_even_for_a_message_with_a_newline():
    script = (
        "import django, logging; django.setup();"
        "logging.getLogger('catalog.upload').warning('received %s', 'evil\\nFORGED line', extra={'job': 7})"
    )
    done = run(["-c", script], production_environment())
    lines = done.stderr.strip().splitlines()

    assert len(lines) == 1, done.stderr
    entry = json.loads(lines[0])
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "catalog.upload"
    assert entry["message"] == "received evil\nFORGED line"
    assert entry["job"] == 7
    assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$", entry["time"])


def csp_directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy_without_inline_script():
    staff = Client()
    staff.force_login(UserFactory(is_staff=True, is_superuser=True))

    for response in (Client().get("/admin/login/"), staff.get("/admin/")):
        assert response.status_code == 200
        directives = csp_directives(response)
        assert directives["script-src"] == ["'self'"]
        assert directives["frame-ancestors"] == ["'none'"]
        assert directives["object-src"] == ["'none'"]
        # The admin's own inline blocks are data (json_script), which the browser does not execute.
        for attributes in re.findall(rb"<script([^>]*)>", response.content):
            assert b"src=" in attributes or b'type="application/json"' in attributes, attributes


@pytest.mark.django_db
def test_the_api_docs_run_under_the_policy():
    analyst = Client()
    analyst.force_login(AnalystFactory())

    page = analyst.get("/api/v1/docs/")
    script = analyst.get("/api/v1/docs/?script=")

    assert page.status_code == 200
    # No inline script: Swagger UI's init script comes as a file of its own, from this origin.
    assert all(b"src=" in attributes for attributes in re.findall(rb"<script([^>]*)>", page.content))
    assert script.status_code == 200 and script["Content-Type"].startswith("application/javascript")
    assert b"SwaggerUIBundle" in script.content
    # The page's one inline <style> block is allowed by its hash (a drf-spectacular upgrade may change it).
    allowed = csp_directives(page)["style-src"]
    for style in re.findall(rb"<style>(.*?)</style>", page.content, re.S):
        digest = base64.b64encode(hashlib.sha256(style).digest()).decode()
        assert f"'sha256-{digest}'" in allowed, f"update SWAGGER_UI_INLINE_STYLE_HASH to 'sha256-{digest}'"
    assert settings.SPECTACULAR_SETTINGS["SWAGGER_UI_DIST"] == "SIDECAR"
