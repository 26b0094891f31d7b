"""Example values of the evidence API's schema: the stored file of the Amaq video of October 2017 (the catalogue's
first case, catalog.demo_case), as analysts read it. The catalogue's examples reuse these for the same file."""

API_ROOT = "https://catalogue.example.org/api/v1"

MEDIA_FILE_SUMMARY = {
    "id": 3, "sha256": "0025586cfe38995a531cb75ccd063ac1a384931cf46e8b9497375a75c692d9ab",
    "md5": "ef1e286a5b69da49b0aa4e7ab20969e2", "size": 18734112,
}
ORIGINAL_FILENAME = "amaq_2017-10-03_russian_prisoners.mp4"
RECEIVED_AT = "2024-05-02T08:31:00Z"

HASHES_JOB_SUMMARY = {
    "id": 101, "kind": "hashes", "status": "succeeded", "error": "", "finished_at": "2024-05-02T08:31:04Z",
}
ANALYSIS_JOB_SUMMARY = {
    "id": 102, "kind": "analysis", "status": "succeeded", "error": "", "finished_at": "2024-05-02T08:32:40Z",
}
JOB_SUMMARIES = [HASHES_JOB_SUMMARY, ANALYSIS_JOB_SUMMARY]

MEDIA_FILE = {
    **MEDIA_FILE_SUMMARY, "original_filename": ORIGINAL_FILENAME, "received_at": RECEIVED_AT, "jobs": JOB_SUMMARIES,
}

ENRICHMENT_JOB = {
    "id": 101, "media_file": MEDIA_FILE_SUMMARY, "kind": "hashes", "status": "succeeded", "attempts": 1, "error": "",
    "result": {key: MEDIA_FILE_SUMMARY[key] for key in ("sha256", "md5", "size")},
    "created_at": RECEIVED_AT, "enqueued_at": RECEIVED_AT, "started_at": "2024-05-02T08:31:02Z",
    "finished_at": HASHES_JOB_SUMMARY["finished_at"],
}

# The video is graphic (it shows prisoners): its keyframes are served blurred, the unblurred one on request.
KEYFRAME = {
    "id": 88, "position_seconds": 12.0, "width": 640, "height": 360, "blurred": True,
    "url": f"{API_ROOT}/media-files/3/derived/88/",
    "unblurred_url": f"{API_ROOT}/media-files/3/derived/88/?unblurred=1",
}
