from pathlib import Path

import pytest

from catalog.demo_case import REPORT_RAW_TEXT
from catalog.ingest import build_draft, parse_scraped_report

EXAMPLES = Path(__file__).resolve().parent / "examples"


@pytest.fixture(autouse=True)
def gazetteer(db):
    """Reading a report asks the gazetteer table (in every test database, filled by its migration) which words are
    towns."""


@pytest.fixture(scope="module")
def case_report(django_db_setup, django_db_blocker):
    """The Deir Ezzor report exactly as the scraper saved it; the project keeps its own byte-identical copy."""
    with django_db_blocker.unblock():
        return parse_scraped_report(REPORT_RAW_TEXT)


@pytest.fixture(scope="module")
def case_draft(case_report, django_db_blocker):
    with django_db_blocker.unblock():
        return build_draft(case_report).to_dict()
