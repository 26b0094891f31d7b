from pathlib import Path

from catalog import services
from catalog.demo_case import REPORT_RAW_TEXT

EXAMPLES = Path(__file__).resolve().parents[1] / "ingest" / "examples"


def case_draft():
    """The Deir Ezzor 2017 report, ingested as the scraper saved it."""
    return services.ingest_report(REPORT_RAW_TEXT)


def part(draft, path):
    """A part of a draft's payload by its path ('claims.3')."""
    section, _, index = path.partition(".")
    return draft.payload[section] if not index else draft.payload[section][int(index)]


def paths_where(draft, section, **wanted):
    """Paths of the parts of a section whose payload has the wanted values."""
    return [
        f"{section}.{index}" for index, proposal in enumerate(draft.payload[section])
        if all(proposal.get(key) == value for key, value in wanted.items())
    ]
