"""The analysts' workspace, included at /desk/ by config/urls.py."""

from django.urls import path, register_converter
from django.urls.converters import IntConverter

from . import views


class RowKey(IntConverter):
    # A key of more than 18 digits is beyond a 64-bit integer and no row's: not found, instead of a database overflow.
    regex = "[0-9]{1,18}"


register_converter(RowKey, "key")

app_name = "workspace"

urlpatterns = [
    path("", views.queue_view, name="queue"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("items/", views.item_list, name="items"),
    path("items/<key:pk>/", views.item_dossier, name="item"),
    path("items/<key:pk>/verdict/", views.item_verdict, name="item-verdict"),
    path("items/<key:pk>/bundle/", views.item_bundle, name="item-bundle"),
    path("items/<key:item_pk>/files/<key:pk>/enrich/", views.file_enrich, name="file-enrich"),
    path("items/<key:item_pk>/files/<key:pk>/open/", views.file_open, name="file-open"),
    path("claims/<key:pk>/verdict/", views.claim_verdict, name="claim-verdict"),
    path("reviews/<key:pk>/approve/", views.review_approve, name="review-approve"),
    path("files/<key:pk>/original/", views.file_original, name="file-original"),
    path("frames/<key:pk>/image/", views.frame_image, name="frame-image"),
    path("frames/<key:pk>/reveal/", views.frame_reveal, name="frame-reveal"),
    path("frames/<key:pk>/tile/", views.frame_tile, name="frame-tile"),
    path("frames/<key:pk>/", views.frame_page, name="frame"),
    path("drafts/", views.draft_list, name="drafts"),
    path("drafts/<key:pk>/", views.draft_detail, name="draft"),
    path("drafts/<key:pk>/decide/", views.draft_decide, name="draft-decide"),
    path("proposals/<key:pk>/decide/", views.proposal_decide, name="proposal-decide"),
    path("findings/<key:pk>/decide/", views.finding_decide, name="finding-decide"),
    path("jobs/<str:kind>/<key:pk>/requeue/", views.job_requeue, name="job-requeue"),
]
