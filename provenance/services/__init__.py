"""Evidence workflows: receiving bytes, the custody chain, fixity checks and enrichment jobs."""

from .custody import WORKER, find_broken_custody_links, record_custody
from .enrichment import request_enrichment, run_enrichment_job
from .files import FileTooLarge, hash_stored_file, hash_stream, iter_chunks, receive_file, validate_original_filename
from .fixity import run_fixity_check

__all__ = [
    "WORKER", "FileTooLarge", "find_broken_custody_links", "hash_stored_file", "hash_stream", "iter_chunks",
    "receive_file", "record_custody", "request_enrichment", "run_enrichment_job", "run_fixity_check",
    "validate_original_filename",
]
