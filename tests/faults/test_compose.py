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


def command_of(service):
    command = service.get("command") or ""
    return command if isinstance(command, str) else " ".join(command)


def worker_services(services):
    """{name: queues} of the services that run a Celery worker."""
    return {
        name: set(command_of(service).split("--queues", 1)[1].split()[0].split(","))
        for name, service in services.items()
        if " worker " in f" {command_of(service)} " and "--queues" in command_of(service)
    }


def test_the_compose_stack_has_a_worker_for_every_queue_and_redis_with_an_append_only_file():
    services = yaml.safe_load(compose_config(**REQUIRED).stdout)["services"]

    served = set().union(*worker_services(services).values())
    assert served == {queue.value for queue in Queue}
    assert "--appendonly yes" in command_of(services["redis"])


def test_exactly_one_service_runs_beat():
    services = yaml.safe_load(compose_config(**REQUIRED).stdout)["services"]

    assert [name for name, service in services.items() if " beat " in f" {command_of(service)} "] == ["beat"]


def test_every_worker_service_can_be_scaled_without_a_conflict():
    services = yaml.safe_load(compose_config(**REQUIRED).stdout)["services"]
    workers = worker_services(services)

    # A fixed container name or a host port can be held by one replica only: `--scale worker-enrich=4` would fail.
    assert set(workers) == {f"worker-{queue.value}" for queue in Queue}
    for name in workers:
        assert "container_name" not in services[name], name
        assert not services[name].get("ports"), name


def test_every_service_that_searches_or_publishes_the_index_mounts_the_one_shared_index_volume():
    config = yaml.safe_load(compose_config(**REQUIRED).stdout)
    services = config["services"]

    for name in ["web", "beat", *worker_services(services)]:
        index_dir = services[name]["environment"]["PDQ_INDEX_DIR"]
        mounts = {(volume["source"], volume["target"]) for volume in long_volumes(services[name])}
        assert ("pdq-index", index_dir) in mounts, name
    assert "pdq-index" in config["volumes"]


def long_volumes(service):
    """A service's volumes as {source, target}, whichever syntax the compose implementation printed."""
    for volume in service.get("volumes", []):
        if isinstance(volume, str):
            source, target = volume.split(":")[:2]
            yield {"source": source, "target": target}
        else:
            yield volume


def test_the_compose_stack_keeps_evidence_in_s3_compatible_storage():
    services = yaml.safe_load(compose_config(**REQUIRED).stdout)["services"]

    assert "minio" in services
    for name in ("web", "worker-enrich", "beat"):
        environment = services[name]["environment"]
        assert environment["AWS_STORAGE_BUCKET_NAME"] == "evidence"
        assert environment["AWS_S3_ENDPOINT_URL"] == "http://minio:9000"
