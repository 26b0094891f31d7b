"""Management commands: the demo case loader and the local analyst login."""

import hashlib
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from catalog.policies.access import ANALYST_GROUP
from catalog.choices import ClaimKind, ClaimRelation, ClaimStatus, MediaAuthenticity
from catalog.demo_case import DEMO_ANALYST, QUOTES
from tests.conftest import require_service
from tests.factories import AnalystFactory
from catalog.models import Claim, ClaimLink, IdentityAssertion, MediaItem, Organization, Place, Report, ReviewEvent

# SHA-256 of shared/cases/deir-ezzor-2017/report.txt as the scraper saved it (3,718 bytes).
CASE_REPORT_SHA256 = "88f74efe359bd9a911516e67785ba3e58ebca46b99be66f06bca279d109a8088"
LOGIN = re.compile(r"^Log in at http://127\.0\.0\.1:8000/desk/ as analyst / (.+)$", re.MULTILINE)


def run(command, *args):
    out = io.StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def row_counts():
    return {
        model._meta.label: model.objects.count()
        for app in ("catalog", "provenance", "auth")
        for model in apps.get_app_config(app).get_models()
    }


@pytest.fixture
def demo_case(db):
    run("load_demo_case", "--records-only")  # the records; tests/commands/test_demo_showcase.py checks the rest


def amaq_video():
    return MediaItem.objects.get(producer__name="Amaq News Agency")


def claim_by(claimant, kind=ClaimKind.CAPTURE):
    return Claim.objects.get(claimant_organization__name=claimant, kind=kind)


# load_demo_case


def test_loading_the_demo_case_twice_gives_the_same_counts(db):
    first_output = run("load_demo_case")
    after_first = row_counts()

    second_output = run("load_demo_case")

    assert row_counts() == after_first
    assert after_first["catalog.Claim"] == 5
    assert after_first["catalog.ReviewEvent"] == 2
    assert "claims: 5 created" in first_output
    assert "claims: 5 updated" in second_output


def test_the_hmeymim_and_ministry_statements_deny_both_capture_claims(demo_case):
    hmeymim = claim_by("Russian Armed Forces group at Hmeymim airbase")
    ministry = claim_by("Ministry of Defence of the Russian Federation")
    captures = {claim_by("Islamic State"), claim_by("Amaq News Agency")}

    for denial in (hmeymim, ministry):
        denied = {link.target for link in denial.outgoing_links.filter(relation=ClaimRelation.DENIES)}
        assert denied == captures
    assert ministry.outgoing_links.filter(relation=ClaimRelation.REPEATS, target=hmeymim).exists()
    assert hmeymim.claimant_description == "spokesperson, Hmeymim airbase"


def test_the_casualty_claim_is_not_linked_to_the_video_claims(demo_case):
    casualties = claim_by("Ministry of Defence of the Russian Federation", ClaimKind.CASUALTY)

    assert "300" in casualties.text
    assert not ClaimLink.objects.filter(source=casualties).exists()
    assert not ClaimLink.objects.filter(target=casualties).exists()


def test_identities_are_stored_exactly_as_stated(demo_case):
    roman = IdentityAssertion.objects.get(name_as_stated="Zabolotny Roman")
    gregory = IdentityAssertion.objects.get(name_as_stated="Tsurkanov Gregory")

    assert (roman.birth_year_as_stated, roman.birthplace_as_stated, roman.mode) == (
        1979, "Rustav Oblast, Aksaysk District, village of Rassvet", "self_identified",
    )
    assert roman.birthplace.name == "Rassvet"
    assert (gregory.birth_year_as_stated, gregory.birthplace_as_stated, gregory.named_by) == (
        1978, "the Domodedovo area", roman,
    )
    assert roman.person is None and gregory.person is None


def test_the_report_keeps_the_raw_text_byte_for_byte(demo_case):
    report = Report.objects.get(outlet__name="Newsweek")

    assert hashlib.sha256(report.raw_text.encode("utf-8")).hexdigest() == CASE_REPORT_SHA256
    assert report.dateline == "Wed Oct 4, 2017 11:52:38"


def test_the_report_body_is_clean_and_holds_every_quote(demo_case):
    report = Report.objects.get(outlet__name="Newsweek")

    assert report.body.startswith("Isis released a video Tuesday")
    assert report.body.endswith("ammunition depots.")
    for junk in ("string(324)", "\u00a0", "(newsweek) --", "(Photo:"):
        assert junk not in report.body
    assert report.caption.startswith('A man identifies himself as "Zabolotny Roman"')
    assert [quote.text for quote in report.quotes.all()] == [text for _, _, text in QUOTES]
    for quote in report.quotes.all():
        assert quote.text in report.body


def test_the_capture_claims_end_disputed_through_reviews_by_the_demo_analyst(demo_case):
    for capture in (claim_by("Islamic State"), claim_by("Amaq News Agency")):
        assert capture.status == ClaimStatus.DISPUTED
        event = ReviewEvent.objects.get(claim=capture)
        assert (event.analyst.username, event.old_value, event.new_value) == (
            DEMO_ANALYST, ClaimStatus.UNSTARTED, ClaimStatus.DISPUTED,
        )
    assert not get_user_model().objects.get(username=DEMO_ANALYST).has_usable_password()
    assert amaq_video().authenticity == MediaAuthenticity.NOT_ASSESSED


def test_the_video_is_catalogued_as_the_analyst_read_it(demo_case):
    video = amaq_video()

    assert (video.kind, video.is_graphic, video.tlp, video.languages) == ("video", True, "green", ["ru", "ar"])
    assert video.claimed_release_at.date().isoformat() == "2017-10-03"
    timeline = list(video.propagation_timeline())
    assert [sighting.kind for sighting in timeline] == ["original_release", "embedded_in_report", "repost"]
    assert timeline[0].channel.platform == "telegram"
    assert all(sighting.derived_from == timeline[0] for sighting in timeline[1:])


def test_organisations_and_places_are_found_by_their_aliases(demo_case):
    assert Organization.objects.get(aliases__name="وكالة أعماق").affiliation.name == "Islamic State"
    assert Place.objects.get(aliases__name="دير الزور").parent.parent.country_code == "SY"
    rassvet = Place.objects.get(aliases__name="Рассвет")
    assert [rassvet.parent.name, rassvet.parent.parent.name, rassvet.parent.parent.parent.name] == [
        "Aksaysky District", "Rostov Oblast", "Russia",
    ]
    assert Place.objects.get(aliases__name="Rustav Oblast").country_code == "RU-ROS"


def test_analyst_edits_to_aliases_and_tags_survive_a_reload(demo_case):
    video = amaq_video()
    video.tags.create(name="analyst-tag")
    Organization.objects.get(name="Amaq News Agency").aliases.create(name="Amaq Agency")

    run("load_demo_case", "--records-only")

    assert video.tags.filter(name="analyst-tag").exists()
    assert Organization.objects.get(aliases__name="Amaq Agency").name == "Amaq News Agency"


# create_local_analyst


@pytest.fixture
def local_settings(settings, tmp_path, monkeypatch):
    monkeypatch.delenv("LOCAL_ANALYST_PASSWORD", raising=False)
    monkeypatch.delenv("HOST", raising=False)
    monkeypatch.delenv("PORT", raising=False)
    settings.DEBUG = True
    settings.VAR_DIR = tmp_path
    return settings


def printed_password(output):
    match = LOGIN.search(output)
    assert match, output
    return match.group(1)


def test_it_creates_a_staff_analyst_and_prints_the_login(db, local_settings):
    password = printed_password(run("create_local_analyst"))

    user = get_user_model().objects.get(username="analyst")
    assert user.is_staff and not user.is_superuser
    assert user.groups.filter(name=ANALYST_GROUP).exists()
    assert user.check_password(password)
    assert (local_settings.VAR_DIR / "local-analyst-password").read_text().strip() == password


def test_it_prints_the_desk_address_on_the_port_make_run_serves(db, local_settings, monkeypatch):
    monkeypatch.setenv("HOST", "0.0.0.0")
    monkeypatch.setenv("PORT", "8123")

    output = run("create_local_analyst")

    assert "The server listens on 0.0.0.0:8123." in output
    assert re.search(r"^Log in at http://127\.0\.0\.1:8123/desk/ as analyst / \S+$", output, re.MULTILINE), output
    assert "Data administration (the admin): http://127.0.0.1:8123/admin/" in output
    assert ":8000" not in output


def test_make_run_hands_its_host_and_port_to_the_login_it_prints_and_to_the_server():
    require_service("make", shutil.which("make") is not None)
    root = Path(__file__).resolve().parents[2]

    planned = subprocess.run(["make", "-n", "run", "HOST=0.0.0.0", "PORT=8123"], cwd=root, capture_output=True,
                             text=True, check=True).stdout

    assert "HOST=0.0.0.0 PORT=8123 .venv/bin/python manage.py create_local_analyst" in planned
    assert "HOST=0.0.0.0 PORT=8123 .venv/bin/honcho --procfile Procfile.local start" in planned
    assert "runserver ${HOST}:${PORT}" in (root / "Procfile.local").read_text()


def test_the_local_analyst_may_manage_partners_and_a_plain_analyst_may_not(db, local_settings):
    run("create_local_analyst")

    assert get_user_model().objects.get(username="analyst").has_perm("catalog.manage_partners")
    assert not AnalystFactory().has_perm("catalog.manage_partners")


def test_running_it_again_prints_the_same_login_and_makes_no_second_user(db, local_settings):
    first = printed_password(run("create_local_analyst"))

    second = printed_password(run("create_local_analyst"))

    assert first == second
    assert get_user_model().objects.filter(username="analyst").count() == 1
    assert get_user_model().objects.get(username="analyst").check_password(second)


def test_it_takes_the_password_from_the_environment(db, local_settings, monkeypatch):
    monkeypatch.setenv("LOCAL_ANALYST_PASSWORD", "a long local passphrase")

    assert printed_password(run("create_local_analyst")) == "a long local passphrase"
    assert not (local_settings.VAR_DIR / "local-analyst-password").exists()


def test_it_refuses_when_debug_is_off_unless_forced(db, local_settings):
    local_settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG is off"):
        run("create_local_analyst")
    assert not get_user_model().objects.filter(username="analyst").exists()

    printed_password(run("create_local_analyst", "--force"))
    assert get_user_model().objects.filter(username="analyst").exists()


def test_the_printed_login_opens_the_admin_and_the_api(client, db, local_settings):
    password = printed_password(run("create_local_analyst"))

    assert client.login(username="analyst", password=password)
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:catalog_mediaitem_changelist")).status_code == 200
    assert client.get("/api/v1/media-items/").status_code == 200


def test_the_analyst_may_edit_the_catalogue_but_not_review_history_or_evidence(db, local_settings):
    run("create_local_analyst")
    user = get_user_model().objects.get(username="analyst")

    for codename in ("view_mediaitem", "add_mediaitem", "change_mediaitem", "delete_mediaitem", "add_reviewevent"):
        assert user.has_perm(f"catalog.{codename}")
    for codename in ("change_enrichmentjob", "add_mediafile", "view_custodyevent"):
        assert user.has_perm(f"provenance.{codename}")
    for forbidden in (
        "catalog.change_reviewevent", "catalog.delete_reviewevent", "provenance.change_mediafile",
        "provenance.delete_mediafile", "provenance.delete_enrichmentjob", "catalog.change_partner",
    ):
        assert not user.has_perm(forbidden)
