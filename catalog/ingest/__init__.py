"""Scraped news reports in; a structured report and a draft for analyst review out. No database access."""

from .extraction import Draft, build_draft
from .scraped_report import ScrapedReport, UnreadableReport, parse_scraped_report

__all__ = ["Draft", "ScrapedReport", "UnreadableReport", "build_draft", "parse_scraped_report"]
