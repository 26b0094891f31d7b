import datetime as dt

import pytest
from django.utils import timezone

from catalog import services
from catalog.choices import ClaimRelation, FindingKind, FindingStatus, VerificationKind
from catalog.models import Finding, LivenessCheck
from provenance.choices import JobStatus
from tests.factories import (
    ChannelFactory,
    ClaimFactory,
    ClaimLinkFactory,
    IdentityAssertionFactory,
    MediaItemFactory,
    PersonFactory,
    SightingFactory,
)

pytestmark = pytest.mark.django_db


def aware(*args):
    return timezone.make_aware(dt.datetime(*args))


def verify(kind, media_item=None):
    run = services.request_verification(kind, media_item)
    services.run_verification(run.pk)
    run.refresh_from_db()
    assert run.status == JobStatus.SUCCEEDED, run.error
    return run


def test_a_sighting_before_the_claimed_release_becomes_a_finding():
    item = MediaItemFactory(claimed_release_at=aware(2017, 10, 3, 12))
    early = SightingFactory(media_item=item, posted_at=aware(2017, 10, 2, 9))
    SightingFactory(media_item=item, posted_at=aware(2017, 10, 3, 15))

    verify(VerificationKind.TIMELINE)

    finding = Finding.objects.get()
    assert (finding.kind, finding.sighting, finding.media_item) == (FindingKind.SIGHTING_BEFORE_RELEASE, early, item)
    assert "before the claimed release" in finding.message


def test_a_claim_dated_after_its_own_denial_becomes_a_finding():
    claim = ClaimFactory(stated_on=dt.date(2017, 10, 3))
    denial = ClaimFactory(stated_on=dt.date(2017, 9, 28))
    ClaimLinkFactory(source=denial, target=claim, relation=ClaimRelation.DENIES)
    in_order = ClaimFactory(stated_on=dt.date(2017, 9, 28))
    ClaimLinkFactory(source=ClaimFactory(stated_on=dt.date(2017, 9, 29)), target=in_order, relation=ClaimRelation.DENIES)

    verify(VerificationKind.TIMELINE)

    finding = Finding.objects.get()
    assert (finding.kind, finding.claim) == (FindingKind.CLAIM_AFTER_DENIAL, claim)


def test_running_a_check_twice_keeps_one_finding_and_respects_a_dismissal():
    item = MediaItemFactory(claimed_release_at=aware(2017, 10, 3, 12))
    SightingFactory(media_item=item, posted_at=aware(2017, 10, 2, 9))
    verify(VerificationKind.TIMELINE)
    Finding.objects.update(status=FindingStatus.DISMISSED)

    verify(VerificationKind.TIMELINE)

    assert Finding.objects.get().status == FindingStatus.DISMISSED


def test_a_run_for_one_item_leaves_other_items_alone():
    item, other = MediaItemFactory(claimed_release_at=aware(2017, 10, 3)), MediaItemFactory(claimed_release_at=aware(2017, 10, 3))
    SightingFactory(media_item=item, posted_at=aware(2017, 10, 1))
    SightingFactory(media_item=other, posted_at=aware(2017, 10, 1))

    verify(VerificationKind.TIMELINE, media_item=item)

    assert list(Finding.objects.values_list("media_item", flat=True)) == [item.pk]


def test_contradictory_birth_years_of_one_person_become_a_finding():
    person = PersonFactory(canonical_name="Roman Zabolotny")
    IdentityAssertionFactory(person=person, birth_year_as_stated=1979)
    IdentityAssertionFactory(person=person, birth_year_as_stated=1981)
    agreeing = PersonFactory()
    IdentityAssertionFactory(person=agreeing, birth_year_as_stated=1978)
    IdentityAssertionFactory(person=agreeing, birth_year_as_stated=1978)

    verify(VerificationKind.IDENTITY)

    finding = Finding.objects.get()
    assert (finding.kind, finding.person) == (FindingKind.IDENTITY_CONTRADICTION, person)
    assert (finding.detail["kind"], finding.detail["values"]) == ("birth_year", ["1979", "1981"])
    assert "1979" in finding.message and "1981" in finding.message


def test_liveness_records_history_and_marks_a_takedown(http_server):
    (http_server.folder / "post").write_text("still here")
    up = SightingFactory(url=http_server.url("post"))
    gone = SightingFactory(url=http_server.url("removed"))
    channel = ChannelFactory(url=http_server.url("channel"))
    http_server.status_overrides["/channel"] = 410

    verify(VerificationKind.LIVENESS)

    up.refresh_from_db()
    gone.refresh_from_db()
    assert up.taken_down_at is None
    assert gone.taken_down_at is not None
    checks = {check.url: (check.is_up, check.http_status) for check in LivenessCheck.objects.all()}
    assert checks[up.url] == (True, 200)
    assert checks[gone.url] == (False, 404)
    assert checks[channel.url] == (False, 410)
    kinds = set(Finding.objects.values_list("kind", flat=True))
    assert kinds == {FindingKind.URL_TAKEN_DOWN, FindingKind.CHANNEL_UNREACHABLE}


def test_a_server_error_is_kept_in_history_but_is_not_a_takedown(http_server):
    sighting = SightingFactory(url=http_server.url("flaky"))
    http_server.status_overrides["/flaky"] = 503

    verify(VerificationKind.LIVENESS)

    sighting.refresh_from_db()
    assert sighting.taken_down_at is None
    assert LivenessCheck.objects.get().http_status == 503
    assert not Finding.objects.exists()
