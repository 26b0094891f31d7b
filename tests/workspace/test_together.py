"""Working together: assigning an item, append-only comments, and the inbox of what concerns an analyst."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from catalog import services
from catalog.choices import FindingKind, MediaAuthenticity
from catalog.models import Finding, ItemAssignment, ItemComment, UrlCapture
from catalog.services import together
from catalog.workspace import inbox
from provenance.choices import JobStatus
from tests.factories import MediaItemFactory, UserFactory
from tests.workspace.case import HTMX

pytestmark = pytest.mark.django_db


def texts(user):
    return [entry.text for entry in inbox.gather(user)]


def test_assigning_an_item_keeps_the_history_and_the_latest_is_current(analyst, second_analyst):
    item = MediaItemFactory()

    together.assign_item(item, analyst, by=second_analyst)
    together.assign_item(item, analyst, by=second_analyst)  # already theirs: nothing new
    together.assign_item(item, second_analyst, by=analyst)

    assert together.current_assignment(item).assignee == second_analyst
    assert ItemAssignment.objects.filter(media_item=item).count() == 2


def test_an_item_cannot_be_assigned_to_someone_who_is_not_an_analyst(analyst):
    with pytest.raises(ValidationError, match="not an analyst"):
        together.assign_item(MediaItemFactory(), UserFactory(username="visitor"), by=analyst)


def test_comments_are_append_only_in_the_orm(analyst):
    comment = together.comment_on_item(MediaItemFactory(), analyst, "  Checked the flag against 2016 footage. ")

    assert comment.body == "Checked the flag against 2016 footage."
    comment.body = "Something else"
    with pytest.raises(PermissionDenied):
        comment.save()


def test_on_postgresql_a_trigger_refuses_a_direct_update_of_a_comment(analyst, postgresql):
    # The ORM refuses before any SQL; PostgreSQL's trigger refuses a direct UPDATE too (SQLite has no such trigger).
    comment = together.comment_on_item(MediaItemFactory(), analyst, "Checked the flag against 2016 footage.")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE catalog_itemcomment SET body = 'rewritten' WHERE id = %s", [comment.pk])


def test_an_empty_comment_is_refused(analyst):
    with pytest.raises(ValidationError):
        together.comment_on_item(MediaItemFactory(), analyst, "   ")
    assert not ItemComment.objects.exists()


def test_the_dossier_assigns_and_comments_with_htmx(desk, analyst, second_analyst):
    item = MediaItemFactory(title="Convoy on the coastal road")

    assigned = desk.post(reverse("workspace:item-assign", args=[item.pk]), {"assignee": second_analyst.pk}, **HTMX)
    commented = desk.post(reverse("workspace:item-comment", args=[item.pk]), {"body": "Geolocated: km 41."}, **HTMX)

    assert assigned.status_code == 200
    assert f"“Convoy on the coastal road” is assigned to {second_analyst.username}." in assigned.content.decode()
    assert commented.status_code == 200 and "Geolocated: km 41." in commented.content.decode()
    assert together.current_assignment(item).assignee == second_analyst


def test_an_empty_comment_without_javascript_comes_back_with_a_message(desk):
    item = MediaItemFactory()

    response = desk.post(reverse("workspace:item-comment", args=[item.pk]), {"body": ""}, follow=True)

    assert "The comment was not saved" in response.content.decode()
    assert not ItemComment.objects.exists()


def test_assigning_to_an_unknown_user_is_refused_in_words(desk):
    item = MediaItemFactory()

    response = desk.post(reverse("workspace:item-assign", args=[item.pk]), {"assignee": 999999}, **HTMX)

    assert response.status_code == 422
    assert "Choose an analyst from the list." in response.content.decode()


def test_the_inbox_shows_an_assignment_a_comment_and_a_finding_on_my_item(analyst, second_analyst):
    item = MediaItemFactory(title="Convoy on the coastal road")
    together.assign_item(item, analyst, by=second_analyst)
    together.comment_on_item(item, second_analyst, "The road sign is in Cyrillic.")
    Finding.objects.create(kind=FindingKind.SIGHTING_BEFORE_RELEASE, key="k1", media_item=item,
                           message="Seen before the claimed release")

    entries = inbox.gather(analyst)

    assert {entry.kind for entry in entries} == {"assignment", "comment", "finding"}
    assert all(entry.title == "Convoy on the coastal road" for entry in entries)
    assert f"{second_analyst.username}: The road sign is in Cyrillic." in texts(analyst)
    assert inbox.gather(second_analyst) == []  # their own comment, an item not theirs


def test_the_inbox_shows_verdicts_awaiting_me_and_mine_sent_back(analyst, second_analyst, settings):
    settings.FOUR_EYES_REVIEW = True
    item = MediaItemFactory(title="Convoy on the coastal road")
    event = services.review_item_authenticity(item, MediaAuthenticity.STAGED, analyst, "Dust added.")

    assert any("awaits a second analyst" in text for text in texts(second_analyst))

    services.send_back_review(event, second_analyst, "Compare with the raw upload.")

    assert f"{second_analyst.username} sent back your verdict “Staged content”: “Compare with the raw upload.”" in (
        texts(analyst))


def test_the_inbox_shows_my_jobs_that_finished_or_failed_and_not_a_colleagues(analyst, second_analyst):
    item = MediaItemFactory(title="Convoy on the coastal road", created_by=analyst)
    for url, status, error in (("https://video.example/v/1", JobStatus.FAILED, "the host answered 404"),
                               ("https://video.example/v/2", JobStatus.SUCCEEDED, ""),
                               ("https://video.example/v/3", JobStatus.RUNNING, "")):
        UrlCapture.objects.create(media_item=item, url=url, requested_by=analyst, status=status, error=error,
                                  finished_at=timezone.now() if status != JobStatus.RUNNING else None)

    found = texts(analyst)

    assert "Capture of https://video.example/v/1 failed: the host answered 404." in found
    assert "Capture of https://video.example/v/2 finished." in found
    assert not any("v/3" in text for text in found)
    assert texts(second_analyst) == []


def test_the_inbox_page_polls_and_answers_htmx_with_its_list(desk, analyst, second_analyst):
    together.assign_item(MediaItemFactory(title="Convoy"), analyst, by=second_analyst)

    page = desk.get(reverse("workspace:inbox")).content.decode()
    part = desk.get(reverse("workspace:inbox"), **HTMX).content.decode()

    assert 'hx-trigger="every 10s"' in page
    assert part.lstrip().startswith('<section id="inbox"') and "assigned it to you" in part


def test_an_empty_inbox_says_what_to_do_next(desk):
    assert "Nothing for you yet. Assign yourself an item" in desk.get(reverse("workspace:inbox")).content.decode()


def test_a_poll_with_nothing_new_swaps_nothing(desk, analyst, second_analyst):
    item = MediaItemFactory(title="Convoy")
    together.assign_item(item, analyst, by=second_analyst)
    first = desk.get(reverse("workspace:inbox"), **HTMX).content.decode()
    seen = first.split('"seen": "')[1].split('"')[0]

    unchanged = desk.get(reverse("workspace:inbox"), {"seen": seen}, **HTMX)
    together.comment_on_item(item, second_analyst, "Look at the bridge.")
    changed = desk.get(reverse("workspace:inbox"), {"seen": seen}, **HTMX)

    assert unchanged.status_code == 204
    assert changed.status_code == 200 and "Look at the bridge." in changed.content.decode()


def test_the_comments_poll_answers_204_until_someone_comments(desk, second_analyst):
    item = MediaItemFactory()
    url = reverse("workspace:item-comments", args=[item.pk])
    seen = desk.get(url, **HTMX).content.decode().split('"seen": "')[1].split('"')[0]

    assert desk.get(url, {"seen": seen}, **HTMX).status_code == 204
    together.comment_on_item(item, second_analyst, "Look at the bridge.")
    assert "Look at the bridge." in desk.get(url, {"seen": seen}, **HTMX).content.decode()
