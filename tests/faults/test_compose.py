"""docker-compose.yml is valid, and runs what the fault tests rely on: a worker for every queue, Redis with AOF.

Validation needs a compose implementation but no engine: `docker compose` (the v2 plugin) where it is installed,
else Debian's `docker-compose` 1.29. Without either, these tests skip and say so (fail in CI).
"""

import shutil
import subprocess

import yaml

from config.queues import Queue
from tests.conftest import require_service
from tests.integration.workers import PROJECT_DIR

COMPOSE_FILE = PROJECT_DIR / "docker-compose.yml"


def compose_command():
    if shutil.which("docker"):
        probe = subprocess.run(["docker", "compose", "version"], capture_output=True, text=True, timeout=60)
        if probe.returncode == 0:
            return ["docker", "compose"]
    require_service("A compose implementation (the `docker compose` plugin or `docker-compose`)",
                    bool(shutil.which("docker-compose")), hint="`make test` installs docker-compose")
    return ["docker-compose"]


def compose_config(*args, **env):
    return subprocess.run(
        [*compose_command(), "-f", str(COMPOSE_FILE), "config", *args],
        cwd=PROJECT_DIR, capture_output=True, text=True, timeout=120,
        env={"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": "/tmp", **env},
    )


REQUIRED = {
    "DJANGO_SECRET_KEY": "x" * 50, "POSTGRES_PASSWORD": "compose-test-password", "MINIO_ROOT_PASSWORD": "minio-pass",
}


def test_the_compose_file_is_valid():
    done = compose_config("-q", **REQUIRED)

    assert done.returncode == 0, done.stderr


def test_the_compose_file_refuses_to_run_without_its_secrets():
    done = compose_config("-q", POSTGRES_PASSWORD="compose-test-password", MINIO_ROOT_PASSWORD="minio-pass")

    assert done.returncode != 0
    assert "DJANGO_SECRET_KEY" in done.stderr


def test_the_compose_stack_has_a_worker_for_every_queue_and_redis_with_an_append_only_file():
    done = compose_config(**REQUIRED)
    services = yaml.safe_load(done.stdout)["services"]

    served = set()
    for service in services.values():
        command = service.get("command") or []
        command = command if isinstance(command, str) else " ".join(command)
        if " worker " in f" {command} " and "--queues" in command:
            served.update(command.split("--queues", 1)[1].split()[0].split(","))
    assert served >= {queue.value for queue in Queue}
    redis_command = services["redis"]["command"]
    redis_command = redis_command if isinstance(redis_command, str) else " ".join(redis_command)
    assert "--appendonly yes" in redis_command
    assert any(service.get("command", "") and "beat" in str(service["command"]) for service in services.values())


def test_the_compose_stack_keeps_evidence_in_s3_compatible_storage():
    services = yaml.safe_load(compose_config(**REQUIRED).stdout)["services"]

    assert "minio" in services
    for name in ("web", "worker-enrich", "beat"):
        environment = services[name]["environment"]
        assert environment["AWS_STORAGE_BUCKET_NAME"] == "evidence"
        assert environment["AWS_S3_ENDPOINT_URL"] == "http://minio:9000"
