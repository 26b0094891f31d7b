from pathlib import Path

import pytest

from catalog.demo_case import REPORT_RAW_TEXT
from catalog.ingest import build_draft, parse_scraped_report

EXAMPLES = Path(__file__).resolve().parent / "examples"


@pytest.fixture(scope="module")
def case_report():
    """The Deir Ezzor report exactly as the scraper saved it; the project keeps its own byte-identical copy."""
    return parse_scraped_report(REPORT_RAW_TEXT)


@pytest.fixture(scope="module")
def case_draft(case_report):
    return build_draft(case_report).to_dict()
