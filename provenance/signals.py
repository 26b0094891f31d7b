from django.dispatch import Signal

# Sent inside the transaction that records near-duplicate matches of a file, with `matches` (FileMatch rows).
# The catalogue listens and turns them into proposals about items; provenance itself knows nothing of items.
file_matches_found = Signal()

# Sent inside the transaction that records a file's new matches with external hash lists, with `matches`
# (ExternalSignalMatch rows); the catalogue raises a finding naming the list on each item holding the file.
external_signals_matched = Signal()

# Sent inside the transaction that records the text read off a file's frames, with `media_file` and `texts`
# (FrameText rows, possibly none). The catalogue turns them into hints about items' producers and identities.
frame_texts_recorded = Signal()
