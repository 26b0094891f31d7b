from django.dispatch import Signal

# Sent inside the transaction that records near-duplicate matches of a file, with `matches` (FileMatch rows).
# The catalogue listens and turns them into proposals about items; provenance itself knows nothing of items.
file_matches_found = Signal()
