"""Example values of the API's schema: the catalogue's first case (catalog.demo_case), the Islamic State "Amaq"
video of October 2017 from Deir ez-Zor in which two men name themselves as captured Russian soldiers, while
Russia's defence ministry denies any capture.

A record has the same id and values wherever it appears (in full, as a summary, nested or in a request), so an
example of one endpoint can be followed to another. Responses are as analysts read them; requests hold only the
fields a client writes, with relations as ids.
"""

from provenance.api import examples as evidence

# Who did what, and when the case was catalogued.
ANALYST = {"id": 1, "username": "analyst"}
SECOND_ANALYST = {"id": 2, "username": "second-analyst"}
CATALOGUED_AT = "2024-05-02T08:12:00Z"
REVIEWED_AT = "2024-05-02T09:30:00Z"

# Summaries: how a relation reads.
ISLAMIC_STATE = {"id": 1, "name": "Islamic State"}
AMAQ = {"id": 2, "name": "Amaq News Agency"}
NEWSWEEK = {"id": 3, "name": "Newsweek"}
HMEYMIM_GROUP = {"id": 7, "name": "Russian Armed Forces group at Hmeymim airbase"}
DEIR_EZ_ZOR = {"id": 3, "name": "Deir ez-Zor"}
SHULA = {"id": 4, "name": "Shula"}
AKSAYSKY_DISTRICT = {"id": 10, "name": "Aksaysky District"}
RASSVET = {"id": 11, "name": "Rassvet"}
PERSON_SUMMARY = {"id": 3, "canonical_name": "Roman Zabolotny"}
TAGS = [{"id": 1, "name": "prisoners"}, {"id": 2, "name": "proof-of-life"}, {"id": 3, "name": "syria"},
        {"id": 4, "name": "russia"}]
AMAQ_TELEGRAM = {"id": 1, "platform": "telegram", "handle": "Amaq News Agency", "url": "https://t.me/amaqagency"}
NEWSWEEK_SITE = {"id": 3, "platform": "website", "handle": "newsweek.com", "url": "https://www.newsweek.com"}
MEDIA_ITEM_SUMMARY = {"id": 42, "title": 'Amaq "proof of life" video of two men presented as captured Russian soldiers'}
REPORT_TITLE = "Isis releases video of captured Russian soldiers that Russia denies losing in Syria"
REPORT_SUMMARY = {"id": 31, "title": REPORT_TITLE}
RELEASE_URL = "https://t.me/amaqagency/1234"
REPORT_URL = "https://www.newsweek.com/isis-releases-video-captured-russian-soldiers-russia-denies-losing-syria"
RELEASE_SIGHTING = {"id": 311, "url": RELEASE_URL}
ZABOLOTNY = {"id": 21, "name_as_stated": "Zabolotny Roman"}

VIDEO_CLAIM_TEXT = (
    "The two men in the video are Russian servicemen, taken prisoner during an Islamic State counterattack in the "
    "Shula area of Deir Ezzor."
)
IS_CLAIM_TEXT = (
    "Islamic State captured two Russian soldiers near Deir Ezzor while resisting the Syrian military's advance on "
    "the city."
)
DENIAL_TEXT = (
    "All Russian servicemen in Syria are safe; there were no incidents of capture or losses among them in Deir "
    "Ezzor Governorate or elsewhere in Syria. Said on 28 September 2017 and repeated on 3 October 2017, according "
    "to Tass."
)
VIDEO_CLAIM = {"id": 7, "text": VIDEO_CLAIM_TEXT}
IS_CLAIM = {"id": 6, "text": IS_CLAIM_TEXT}
DENIAL = {"id": 8, "text": DENIAL_TEXT}
DISPUTED_RATIONALE = (
    "Claimed by Islamic State and shown in the Amaq video, but officially denied by the Hmeymim spokesperson and "
    "the Russian defence ministry; the identities stated on camera are not independently confirmed."
)

# Reference data

TAG = TAGS[0]
TAG_REQUEST = {"name": "prisoners"}

ORGANIZATION_REQUEST = {
    "name": "Amaq News Agency", "kind": "armed_group_media", "affiliation": ISLAMIC_STATE["id"],
    "description": "The Islamic State's news outlet; credits the group's videos and statements.",
    "aliases": ["Amaq", "A'maq", "وكالة أعماق"],
}
ORGANIZATION = {
    **AMAQ, "kind": "armed_group_media", "affiliation": ISLAMIC_STATE, "description": ORGANIZATION_REQUEST["description"],
    "aliases": [{"name": "Amaq", "script": "latin"}, {"name": "A'maq", "script": "latin"},
                {"name": "وكالة أعماق", "script": "arabic"}],
    "created_at": CATALOGUED_AT, "updated_at": CATALOGUED_AT,
}

PLACE_REQUEST = {
    "name": "Rassvet", "kind": "village", "parent": AKSAYSKY_DISTRICT["id"], "country_code": "RU-ROS",
    "latitude": "47.330000", "longitude": "39.940000", "aliases": ["Рассвет"],
}
PLACE = {
    **RASSVET, "kind": "village", "parent": AKSAYSKY_DISTRICT, "country_code": "RU-ROS", "latitude": "47.330000",
    "longitude": "39.940000", "aliases": [{"name": "Рассвет", "script": "cyrillic"}],
    "created_at": CATALOGUED_AT, "updated_at": CATALOGUED_AT,
}

PERSON_REQUEST = {
    "canonical_name": "Roman Zabolotny", "birth_year": 1979, "birthplace": RASSVET["id"],
    "notes": "Named himself on camera in the Amaq video of 3 October 2017; Russia denies he was captured.",
    "name_variants": ["Zabolotny Roman", "Роман Заболотный"],
}
PERSON = {
    **PERSON_SUMMARY, "birth_year": 1979, "birthplace": RASSVET, "notes": PERSON_REQUEST["notes"],
    "name_variants": [{"name": "Zabolotny Roman", "script": "latin"}, {"name": "Роман Заболотный", "script": "cyrillic"}],
    "created_at": REVIEWED_AT, "updated_at": REVIEWED_AT,
}

CHANNEL_REQUEST = {
    "platform": "telegram", "handle": "Amaq News Agency", "url": AMAQ_TELEGRAM["url"], "operator": AMAQ["id"],
    "status": "active", "status_changed_at": None, "first_active_at": None, "removed_at": None,
}
CHANNEL = {"id": 1, **CHANNEL_REQUEST, "operator": AMAQ, "created_at": CATALOGUED_AT, "updated_at": CATALOGUED_AT}

# The media item and what hangs on it

ITEM_DESCRIPTION = (
    'A "proof of life" video credited to Amaq News Agency (the Islamic State\'s news outlet), released Tuesday '
    "3 October 2017. Two bruised men in grey tunics, one bearded and handcuffed; Russian speech with Arabic "
    "subtitles. Graphic: shows prisoners."
)
MEDIA_ITEM_REQUEST = {
    "kind": "video", "title": MEDIA_ITEM_SUMMARY["title"], "description": ITEM_DESCRIPTION, "languages": ["ru", "ar"],
    "producer": AMAQ["id"], "claimed_release_at": "2017-10-03T00:00:00Z", "duration": None, "is_graphic": True,
    "tlp": "green", "tags": [tag["id"] for tag in TAGS],
}
MEDIA_ITEM = {
    "id": MEDIA_ITEM_SUMMARY["id"], **MEDIA_ITEM_REQUEST, "producer": AMAQ, "tags": TAGS, "authenticity": "NotAssessed",
    "first_seen_at": "2017-10-03T00:00:00Z", "created_by": ANALYST, "created_at": "2024-05-02T08:20:00Z",
    "updated_at": "2024-05-02T08:20:00Z",
}

SIGHTING_REQUEST = {
    "media_item": MEDIA_ITEM_SUMMARY["id"], "channel": NEWSWEEK_SITE["id"], "url": REPORT_URL,
    "kind": "embedded_in_report", "posted_at": "2017-10-04T11:52:38Z", "observed_at": None,
    "derived_from": RELEASE_SIGHTING["id"], "taken_down_at": None, "place": None,
    "notes": "Still from the video in the Newsweek report; its dateline gives no time zone (taken as UTC).",
}
SIGHTING = {
    "id": 313, **SIGHTING_REQUEST, "media_item": MEDIA_ITEM_SUMMARY, "channel": NEWSWEEK_SITE,
    "derived_from": RELEASE_SIGHTING, "created_at": "2024-05-02T08:25:00Z", "updated_at": "2024-05-02T08:25:00Z",
}
TIMELINE = [
    {"id": 311, "media_item": MEDIA_ITEM_SUMMARY, "channel": AMAQ_TELEGRAM, "url": RELEASE_URL,
     "kind": "original_release", "posted_at": "2017-10-03T00:00:00Z", "observed_at": None, "derived_from": None,
     "taken_down_at": "2024-05-02T06:00:00Z"},
    {"id": 313, "media_item": MEDIA_ITEM_SUMMARY, "channel": NEWSWEEK_SITE, "url": REPORT_URL,
     "kind": "embedded_in_report", "posted_at": "2017-10-04T11:52:38Z", "observed_at": None, "derived_from": 311,
     "taken_down_at": None},
]

IDENTITY_ASSERTION_REQUEST = {
    "media_item": MEDIA_ITEM_SUMMARY["id"], "name_as_stated": "Zabolotny Roman", "script": "latin",
    "birth_year_as_stated": 1979, "birthplace_as_stated": "Rustav Oblast, Aksaysk District, village of Rassvet",
    "birthplace": RASSVET["id"], "affiliation_as_stated": "", "mode": "self_identified", "named_by": None,
    "timecode": None,
}
IDENTITY_ASSERTION = {
    "id": ZABOLOTNY["id"], **IDENTITY_ASSERTION_REQUEST, "media_item": MEDIA_ITEM_SUMMARY, "birthplace": RASSVET,
    "person": None, "resolution_confidence": None, "resolved_by": None, "resolved_at": None,
    "created_at": "2024-05-02T08:35:00Z",
}

CLAIM_REQUEST = {
    "text": VIDEO_CLAIM_TEXT, "kind": "capture", "claimant_organization": AMAQ["id"], "claimant_person": None,
    "claimant_description": "", "stated_on": "2017-10-03", "media_item": MEDIA_ITEM_SUMMARY["id"],
    "report": REPORT_SUMMARY["id"], "place": SHULA["id"], "source_reliability": "D", "information_credibility": "3",
    "tlp": "green",
}
CLAIM = {
    "id": VIDEO_CLAIM["id"], **CLAIM_REQUEST, "claimant_organization": AMAQ, "media_item": MEDIA_ITEM_SUMMARY,
    "report": REPORT_SUMMARY, "place": SHULA, "status": "disputed", "admiralty_rating": "D3",
    "created_at": "2024-05-02T08:40:00Z", "updated_at": REVIEWED_AT,
}

CLAIM_LINK_REQUEST = {"source": DENIAL["id"], "target": VIDEO_CLAIM["id"], "relation": "denies", "note": ""}
CLAIM_LINK = {"id": 2, **CLAIM_LINK_REQUEST, "source": DENIAL, "target": VIDEO_CLAIM, "created_at": "2024-05-02T08:45:00Z"}

ITEM_FILE = {
    "id": 12, "media_item": MEDIA_ITEM_SUMMARY, "original_filename": evidence.ORIGINAL_FILENAME,
    "media_file": evidence.MEDIA_FILE_SUMMARY, "enrichment_jobs": evidence.JOB_SUMMARIES, "attached_by": ANALYST,
    "attached_at": evidence.RECEIVED_AT,
}

MEDIA_ITEM_DETAIL = {
    **MEDIA_ITEM,
    "sightings": TIMELINE,
    "claims": [{**VIDEO_CLAIM, "kind": "capture", "status": "disputed", "stated_on": "2017-10-03",
                "claimant_organization": AMAQ, "claimant_person": None}],
    "identity_assertions": [
        {**ZABOLOTNY, "script": "latin", "mode": "self_identified", "timecode": None, "person": None,
         "resolution_confidence": None},
        {"id": 22, "name_as_stated": "Tsurkanov Gregory", "script": "latin", "mode": "named_by_other",
         "timecode": None, "person": None, "resolution_confidence": None},
    ],
    "files": [ITEM_FILE],
}

CAPTURE_REQUEST = {"url": RELEASE_URL}
URL_CAPTURE = {
    "id": 5, "url": RELEASE_URL, "status": "pending", "error": "", "attempts": 0, "item_file": None,
    "sighting": RELEASE_SIGHTING["id"], "created_at": "2024-05-02T08:28:00Z", "finished_at": None,
}
# Web archives of a sighting's or a report's page, queued (a worker fetches it under the egress rule).
SIGHTING_WEB_ARCHIVE = {
    "id": 3, "url": RELEASE_URL, "report": None, "sighting": RELEASE_SIGHTING["id"], "status": "pending", "error": "",
    "attempts": 0, "media_file": None, "captured_at": None, "created_at": "2024-05-02T08:29:00Z", "finished_at": None,
}
REPORT_WEB_ARCHIVE = {
    **SIGHTING_WEB_ARCHIVE, "id": 4, "url": REPORT_URL, "report": REPORT_SUMMARY["id"], "sighting": None,
}

# Reports and quotes

REPORT_BODY = (
    "Isis released a video Tuesday of two injured men it claims are captured Russian soldiers that Moscow has "
    "denied losing.\n\n"
    'The "proof of life" video was shared by Isis official Amaq news agency and shared via encrypted messaging app '
    "Telegram and other forms of social media. …"
)
REPORT_RAW_TEXT = f"{REPORT_TITLE}\n\n{REPORT_TITLE}\nWed Oct 4, 2017 11:52:38\n\n{REPORT_BODY}"
REPORT_REQUEST = {
    "outlet": NEWSWEEK["id"], "url": REPORT_URL, "published_at": "2017-10-04T11:52:38Z", "title": REPORT_TITLE,
    "dateline": "Wed Oct 4, 2017 11:52:38", "body": REPORT_BODY,
    "caption": 'A man identifies himself as "Zabolotny Roman" (R) and his companion as "Tsurkanov Gregory" (L), two '
               "Russian soldiers allegedly captured by Isis in the eastern Syrian city of Deir Ezzor in this video "
               "credited to ISIS's Amaq news agency. Russia previously denied any of its troops were captured. "
               "Social media",
    "raw_text": REPORT_RAW_TEXT, "tlp": "clear",
}
REPORT = {
    "id": REPORT_SUMMARY["id"], **REPORT_REQUEST, "outlet": NEWSWEEK, "created_at": "2024-05-02T08:05:00Z",
    "updated_at": "2024-05-02T08:05:00Z",
}

QUOTE_REQUEST = {
    "report": REPORT_SUMMARY["id"], "speaker": "spokesperson, Hmeymim airbase", "speaker_person": None,
    "speaker_organization": HMEYMIM_GROUP["id"],
    "text": "All servicemen of the Russian Armed Forces staying in the Syrian Arab Republic are safe and in a good "
            "condition and are performing the designated tasks,",
    "position": 3,
}
QUOTE = {"id": 3, **QUOTE_REQUEST, "report": REPORT_SUMMARY, "speaker_organization": HMEYMIM_GROUP}

# Verdicts: the review actions' bodies and the review history they write

CLAIM_REVIEW_REQUEST = {"status": "disputed", "rationale": DISPUTED_RATIONALE}
REVIEW_EVENT = {
    "id": 17, "value": "claim_status", "media_item": None, "claim": VIDEO_CLAIM, "identity_assertion": None,
    "old_value": "unstarted", "new_value": "disputed", "rationale": DISPUTED_RATIONALE, "analyst": ANALYST,
    "created_at": REVIEWED_AT,
}

ITEM_REVIEW_REQUEST = {
    "authenticity": "OriginalMediaContent",
    "rationale": "The earliest copy, from Amaq's Telegram channel, matches the still in the Newsweek report; no "
                 "edits or splices found. Who the men are is a separate question (see the identity assertions).",
}
ITEM_REVIEW_EVENT = {
    "id": 18, "value": "item_authenticity", "media_item": MEDIA_ITEM_SUMMARY, "claim": None,
    "identity_assertion": None, "old_value": "NotAssessed", "new_value": "OriginalMediaContent",
    "rationale": ITEM_REVIEW_REQUEST["rationale"], "analyst": ANALYST, "created_at": "2024-05-02T09:35:00Z",
}

IDENTITY_RESOLUTION_REQUEST = {
    "person": PERSON_SUMMARY["id"], "confidence": 0.6,
    "rationale": "Name, birth year and birthplace as stated match the person record; not independently confirmed.",
}
IDENTITY_RESOLUTION_EVENT = {
    "id": 19, "value": "identity_resolution", "media_item": None, "claim": None, "identity_assertion": ZABOLOTNY,
    "old_value": "unresolved", "new_value": "person 3 (Roman Zabolotny) at confidence 0.6",
    "rationale": IDENTITY_RESOLUTION_REQUEST["rationale"], "analyst": ANALYST, "created_at": "2024-05-02T09:40:00Z",
}

# Who is calling (me/)

ANALYST_CALLER = {
    "kind": "analyst", "readable_tlps": ["clear", "green", "amber", "amber+strict", "red"],
    "may_see_identities": True, "partner": None, "key": None,
}
PARTNER_CALLER = {
    "kind": "partner", "readable_tlps": ["clear", "green"], "may_see_identities": False,
    "partner": {"name": "Fact-check desk", "max_tlp": "green", "may_see_identities": False, "may_see_graphic": False},
    "key": {"prefix": "Xk3s9Qa1", "expiry_date": "2025-05-02T00:00:00Z"},
}

# The changes feed

FEED_PAGE = {
    "results": [
        {"record_type": "media_item", "id": 42, "change": "updated", "changed_at": "2024-05-02T09:35:00Z",
         "record": {**MEDIA_ITEM, "authenticity": "OriginalMediaContent", "updated_at": "2024-05-02T09:35:00Z"}},
        {"record_type": "sighting", "id": 312, "change": "withdrawn", "changed_at": "2024-05-02T09:36:00Z",
         "record": None},
    ],
    "next_cursor": "MTI3:1tLxyz:abcDEF",
    "has_more": False,
}

# The desk: report drafts, findings, approvals, variants, verification runs, resolution, the claim graph

DRAFT_REPORT = {
    **REPORT_SUMMARY, "outlet": NEWSWEEK, "url": REPORT_URL, "published_at": "2017-10-04T11:52:38Z",
    "dateline": "Wed Oct 4, 2017 11:52:38", "tlp": "clear",
}
REPORT_INGEST_REQUEST = {"raw_text": REPORT_RAW_TEXT, "url": REPORT_URL, "tlp": "clear"}
HMEYMIM_DENIAL_AS_READ = (
    "In response to Isis claims Thursday, a representative of Russia's Hmeymim airbase in western Syria denied that "
    "any soldiers had been captured"
)
IS_CLAIM_AS_READ = (
    "Isis first claimed Thursday it had captured two Russian soldiers while attempting to stave off an advance by "
    "the Syrian military and allies, which included Russian troops and Iran-backed militants, on Deir Ezzor."
)
DRAFT_PAYLOAD = {
    "media_item": {"kind": "video", "title_suggestion": "Amaq video: Zabolotny Roman, Tsurkanov Gregory",
                   "release_date": "2017-10-03", "producer": "Amaq", "languages": ["ru", "ar"]},
    "identities": [{"name_as_stated": "Zabolotny Roman", "script": "latin", "birth_year": 1979,
                    "birthplace_as_stated": "Rustav Oblast in Aksaysk District in the village of Rassvet",
                    "mode": "self_identified", "named_by": None}],
    "claims": [
        {"text": IS_CLAIM_AS_READ, "kind": "capture", "claimant": "Isis", "is_denial": False,
         "stated_on": "2017-09-28", "relations": []},
        {"text": HMEYMIM_DENIAL_AS_READ, "kind": "capture",
         "claimant": "a representative of Russia's Hmeymim airbase in western Syria", "is_denial": True,
         "stated_on": "2017-09-28", "relations": [{"relation": "denies", "target": 0}]},
    ],
}
DRAFT_PARTS = [
    ("media_item", "media_item", "Amaq video: Zabolotny Roman, Tsurkanov Gregory"),
    ("identities.0", "identities", "Zabolotny Roman"),
    ("claims.0", "claims", IS_CLAIM_AS_READ),
    ("claims.1", "claims", HMEYMIM_DENIAL_AS_READ),
]
REPORT_DRAFT = {
    "id": 12, "report": DRAFT_REPORT, "status": "pending", "media_item": None,
    "sections": [{"path": path, "section": section, "label": label, "decision": None, "decided_by": None,
                  "record": None} for path, section, label in DRAFT_PARTS],
    "payload": DRAFT_PAYLOAD, "decisions": {}, "decided_by": None,
    "created_at": "2024-05-02T08:05:00Z", "updated_at": "2024-05-02T08:05:00Z",
}
ACCEPT_REQUEST = {"paths": ["media_item", "identities.0", "claims.0"]}
# What accepting those parts made, by path.
ACCEPTED_RECORDS = {
    "media_item": "catalog.mediaitem:42", "identities.0": "catalog.identityassertion:21", "claims.0": "catalog.claim:6",
}
ACCEPTED_DRAFT = {
    **REPORT_DRAFT, "status": "partially_accepted", "media_item": MEDIA_ITEM_SUMMARY,
    "sections": [
        {**section, "decision": "accepted", "decided_by": ANALYST["username"], "record": ACCEPTED_RECORDS[section["path"]]}
        if section["path"] in ACCEPTED_RECORDS else section
        for section in REPORT_DRAFT["sections"]
    ],
    "decisions": {path: {"decision": "accepted", "by": ANALYST["username"], "record": record}
                  for path, record in ACCEPTED_RECORDS.items()},
    "decided_by": ANALYST, "updated_at": "2024-05-02T08:20:00Z",
}
REJECT_REQUEST = {"paths": ["claims.1"]}
REJECTED_DRAFT = {
    **ACCEPTED_DRAFT,
    "sections": [
        {**section, "decision": "rejected", "decided_by": ANALYST["username"]} if section["path"] == "claims.1" else section
        for section in ACCEPTED_DRAFT["sections"]
    ],
    "decisions": {**ACCEPTED_DRAFT["decisions"], "claims.1": {"decision": "rejected", "by": ANALYST["username"]}},
    "updated_at": "2024-05-02T08:22:00Z",
}

FINDING = {
    "id": 5, "kind": "url_taken_down", "severity": "info", "status": "open",
    "message": f"{RELEASE_URL} answered 404: the sighting on Telegram: Amaq News Agency was taken down.",
    "detail": {}, "media_item": MEDIA_ITEM_SUMMARY, "claim": None, "sighting": RELEASE_SIGHTING, "channel": None,
    "person": None, "key": "url-taken-down:sighting:311", "created_at": "2024-05-02T06:00:00Z",
    "updated_at": "2024-05-02T06:00:00Z",
}

REVIEW_APPROVAL_REQUEST = {"review_event": REVIEW_EVENT["id"], "note": "Checked the denial's source against Tass."}
REVIEW_APPROVAL = {
    "id": 3, "review_event": REVIEW_EVENT["id"], "approver": SECOND_ANALYST, "note": REVIEW_APPROVAL_REQUEST["note"],
    "created_at": "2024-05-02T10:00:00Z",
}

REVIEW_DECISION_REQUEST = {"review_event": REVIEW_EVENT["id"], "outcome": "sent_back",
                           "comment": "Cite the Tass report you compared the denial with."}
REVIEW_DECISION = {
    "id": 4, "review_event": REVIEW_EVENT["id"], "outcome": "sent_back", "comment": REVIEW_DECISION_REQUEST["comment"],
    "analyst": SECOND_ANALYST, "created_at": "2024-05-02T10:00:00Z",
}

MIRROR_ITEM = {"id": 51, "title": "Re-upload of the Amaq prisoners video on a mirror channel"}
VARIANT_PROPOSAL = {
    "id": 8, "media_item": MIRROR_ITEM, "matched_item": MEDIA_ITEM_SUMMARY,
    "summary": f"Re-upload of item 42 ({MEDIA_ITEM_SUMMARY['title']}): 94% of frames match, distance ≤ 12",
    "file_match": {"id": 4, "query_file": 77, "matched_file": evidence.MEDIA_FILE_SUMMARY["id"],
                   "query_match_percent": 94.1, "target_match_percent": 90.3, "best_distance": 12,
                   "method": "vpdq-robust"},
    "evidence": {
        "method": "vpdq-robust", "query_file": 77, "matched_file": evidence.MEDIA_FILE_SUMMARY["id"],
        "query_match_percent": 94.1, "best_distance": 12, "match_distance": 31, "mirrored": True, "crop_scale": 0.95,
        "offset_seconds": 0.0, "transforms": ["mirrored left to right", "cropped: shows about 95% of the other's picture"],
        "matched_frames": [
            {"query_seconds": 0.0, "target_seconds": 0.0, "distance": 12, "matched": True, "mirrored": True,
             "query_scale": 1.0, "target_scale": 0.95},
        ],
        "weak": True, "unmatched_seconds": [7.0], "aligned_seconds": None, "bit_error_rate": None,
    },
    "status": "proposed", "decided_by": None, "decided_at": None, "created_at": "2024-05-02T08:50:00Z",
}
CONFIRMED_PROPOSAL = {**VARIANT_PROPOSAL, "status": "confirmed", "decided_by": ANALYST, "decided_at": "2024-05-02T10:05:00Z"}
REJECTED_PROPOSAL = {**CONFIRMED_PROPOSAL, "status": "rejected"}

VERIFICATION_RUN_REQUEST = {"kind": "liveness", "media_item": MEDIA_ITEM_SUMMARY["id"]}
QUEUED_RUN = {
    "id": 30, "kind": "liveness", "media_item": MEDIA_ITEM_SUMMARY, "status": "pending", "attempts": 0, "error": "",
    "result": {}, "created_at": "2024-05-02T05:59:00Z", "enqueued_at": None, "started_at": None, "finished_at": None,
}
FINISHED_RUN = {
    **QUEUED_RUN, "status": "succeeded", "attempts": 1, "result": {"checked": 3},
    "enqueued_at": "2024-05-02T05:59:01Z", "started_at": "2024-05-02T05:59:02Z", "finished_at": "2024-05-02T06:00:00Z",
}

PERSON_CANDIDATE = {
    "person": {**PERSON_SUMMARY, "birth_year": 1979, "birthplace": RASSVET},
    "score": 0.912,
    "reasons": ["name 'Zabolotny Roman' is like 'Roman Zabolotny' (similarity 1.00, word order ignored)",
                "born 1979 as stated"],
}
PLACE_AS_TRANSCRIBED = "Rustav Oblast in Aksaysk District in the village of Rassvet"
GAZETTEER_CANDIDATE = {
    "gazetteer_id": "local:rassvet-aksaysky", "name": "Rassvet", "kind": "village", "country_code": "RU",
    "subdivision_code": "RU-ROS", "latitude": 47.33, "longitude": 39.94,
    "parents": ["Aksaysky District", "Rostov Oblast", "Russia"], "score": 0.933, "confident": True,
    "matched_alias": "Rassvet", "place": RASSVET["id"],
}
GAZETTEER_PLACE_REQUEST = {"gazetteer_id": GAZETTEER_CANDIDATE["gazetteer_id"]}

CLAIM_GRAPH = {
    "media_item": MEDIA_ITEM_SUMMARY,
    "claims": [
        {**DENIAL, "kind": "capture", "role": "denial", "claimant": HMEYMIM_GROUP["name"],
         "claimant_organization": HMEYMIM_GROUP, "claimant_person": None, "stated_on": "2017-09-28",
         "status": "unstarted", "standing": "unstarted", "in_item": False, "media_item": None,
         "report": REPORT_SUMMARY, "incoming": [],
         "outgoing": [{"id": 2, "relation": "denies", "source": 8, "target": 7, "note": ""}]},
        {**VIDEO_CLAIM, "kind": "capture", "role": "assertion", "claimant": AMAQ["name"],
         "claimant_organization": AMAQ, "claimant_person": None, "stated_on": "2017-10-03", "status": "disputed",
         "standing": "disputed", "in_item": True, "media_item": 42, "report": REPORT_SUMMARY,
         "incoming": [{"id": 2, "relation": "denies", "source": 8, "target": 7, "note": ""}], "outgoing": []},
    ],
}

# Exports of item 42 (shortened: the real ones carry every sighting, claim and identity)

TLP_GREEN_MARKING = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"
CATALOGUE_IDENTITY = "identity--7ace1854-924b-5d32-9f44-d1a0c2a20452"
STIX_ITEM = "media-item--63eaa81a-71af-5474-b486-47ce71931038"
STIX_AMAQ = "identity--97080d22-52ae-54ad-b908-65794fa54c4d"
STIX_BUNDLE = {
    "type": "bundle", "id": "bundle--dda94259-a38c-4c4d-9d85-104c7dac0690",
    "objects": [
        {"type": "marking-definition", "spec_version": "2.1", "id": TLP_GREEN_MARKING,
         "created": "2022-10-01T00:00:00.000Z", "name": "TLP:GREEN",
         "extensions": {"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d": {
             "extension_type": "property-extension", "tlp_2_0": "green"}}},
        {"type": "media-item", "spec_version": "2.1", "id": STIX_ITEM, "created_by_ref": CATALOGUE_IDENTITY,
         "created": MEDIA_ITEM["created_at"], "modified": MEDIA_ITEM["updated_at"], "name": MEDIA_ITEM["title"],
         "media_kind": "video", "languages": ["ru", "ar"], "claimed_release": "2017-10-03T00:00:00Z",
         "is_graphic": True, "authenticity": "NotAssessed", "authenticity_state": "published",
         "labels": [tag["name"] for tag in TAGS], "object_marking_refs": [TLP_GREEN_MARKING],
         "extensions": {"extension-definition--0b7ee162-7045-47af-ad68-495b2662ebcf": {"extension_type": "new-sdo"}}},
        {"type": "identity", "spec_version": "2.1", "id": STIX_AMAQ, "created_by_ref": CATALOGUE_IDENTITY,
         "created": CATALOGUED_AT, "modified": CATALOGUED_AT, "name": AMAQ["name"], "identity_class": "organization",
         "roles": ["armed_group_media"], "object_marking_refs": [TLP_GREEN_MARKING]},
        {"type": "relationship", "spec_version": "2.1", "id": "relationship--8d32c0c5-743a-5f8c-800a-983639e524e2",
         "created_by_ref": CATALOGUE_IDENTITY, "created": MEDIA_ITEM["created_at"],
         "modified": MEDIA_ITEM["updated_at"], "relationship_type": "produced-by", "source_ref": STIX_ITEM,
         "target_ref": STIX_AMAQ, "object_marking_refs": [TLP_GREEN_MARKING]},
    ],
}
MISP_EVENT = {
    "uuid": "69ad7358-2b4d-5e13-bdb8-935394a8da78", "info": MEDIA_ITEM["title"], "date": "2017-10-03",
    "threat_level_id": "4", "analysis": "1",
    "Tag": [{"name": "tlp:green"}, *({"name": tag["name"]} for tag in TAGS)],
    "Attribute": [
        {"uuid": "74407125-fb49-5deb-976b-6fc8ec665c6b", "type": "text", "value": "Media authenticity: NotAssessed",
         "category": "Other", "to_ids": False, "disable_correlation": False,
         "comment": "Published verdict (schema.org MediaManipulationRatingEnumeration)."},
        {"uuid": "a014fb6c-070d-56fd-8856-0ac291329896", "Tag": [{"name": "tlp:green"}], "type": "text",
         "value": VIDEO_CLAIM_TEXT, "category": "Other", "to_ids": False, "disable_correlation": False,
         "comment": "Capture claim by Amaq News Agency on 2017-10-03; status Disputed (working)"},
    ],
    "Object": [
        {"name": "person", "meta-category": "misc", "template_uuid": "a15b0477-e9d1-4b9c-9546-abe78a4f4248",
         "description": "An object which describes a person or an identity.", "template_version": "21",
         "uuid": "fe21ec43-7c30-59e7-85c0-c048356c9049", "distribution": "5", "sharing_group_id": "0",
         "Attribute": [
             {"uuid": "fd74c0e6-18b6-5e54-bccc-4e112d1e64b5", "object_relation": "full-name",
              "value": "Zabolotny Roman", "type": "full-name", "disable_correlation": False, "to_ids": False,
              "category": "Person"},
             {"uuid": "f3018325-76b6-5e6e-8179-3700cba11006", "object_relation": "place-of-birth",
              "value": IDENTITY_ASSERTION["birthplace_as_stated"], "type": "place-of-birth",
              "disable_correlation": True, "to_ids": False, "category": "Person"},
         ]},
    ],
}
CLAIM_REVIEW = {
    "@context": "https://schema.org",
    "@graph": [{
        "@type": "ClaimReview", "url": "https://catalogue.example.org/api/v1/claims/7/",
        "claimReviewed": VIDEO_CLAIM_TEXT,
        "author": {"@type": "Organization", "name": "Media provenance catalogue", "url": "https://catalogue.example.org/"},
        "datePublished": "2024-05-02", "creativeWorkStatus": "Draft", "conditionsOfAccess": "TLP:GREEN",
        "reviewRating": {"@type": "Rating", "alternateName": "Disputed", "name": "Disputed"},
        "itemReviewed": {"@type": "Claim", "author": {"@type": "Organization", "name": AMAQ["name"]},
                         "datePublished": "2017-10-03"},
    }],
}
EXPORTS = {"stix": STIX_BUNDLE, "misp": MISP_EVENT, "claimreview": CLAIM_REVIEW}

# Pages of the changes feed in the export forms (GET /api/v1/feed/misp/ and /feed/claimreview/): item 42 updated.
MISP_FEED = {"response": [{"Event": MISP_EVENT}]}
CLAIM_REVIEW_FEED = {"@context": "https://schema.org", "@type": "DataFeed", "dataFeedElement": CLAIM_REVIEW["@graph"]}
FEEDS = {"stix": STIX_BUNDLE, "misp": MISP_FEED, "claimreview": CLAIM_REVIEW_FEED}
