"""The analysts' workspace, included at /desk/ by config/urls.py."""

from django.urls import path, register_converter
from django.urls.converters import IntConverter

from .views import (
    common,
    dossier,
    draft_parts,
    drafts,
    evidence,
    frames,
    intake,
    item_edit,
    items,
    lists,
    lookup,
    proposals,
    review,
    search,
    sharing,
    together,
)


class RowKey(IntConverter):
    # A key of more than 18 digits is beyond a 64-bit integer and no row's: not found, instead of a database overflow.
    regex = "[0-9]{1,18}"


register_converter(RowKey, "key")

app_name = "workspace"

urlpatterns = [
    # The review queue
    path("", review.queue_view, name="queue"),
    path("reviews/<key:pk>/approve/", review.review_approve, name="review-approve"),
    path("proposals/<key:pk>/decide/", review.proposal_decide, name="proposal-decide"),
    path("findings/<key:pk>/decide/", review.finding_decide, name="finding-decide"),
    path("jobs/<str:kind>/<key:pk>/requeue/", review.job_requeue, name="job-requeue"),
    path("reviews/<key:pk>/decide/", review.review_decide, name="review-decide"),
    # Items: the list, its bulk actions, new and edited items
    path("items/", items.item_list, name="items"),
    path("items/new/", item_edit.item_new, name="item-new"),
    path("items/<key:pk>/edit/", item_edit.item_edit, name="item-edit"),
    path("pick/organizations/", item_edit.pick_organizations, name="pick-organizations"),
    path("pick/channels/", item_edit.pick_channels, name="pick-channels"),
    path("items/bulk/", lists.bulk_action, name="items-bulk"),
    path("items/export/", lists.export_filtered, name="items-export"),
    # An item's dossier, its evidence and its graphic media
    path("items/<key:pk>/", dossier.item_dossier, name="item"),
    path("items/<key:pk>/verdict/", dossier.item_verdict, name="item-verdict"),
    path("items/<key:pk>/bundle/", dossier.item_bundle, name="item-bundle"),
    path("items/<key:item_pk>/files/<key:pk>/enrich/", dossier.file_enrich, name="file-enrich"),
    path("items/<key:item_pk>/files/<key:pk>/open/", dossier.file_open, name="file-open"),
    path("claims/<key:pk>/verdict/", dossier.claim_verdict, name="claim-verdict"),
    path("files/<key:pk>/original/", dossier.file_original, name="file-original"),
    path("frames/<key:pk>/image/", frames.frame_image, name="frame-image"),
    path("frames/<key:pk>/reveal/", frames.frame_reveal, name="frame-reveal"),
    path("frames/<key:pk>/tile/", frames.frame_tile, name="frame-tile"),
    path("frames/<key:pk>/", frames.frame_page, name="frame"),
    path("items/<key:pk>/evidence/", evidence.evidence_page, name="item-evidence"),
    path("items/<key:pk>/evidence/jobs/", evidence.evidence_jobs, name="item-evidence-jobs"),
    path("items/<key:pk>/evidence/upload/", evidence.evidence_upload, name="item-evidence-upload"),
    path("items/<key:pk>/evidence/capture/", evidence.evidence_capture, name="item-evidence-capture"),
    path("items/<key:pk>/evidence/retry/<str:kind>/<key:job_pk>/", evidence.evidence_retry, name="item-evidence-retry"),
    # Reports and their drafts
    path("drafts/", drafts.draft_list, name="drafts"),
    path("drafts/<key:pk>/", drafts.draft_detail, name="draft"),
    path("drafts/<key:pk>/decide/", drafts.draft_decide, name="draft-decide"),
    path("reports/new/", intake.report_new, name="report-new"),
    path("reports/ingests/<key:pk>/", intake.report_ingest, name="report-ingest"),
    path("drafts/<key:pk>/accept-all/", draft_parts.accept_all, name="draft-accept-all"),
    path("drafts/<key:pk>/attach/", draft_parts.attach, name="draft-attach"),
    path("drafts/<key:pk>/identities/<key:index>/", draft_parts.correct_identity, name="draft-identity"),
    path("drafts/<key:pk>/channels/<key:index>/", draft_parts.name_channel, name="draft-channel"),
    path("drafts/<key:pk>/claims/<key:index>/claimant/", draft_parts.choose_claimant, name="draft-claimant"),
    path("drafts/<key:pk>/places/<key:index>/", draft_parts.choose_place, name="draft-place"),
    # Variant families
    path("proposals/<key:pk>/", proposals.proposal_compare, name="proposal"),
    # Search and hash lookup
    path("search/", search.search_view, name="search"),
    path("lookup/", lookup.lookup_view, name="lookup"),
    # Working together
    path("inbox/", together.inbox, name="inbox"),
    path("items/<key:pk>/assign/", together.item_assign, name="item-assign"),
    path("items/<key:pk>/comments/", together.item_comments, name="item-comments"),
    path("items/<key:pk>/comment/", together.item_comment, name="item-comment"),
    # Sharing administration
    path("sharing/", sharing.partner_list, name="sharing"),
    path("sharing/partners/<key:pk>/", sharing.partner_detail, name="partner"),
    path("sharing/partners/<key:pk>/clearance/", sharing.partner_update, name="partner-update"),
    path("sharing/partners/<key:pk>/keys/", sharing.key_issue, name="key-issue"),
    path("sharing/keys/<str:pk>/revoke/", sharing.key_revoke, name="key-revoke"),
    path("sharing/keys/<str:pk>/expire/", sharing.key_expire, name="key-expire"),
    path("sharing/partners/<key:pk>/webhooks/", sharing.webhook_add, name="webhook-add"),
    path("sharing/webhooks/<key:pk>/active/", sharing.webhook_toggle, name="webhook-toggle"),
    # Signing in
    path("login/", common.LoginView.as_view(), name="login"),
    path("logout/", common.LogoutView.as_view(), name="logout"),
]
