"""Every skip goes through tests.conftest.require_service, so that CI (REQUIRE_SERVICES=1) fails instead of skipping.

A skip anywhere else (pytest.skip, a skipif mark, importorskip, unittest's skips) would let a missing PostgreSQL,
Redis or tool pass CI silently.
"""

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent
SKIPPING_NAMES = {"skip", "skipif", "importorskip", "SkipTest", "skipTest", "skipIf", "skipUnless"}


def skips_in(path):
    """(line, name) of every use of a skipping name in the file, with the function it is in."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = []

    def visit(node, function):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            function = node.name
        name = node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else None
        if name in SKIPPING_NAMES:
            found.append((node.lineno, name, function))
        for child in ast.iter_child_nodes(node):
            visit(child, function)

    visit(tree, None)
    return found


def test_every_skip_goes_through_the_one_helper_that_fails_in_ci():
    stray = [
        f"{path.relative_to(TESTS.parent)}:{line}: {name}"
        for path in sorted(TESTS.rglob("*.py"))
        for line, name, function in skips_in(path)
        if not (path == TESTS / "conftest.py" and function == "require_service")
    ]

    assert stray == [], "skip with tests.conftest.require_service instead:\n" + "\n".join(stray)


def test_the_skip_finder_sees_each_way_of_skipping(tmp_path):
    sample = tmp_path / "test_sample.py"
    sample.write_text(
        "import pytest, unittest\n"
        "pytestmark = pytest.mark.skipif(True, reason='x')\n"
        "@pytest.mark.skip\n"
        "def test_a():\n"
        "    pytest.skip('x')\n"
        "yaml = pytest.importorskip('yaml')\n"
        "raise unittest.SkipTest('x')\n"
    )

    assert [name for _, name, _ in skips_in(sample)] == ["skipif", "skip", "skip", "importorskip", "SkipTest"]
