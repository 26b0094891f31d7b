"""Before/after table from ONE run: the base commit's rules and the working tree's, on every labelled set.

Run from the repository root:  .venv/bin/python bench/extraction/compare.py [--base COMMIT] [--write]
(with a migrated database's environment, as evaluate.py).
The old rules are `catalog/ingest` as it was at COMMIT (default: the commit before issue 12's extraction work),
read out of git into a temporary package; both run in this one process, on the same files.
--write saves the table to results-before-after.txt.
"""

import argparse
import importlib.util
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

import evaluate  # noqa: E402

BASE = "821f7b31c0b28400fb095cc564171ccd65f5c21e"  # the branch point of issue 12's extraction work
ROUND1 = "6089ab1"  # the last commit of issue 12's first round of extraction work
ROUND2 = "539ebc1"  # the last commit of issue 12's second round
RESULTS = HERE / "results-before-after.txt"


def load_old_rules(commit, into, package_name="ingest_at_base"):
    """catalog/ingest at `commit`, imported as a package of its own (its catalog.* imports stay current)."""
    archive = subprocess.run(
        ["git", "archive", "--format=tar", commit, "catalog/ingest"], cwd=ROOT, capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    package = Path(into) / "catalog" / "ingest"
    spec = importlib.util.spec_from_file_location(
        package_name, package / "__init__.py", submodule_search_locations=[str(package)]
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[package_name] = module
    spec.loader.exec_module(module)
    return module


def score(name, parse, build):
    tally = evaluate.Tally()
    paths = sorted((HERE / name).glob("*.txt"))
    for path in paths:
        evaluate.evaluate_report(path, tally, parse, build)
    return tally


def rate(counts):
    correct, proposed, labelled = counts
    return (correct / proposed if proposed else 1.0), (correct / labelled if labelled else 1.0)


def main():
    arguments = argparse.ArgumentParser(description=__doc__)
    arguments.add_argument("--base", default=BASE)
    arguments.add_argument("--round1", default=ROUND1)
    arguments.add_argument("--round2", default=ROUND2)
    arguments.add_argument("--write", action="store_true")
    options = arguments.parse_args()
    lines = [
        f"base = catalog/ingest at {options.base[:12]} (before issue 12); round 1 = at {options.round1[:12]};",
        f"round 2 = at {options.round2[:12]}; round 3 = the working tree. One run, every set. Cells: precision /",
        "recall. 'fields right' = correct / max(proposed, labelled), summed over the 14 fields of the brief.",
        "Only unseen4/ is meant to be untouched by the rules (see README.md for each set's history).",
        "",
    ]
    columns = ("base", "round 1", "round 2", "round 3")
    with (
        tempfile.TemporaryDirectory() as first,
        tempfile.TemporaryDirectory() as second,
        tempfile.TemporaryDirectory() as third,
    ):
        rules = {
            "base": load_old_rules(options.base, first, "ingest_at_base"),
            "round 1": load_old_rules(options.round1, second, "ingest_at_round1"),
            "round 2": load_old_rules(options.round2, third, "ingest_at_round2"),
            "round 3": evaluate,
        }
        for name in evaluate.SETS:
            tallies = {c: score(name, rules[c].parse_scraped_report, rules[c].build_draft) for c in columns}
            lines.append(f"Set {name}/")
            lines.append(f"{'field':<22}" + "".join(f"{c:>16}" for c in columns))
            totals = {c: [0, 0] for c in columns}
            for field, required in evaluate.FIELDS:
                cells = []
                for column in columns:
                    counts = tallies[column].counts[field]
                    precision, recall = rate(counts)
                    cells.append(f"{precision:6.1%} /{recall:6.1%}")
                    if required:
                        totals[column][0] += counts[0]
                        totals[column][1] += max(counts[1], counts[2])
                lines.append(f"{field + ('' if required else ' *'):<22}" + "".join(f"{cell:>16}" for cell in cells))
            right = {c: (k / n if n else 1.0) for c, (k, n) in totals.items()}
            lines.append(
                f"{'fields right':<22}"
                + "".join(f"{right[c]:>16.1%}" for c in columns)
                + f"   (goal >= {evaluate.TARGET:.0%}; * = supplementary, not counted)"
            )
            lines.append("")
    output = "\n".join(lines)
    print(output)
    if options.write:
        RESULTS.write_text(output + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
