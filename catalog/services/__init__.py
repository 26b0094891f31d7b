"""Catalogue workflows that touch several rows; the API, admin, tasks and commands all call these."""

from .drafts import accept_draft, find_ingested, ingest_report, reject_draft, section_paths
from .evidence import attach_file, request_url_capture, request_url_captures, run_url_capture
from .items import create_item, update_item
from .names import replace_names
from .resolution import person_candidates, place_from_gazetteer, resolve_place
from .reviews import (
    approve_review,
    awaiting_approval,
    reject_review,
    resolve_identity,
    review_claim_status,
    review_item_authenticity,
    send_back_review,
    verdict_state,
    withdraw_review,
)
from .variants import confirm_variant, propose_variants, reject_variant
from .verification import raise_finding, request_verification, run_verification

__all__ = [
    "accept_draft", "find_ingested", "ingest_report", "reject_draft", "section_paths",
    "approve_review", "attach_file", "awaiting_approval", "confirm_variant", "propose_variants", "reject_variant", "replace_names", "request_url_capture", "request_url_captures", "create_item", "update_item", "resolve_identity", "review_claim_status",
    "reject_review", "send_back_review", "verdict_state", "withdraw_review",
    "person_candidates", "place_from_gazetteer", "raise_finding", "resolve_place", "request_verification", "review_item_authenticity", "run_url_capture", "run_verification",
]
