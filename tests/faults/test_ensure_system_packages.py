"""bin/ensure-system-packages: an error in CI when a package stays missing, a friendly note on a laptop.

The package name is one no Debian archive knows, so apt-get (where the test runs as root) fails in seconds, offline
too; the script's own packages are installed already wherever the suite runs.
"""

import os
import subprocess

import pytest

from tests.integration.workers import PROJECT_DIR

SCRIPT = PROJECT_DIR / "bin" / "ensure-system-packages"
UNKNOWN_PACKAGE = "no-such-package-for-the-ensure-test"


def ensure(**env):
    base = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": "/tmp", "LANG": "C.UTF-8"}
    return subprocess.run([str(SCRIPT), UNKNOWN_PACKAGE], env={**base, **env}, capture_output=True, text=True,
                          timeout=300)


@pytest.mark.parametrize("ci_env", [{"REQUIRE_SERVICES": "1"}, {"CI": "true"}], ids=["REQUIRE_SERVICES", "CI"])
def test_in_ci_it_exits_non_zero_when_a_package_cannot_be_installed(ci_env):
    done = ensure(**ci_env)

    assert done.returncode != 0, done.stdout + done.stderr
    assert UNKNOWN_PACKAGE in done.stderr


def test_on_a_laptop_it_names_the_missing_package_and_carries_on():
    done = ensure()

    assert done.returncode == 0, done.stdout + done.stderr
    assert f"Please install these Debian packages (or your system's equivalents): {UNKNOWN_PACKAGE}" in done.stderr
