"""The analysts' workspace, included at /desk/ by config/urls.py."""

from django.urls import path, register_converter
from django.urls.converters import IntConverter

from .views import common, dossier, drafts, frames, items, review, sharing, together


class RowKey(IntConverter):
    # A key of more than 18 digits is beyond a 64-bit integer and no row's: not found, instead of a database overflow.
    regex = "[0-9]{1,18}"


register_converter(RowKey, "key")

app_name = "workspace"

urlpatterns = [
    path("", review.queue_view, name="queue"),
    path("login/", common.LoginView.as_view(), name="login"),
    path("logout/", common.LogoutView.as_view(), name="logout"),
    path("items/", items.item_list, name="items"),
    path("items/<key:pk>/", dossier.item_dossier, name="item"),
    path("items/<key:pk>/verdict/", dossier.item_verdict, name="item-verdict"),
    path("items/<key:pk>/bundle/", dossier.item_bundle, name="item-bundle"),
    path("items/<key:item_pk>/files/<key:pk>/enrich/", dossier.file_enrich, name="file-enrich"),
    path("items/<key:item_pk>/files/<key:pk>/open/", dossier.file_open, name="file-open"),
    path("claims/<key:pk>/verdict/", dossier.claim_verdict, name="claim-verdict"),
    path("reviews/<key:pk>/approve/", review.review_approve, name="review-approve"),
    path("files/<key:pk>/original/", dossier.file_original, name="file-original"),
    path("frames/<key:pk>/image/", frames.frame_image, name="frame-image"),
    path("frames/<key:pk>/reveal/", frames.frame_reveal, name="frame-reveal"),
    path("frames/<key:pk>/tile/", frames.frame_tile, name="frame-tile"),
    path("frames/<key:pk>/", frames.frame_page, name="frame"),
    path("drafts/", drafts.draft_list, name="drafts"),
    path("drafts/<key:pk>/", drafts.draft_detail, name="draft"),
    path("drafts/<key:pk>/decide/", drafts.draft_decide, name="draft-decide"),
    path("proposals/<key:pk>/decide/", review.proposal_decide, name="proposal-decide"),
    path("findings/<key:pk>/decide/", review.finding_decide, name="finding-decide"),
    path("jobs/<str:kind>/<key:pk>/requeue/", review.job_requeue, name="job-requeue"),
    path("reviews/<key:pk>/decide/", review.review_decide, name="review-decide"),
    path("sharing/", sharing.partner_list, name="sharing"),
    path("sharing/partners/<key:pk>/", sharing.partner_detail, name="partner"),
    path("sharing/partners/<key:pk>/clearance/", sharing.partner_update, name="partner-update"),
    path("sharing/partners/<key:pk>/keys/", sharing.key_issue, name="key-issue"),
    path("sharing/keys/<str:pk>/revoke/", sharing.key_revoke, name="key-revoke"),
    path("sharing/keys/<str:pk>/expire/", sharing.key_expire, name="key-expire"),
    path("sharing/partners/<key:pk>/webhooks/", sharing.webhook_add, name="webhook-add"),
    path("sharing/webhooks/<key:pk>/active/", sharing.webhook_toggle, name="webhook-toggle"),
    path("inbox/", together.inbox, name="inbox"),
    path("items/<key:pk>/assign/", together.item_assign, name="item-assign"),
    path("items/<key:pk>/comments/", together.item_comments, name="item-comments"),
    path("items/<key:pk>/comment/", together.item_comment, name="item-comment"),
]
