"""Evidence workflows: receiving bytes, the custody chain and its anchors, fixity checks and enrichment jobs."""

from .anchoring import anchor_custody, inclusion_proof
from .custody import WORKER, find_broken_custody_links, record_custody
from .custody_check import check_custody
from .enrichment import request_enrichment, run_enrichment_job
from .files import FileTooLarge, hash_stored_file, hash_stream, iter_chunks, receive_file, validate_original_filename
from .fixity import run_fixity_check
from .matching import publish_index

__all__ = [
    "WORKER", "FileTooLarge", "anchor_custody", "check_custody", "find_broken_custody_links", "hash_stored_file",
    "hash_stream", "inclusion_proof", "iter_chunks", "publish_index", "receive_file", "record_custody", "request_enrichment",
    "run_enrichment_job", "run_fixity_check", "validate_original_filename",
]
