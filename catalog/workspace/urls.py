"""The analysts' workspace, included at /desk/ by config/urls.py."""

from django.urls import path

from . import views

app_name = "workspace"

urlpatterns = [
    path("", views.queue_view, name="queue"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("items/", views.item_list, name="items"),
    path("items/<int:pk>/", views.item_dossier, name="item"),
    path("items/<int:pk>/verdict/", views.item_verdict, name="item-verdict"),
    path("items/<int:pk>/bundle/", views.item_bundle, name="item-bundle"),
    path("items/<int:item_pk>/files/<int:pk>/enrich/", views.file_enrich, name="file-enrich"),
    path("items/<int:item_pk>/files/<int:pk>/open/", views.file_open, name="file-open"),
    path("claims/<int:pk>/verdict/", views.claim_verdict, name="claim-verdict"),
    path("reviews/<int:pk>/approve/", views.review_approve, name="review-approve"),
    path("files/<int:pk>/original/", views.file_original, name="file-original"),
    path("frames/<int:pk>/image/", views.frame_image, name="frame-image"),
    path("frames/<int:pk>/reveal/", views.frame_reveal, name="frame-reveal"),
    path("frames/<int:pk>/tile/", views.frame_tile, name="frame-tile"),
    path("frames/<int:pk>/", views.frame_page, name="frame"),
    path("drafts/", views.draft_list, name="drafts"),
    path("drafts/<int:pk>/", views.draft_detail, name="draft"),
    path("drafts/<int:pk>/decide/", views.draft_decide, name="draft-decide"),
    path("proposals/<int:pk>/decide/", views.proposal_decide, name="proposal-decide"),
    path("findings/<int:pk>/decide/", views.finding_decide, name="finding-decide"),
    path("jobs/<str:kind>/<int:pk>/requeue/", views.job_requeue, name="job-requeue"),
]
