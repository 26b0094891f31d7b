"""The analysts' admin, driven through the Django test client as a logged-in staff analyst."""

import hashlib

import pytest
from django import forms
from django.apps import apps
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from catalog import services
from catalog.services import together
from catalog.services.analysts import ensure_analyst_group
from catalog.choices import ClaimStatus, FindingKind, MediaAuthenticity, PlaceKind, VerificationKind, WebhookEvent
from catalog.services import hashlists
from catalog.models import (
    ListedHash,
    ProducerIdeology,
    AccessAudit,
    ChangeFeedEntry,
    Finding,
    IdentityAssertion,
    ItemFile,
    LivenessCheck,
    MediaItem,
    Organization,
    Partner,
    PartnerAPIKey,
    ReportDraft,
    ReportIngest,
    ReviewApproval,
    ReviewEvent,
    UrlCapture,
    VariantProposal,
    VerificationRun,
    WebArchiveCapture,
    WebhookDelivery,
    WebhookSubscription,
)
from provenance import services as evidence
from provenance.choices import DerivedKind, FixityOutcome, HashAlgorithm, JobStatus
from provenance.models import (
    AudioFingerprint,
    FrameText,
    ExternalSignal,
    ExternalSignalMatch,
    AnchoredHead,
    CustodyAnchor,
    DerivedFile,
    EnrichmentJob,
    FileMatch,
    FixityFinding,
    FixityRun,
    FrameHash,
    MediaFile,
    SensitiveMediaAccess,
)
from tests.factories import (
    AnalystFactory,
    ChannelFactory,
    ClaimFactory,
    ClaimLinkFactory,
    IdentityAssertionFactory,
    ItemFileFactory,
    MediaItemFactory,
    OrganizationAliasFactory,
    OrganizationFactory,
    PersonFactory,
    PersonNameVariantFactory,
    PlaceAliasFactory,
    PlaceFactory,
    QuoteFactory,
    ReportFactory,
    SightingFactory,
    TagFactory,
    UserFactory,
)

APPS = ("catalog", "provenance")
MODELS = [model for app in APPS for model in apps.get_app_config(app).get_models()]
REGISTERED = [model for model in admin.site._registry if model._meta.app_label in APPS]
SCRAPED = "<script>alert(1)</script> <img src=x onerror=alert(1)>"
ESCAPED = ("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;")
RAW_TAGS = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>")


def admin_url(model_or_obj, view, *args):
    opts = model_or_obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def build_catalogue(reviewer):
    """A row of every catalogue and provenance model, linked as an analyst (or a job) would link them."""
    item = MediaItemFactory()
    item.tags.add(TagFactory())
    OrganizationAliasFactory(organization=item.producer)
    sighting = SightingFactory(media_item=item, channel=ChannelFactory(operator=item.producer))
    PlaceAliasFactory(place=PlaceFactory(parent=PlaceFactory(kind=PlaceKind.COUNTRY)))
    person = PersonNameVariantFactory().person
    assertion = IdentityAssertionFactory(media_item=item)
    claim = ClaimFactory(media_item=item, report=QuoteFactory().report)
    ClaimLinkFactory(source=ClaimFactory(media_item=item), target=claim)
    media_file = ItemFileFactory(media_item=item).media_file  # with its custody events
    anchor_custody_of(media_file)
    evidence.request_enrichment(media_file)
    FixityFinding.objects.create(
        run=FixityRun.objects.create(files_checked=1), outcome=FixityOutcome.UNTRACKED, storage_name="originals/x"
    )
    UrlCapture.objects.create(media_item=item, url="https://example.org/clip")
    WebArchiveCapture.objects.create(sighting=sighting, url=sighting.url)
    ReportIngest.objects.create(raw_text="A report that could not be read", content_hash="0" * 64, filename="a.txt")
    services.review_item_authenticity(item, MediaAuthenticity.ORIGINAL, reviewer, "Matches the first upload.")
    services.review_claim_status(claim, ClaimStatus.IN_PROGRESS, reviewer, "Checking the claimed place.")
    review = services.resolve_identity(assertion, person, 0.7, reviewer, "Same birth year and birthplace.")
    build_desk_and_partner_rows(item, claim, sighting, media_file, review, reviewer)
    build_teamwork_rows(item, reviewer)
    return item


def build_teamwork_rows(item, reviewer):
    """Two of each: a verdict sent back and withdrawn (on an item of its own), assignments, comments."""
    colleague = AnalystFactory()
    other = MediaItemFactory()
    event = services.review_item_authenticity(other, MediaAuthenticity.STAGED, reviewer, "Dust added in editing.")
    services.send_back_review(event, colleague, "Compare with the raw upload.")
    services.withdraw_review(event, reviewer)
    together.assign_item(item, reviewer, by=colleague)
    together.assign_item(item, colleague, by=reviewer)
    together.comment_on_item(item, reviewer, "Geolocated: km 41.")
    together.comment_on_item(item, colleague, "Confirmed with street view.")


def anchor_custody_of(media_file):
    """An anchor row as anchoring stores one (its token is not checked here: tests/anchoring do that)."""
    head = media_file.custody_events.order_by("-sequence").first()
    anchor = CustodyAnchor.objects.create(
        root="ab" * 32, leaf_count=1, tsa_url="http://tsa.example/", token=b"0", timestamped_at=timezone.now(),
    )
    AnchoredHead.objects.create(anchor=anchor, leaf_index=0, media_file=media_file, file_sha256=media_file.sha256,
                                sequence=head.sequence, event_hash=head.event_hash)


def build_desk_and_partner_rows(item, claim, sighting, media_file, review, reviewer):
    ReportDraft.objects.create(report=claim.report, payload={"claims": []}, media_item=item)
    Finding.objects.create(
        kind=FindingKind.URL_TAKEN_DOWN, key=f"down-{sighting.pk}", message="The URL is gone.", sighting=sighting
    )
    LivenessCheck.objects.create(sighting=sighting, url=sighting.url, is_up=False, http_status=404)
    ReviewApproval.objects.create(review_event=review, approver=UserFactory())
    VerificationRun.objects.create(kind=VerificationKind.TIMELINE, media_item=item)
    frame = DerivedFile.objects.create(
        media_file=media_file, kind=DerivedKind.KEYFRAME, file=f"derived/{media_file.sha256}/0.jpg", sha256="a" * 64
    )
    FrameHash.objects.create(media_file=media_file, algorithm=HashAlgorithm.VPDQ, hash="b" * 64, quality=90)
    AudioFingerprint.objects.create(media_file=media_file, items=bytes(8), item_count=2, item_seconds=0.124,
                                    duration_seconds=0.5)
    FrameText.objects.create(media_file=media_file, timestamp=1.5, text="أعماق", language="ara", confidence=91.0,
                             left=10, top=400, width=200, height=40)
    SensitiveMediaAccess.objects.create(derived_file=frame, user=reviewer, reason="Checking the faces.")
    twin = ItemFileFactory().media_file
    match = FileMatch.objects.create(
        query_file=twin, matched_file=media_file, query_match_percent=90, target_match_percent=80,
        best_distance=12, method="vpdq",
    )
    VariantProposal.objects.create(
        media_item=twin.item_links.get().media_item, matched_item=item, file_match=match, summary="A re-upload."
    )
    partner = Partner.objects.create(name=f"Partner of {item.title}", organization=item.producer)
    PartnerAPIKey.objects.create_key(name="newsroom", partner=partner)
    AccessAudit.objects.create(partner=partner, method="GET", path="/api/v1/", record_type="media_item", record_id="1")
    ChangeFeedEntry.objects.create(record_type="media_item", record_id=str(item.pk), change="created", tlp="green")
    subscription = WebhookSubscription.objects.create(
        partner=partner, url="https://partner.example.org/hook", events=[WebhookEvent.ITEM_PUBLISHED]
    )
    WebhookDelivery.objects.create(subscription=subscription, event=WebhookEvent.ITEM_PUBLISHED, payload={})
    # The hash list: a login, a producer's ideology, a listed hash; an external list's signal and a match with it.
    hashlists.issue_credential(partner)
    ProducerIdeology.objects.create(organization=item.producer, ideology="islamist")
    listed = item.files.first().media_file
    ListedHash.objects.create(media_file=listed, algorithm="SHA-256", hash_digest=listed.sha256)
    signal = ExternalSignal.objects.create(source="TAT hash list", algorithm="sha256", hash_digest=listed.sha256)
    ExternalSignalMatch.objects.create(media_file=listed, signal=signal)


def form_data(form):
    """What a browser would post back for an unchanged form."""
    data = {}
    for bound in form:
        value = bound.value()
        widget = bound.field.widget
        if isinstance(widget, forms.MultiWidget):
            for index, part in enumerate(widget.decompress(value)):
                data[f"{bound.html_name}_{index}"] = "" if part is None else part
        elif isinstance(widget, forms.CheckboxInput):
            if value:
                data[bound.html_name] = "on"
        elif value is not None:
            data[bound.html_name] = value
    return data


def change_form_data(browser, url):
    """The change page's form and inline forms as a browser would submit them unchanged."""
    response = browser.get(url)
    assert response.status_code == 200
    data = form_data(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        data.update(form_data(inline.formset.management_form))
        for form in inline.formset.forms:
            data.update(form_data(form))
    return data


@pytest.fixture
def staff_analyst(db):
    ensure_analyst_group()
    return AnalystFactory(is_staff=True)


@pytest.fixture
def browser(client, staff_analyst):
    client.force_login(staff_analyst)
    return client


@pytest.fixture
def superuser_browser(client, db):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def catalogue(staff_analyst):
    return build_catalogue(staff_analyst)


# Access


def test_anonymous_visitors_are_sent_to_the_login_page(client, db):
    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_an_analyst_who_is_not_staff_is_sent_to_the_login_page(client, db):
    client.force_login(AnalystFactory(is_staff=False))

    response = client.get(admin_url(MediaItem, "changelist"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_every_catalogue_and_provenance_model_is_registered():
    assert [model for model in MODELS if not admin.site.is_registered(model)] == []


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_its_changelist_lists_its_rows(browser, catalogue, model):
    response = browser.get(admin_url(model, "changelist"))

    assert response.status_code == 200
    assert response.context["cl"].result_count == model.objects.count() > 0


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_its_change_page_opens(browser, catalogue, model):
    obj = model.objects.first()

    response = browser.get(admin_url(model, "change", obj.pk))

    assert response.status_code == 200
    assert response.context["original"] == obj


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_its_add_page_opens_unless_the_admin_is_read_only(superuser_browser, rf, model):
    request = rf.get("/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    may_add = admin.site.get_model_admin(model).has_add_permission(request)

    response = superuser_browser.get(admin_url(model, "add"))

    assert response.status_code == (200 if may_add else 403)


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_its_changelist_needs_no_query_per_row(browser, staff_analyst, catalogue, model):
    url = admin_url(model, "changelist")
    with CaptureQueriesContext(connection) as one:
        browser.get(url)
    build_catalogue(staff_analyst)
    with CaptureQueriesContext(connection) as two:
        response = browser.get(url)

    assert response.context["cl"].result_count >= 2
    assert len(two) == len(one)


# Search


def search(browser, model, term):
    response = browser.get(admin_url(model, "changelist"), {"q": term})
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


def test_an_organisation_is_found_by_its_arabic_alias(browser):
    amaq = OrganizationAliasFactory(name="وكالة أعماق", organization__name="Amaq News Agency").organization
    OrganizationAliasFactory(name="Newsweek")

    assert search(browser, Organization, "وكالة أعماق") == [amaq]


def test_a_person_is_found_by_a_name_variant(browser):
    variant = PersonNameVariantFactory(name="Роман Заболотный", person__canonical_name="Roman Zabolotny")
    PersonNameVariantFactory(name="Григорий Цурканов")

    assert search(browser, variant.person._meta.model, "Заболотный") == [variant.person]


def test_a_place_is_found_by_its_arabic_alias(browser):
    alias = PlaceAliasFactory(name="دير الزور", place__name="Deir ez-Zor")
    PlaceAliasFactory(name="دمشق")

    assert search(browser, alias.place._meta.model, "دير الزور") == [alias.place]


# Verification values change only through reviews


def test_changing_authenticity_without_a_rationale_shows_an_error_and_changes_nothing(browser):
    item = MediaItemFactory()
    url = admin_url(item, "change", item.pk)
    data = change_form_data(browser, url) | {"authenticity": MediaAuthenticity.STAGED, "review_rationale": "  "}

    response = browser.post(url, data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["review_rationale"] == [
        "Give a rationale: this changes a verification value."
    ]
    item.refresh_from_db()
    assert item.authenticity == MediaAuthenticity.NOT_ASSESSED
    assert not ReviewEvent.objects.exists()


def test_changing_authenticity_with_a_rationale_records_a_review_by_the_analyst(browser, staff_analyst):
    item = MediaItemFactory()
    url = admin_url(item, "change", item.pk)
    data = change_form_data(browser, url) | {
        "authenticity": MediaAuthenticity.STAGED, "review_rationale": "The bruises are make-up.",
    }

    response = browser.post(url, data)

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.authenticity == MediaAuthenticity.STAGED
    event = ReviewEvent.objects.get()
    assert (event.media_item, event.analyst, event.rationale) == (item, staff_analyst, "The bruises are make-up.")
    assert (event.old_value, event.new_value) == (MediaAuthenticity.NOT_ASSESSED, MediaAuthenticity.STAGED)


def test_editing_other_fields_needs_no_rationale_and_records_no_review(browser):
    item = MediaItemFactory()
    url = admin_url(item, "change", item.pk)

    response = browser.post(url, change_form_data(browser, url) | {"title": "Retitled"})

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "Retitled"
    assert not ReviewEvent.objects.exists()


def test_adding_an_item_with_an_authenticity_records_its_review(browser, staff_analyst):
    producer = OrganizationFactory()
    url = admin_url(MediaItem, "add")
    data = change_form_data(browser, url) | {
        "kind": "video", "title": "New item", "producer": producer.pk, "languages": "[]", "tlp": "amber",
        "authenticity": MediaAuthenticity.ORIGINAL, "review_rationale": "Received from the producer's channel.",
    }

    response = browser.post(url, data)

    assert response.status_code == 302
    item = MediaItem.objects.get(title="New item")
    assert (item.authenticity, item.created_by) == (MediaAuthenticity.ORIGINAL, staff_analyst)
    assert ReviewEvent.objects.get().old_value == MediaAuthenticity.NOT_ASSESSED


def test_changing_a_claim_status_goes_through_a_review(browser, staff_analyst):
    claim = ClaimFactory()
    url = admin_url(claim, "change", claim.pk)
    refused = browser.post(url, change_form_data(browser, url) | {"status": ClaimStatus.DISPUTED})
    claim.refresh_from_db()
    assert (refused.status_code, claim.status) == (200, ClaimStatus.UNSTARTED)

    response = browser.post(
        url, change_form_data(browser, url) | {"status": ClaimStatus.DISPUTED, "review_rationale": "Denied."}
    )

    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.DISPUTED
    event = ReviewEvent.objects.get()
    assert (event.claim, event.analyst, event.new_value) == (claim, staff_analyst, ClaimStatus.DISPUTED)


def test_resolving_an_identity_goes_through_a_review(browser, staff_analyst):
    assertion = IdentityAssertionFactory()
    person = PersonFactory()
    url = admin_url(assertion, "change", assertion.pk)
    data = change_form_data(browser, url) | {
        "person": person.pk, "resolution_confidence": "0.8", "review_rationale": "Matches a service record.",
    }

    response = browser.post(url, data)

    assert response.status_code == 302
    assertion.refresh_from_db()
    assert (assertion.person, assertion.resolution_confidence, assertion.resolved_by) == (person, 0.8, staff_analyst)
    assert ReviewEvent.objects.get().identity_assertion == assertion


def test_a_resolution_without_a_confidence_is_refused_on_the_form(browser):
    assertion = IdentityAssertionFactory()
    url = admin_url(assertion, "change", assertion.pk)
    data = change_form_data(browser, url) | {"person": PersonFactory().pk, "review_rationale": "Looks like him."}

    response = browser.post(url, data)

    assert response.status_code == 200
    assert "resolution_confidence" in response.context["adminform"].form.errors
    assertion.refresh_from_db()
    assert assertion.person is None
    assert not ReviewEvent.objects.exists()


def test_an_identity_assertions_stated_fields_are_read_only_after_creation(browser):
    assertion = IdentityAssertionFactory(name_as_stated="Zabolotny Roman", birth_year_as_stated=1979)
    url = admin_url(assertion, "change", assertion.pk)
    data = change_form_data(browser, url)

    response = browser.post(url, data | {"name_as_stated": "Roman Zabolotny", "birth_year_as_stated": "1980"})

    assert response.status_code == 302
    assertion.refresh_from_db()
    assert (assertion.name_as_stated, assertion.birth_year_as_stated) == ("Zabolotny Roman", 1979)
    assert "name_as_stated" not in data


def test_stated_fields_can_be_given_when_an_assertion_is_added(browser):
    item = MediaItemFactory()
    data = change_form_data(browser, admin_url(IdentityAssertion, "add")) | {
        "media_item": item.pk, "name_as_stated": "Tsurkanov Gregory", "birth_year_as_stated": "1978",
        "birthplace_as_stated": "the Domodedovo area", "mode": "named_by_other",
    }

    response = browser.post(admin_url(IdentityAssertion, "add"), data)

    assert response.status_code == 302
    assert IdentityAssertion.objects.get(media_item=item).name_as_stated == "Tsurkanov Gregory"


def test_an_identity_is_stated_from_the_items_page_and_not_rewritten_there(browser):
    stated = IdentityAssertionFactory(name_as_stated="Zabolotny Roman")
    item = stated.media_item
    url = admin_url(item, "change", item.pk)
    data = change_form_data(browser, url) | {
        "identity_assertions-0-name_as_stated": "Roman Zabolotny",
        "identity_assertions-TOTAL_FORMS": "2",
        "identity_assertions-1-name_as_stated": "Tsurkanov Gregory",
        "identity_assertions-1-mode": "named_by_other",
        "identity_assertions-1-named_by": stated.pk,
    }

    response = browser.post(url, data)

    assert response.status_code == 302
    assert list(item.identity_assertions.values_list("name_as_stated", "named_by")) == [
        ("Zabolotny Roman", None), ("Tsurkanov Gregory", stated.pk),
    ]


# Review history and evidence are read-only


def test_review_history_cannot_be_added_changed_or_deleted_even_by_a_superuser(superuser_browser, catalogue):
    event = ReviewEvent.objects.first()
    change_url = admin_url(event, "change", event.pk)

    assert superuser_browser.get(admin_url(event, "add")).status_code == 403
    assert superuser_browser.post(change_url, {"rationale": "rewritten"}).status_code == 403
    assert superuser_browser.get(admin_url(event, "delete", event.pk)).status_code == 403
    assert superuser_browser.post(admin_url(event, "delete", event.pk), {"post": "yes"}).status_code == 403
    assert ReviewEvent.objects.get(pk=event.pk).rationale == event.rationale


@pytest.mark.parametrize("subject", ["media_item", "claim", "identity_assertion"])
def test_the_review_history_is_shown_read_only_on_its_subjects_page(superuser_browser, catalogue, subject):
    event = ReviewEvent.objects.filter(**{f"{subject}__isnull": False}).first()
    reviewed = getattr(event, subject)

    response = superuser_browser.get(admin_url(reviewed, "change", reviewed.pk))

    history = next(inline for inline in response.context["inline_admin_formsets"] if inline.opts.model is ReviewEvent)
    assert (history.has_add_permission, history.has_change_permission, history.has_delete_permission) == (
        False, False, False,
    )
    assert event.rationale in response.content.decode()


@pytest.mark.parametrize("model", [MediaFile, EnrichmentJob], ids=lambda model: model._meta.label)
def test_evidence_cannot_be_changed_or_deleted_even_by_a_superuser(superuser_browser, catalogue, model):
    obj = model.objects.first()

    assert superuser_browser.get(admin_url(model, "delete", obj.pk)).status_code == 403
    assert superuser_browser.post(admin_url(model, "change", obj.pk), {}).status_code == 403
    assert model.objects.filter(pk=obj.pk).exists()


def test_queue_again_reopens_a_failed_enrichment_job(browser, catalogue):
    job = EnrichmentJob.objects.get()
    EnrichmentJob.objects.filter(pk=job.pk).update(status=JobStatus.FAILED, error="The stored file is missing.")

    response = browser.post(
        admin_url(EnrichmentJob, "changelist"), {"action": "queue_again", "_selected_action": [job.pk]}
    )

    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.status, job.error) == (JobStatus.PENDING, "")


# Protected deletes


@pytest.mark.parametrize("dependant", [ChannelFactory, MediaItemFactory], ids=["channel", "media item"])
def test_it_refuses_to_delete_an_organisation_still_in_use(browser, dependant):
    organization = OrganizationFactory()
    dependant(**{"operator" if dependant is ChannelFactory else "producer": organization})
    url = admin_url(organization, "delete", organization.pk)

    page = browser.get(url)
    response = browser.post(url, {"post": "yes"})

    assert page.status_code == 200
    assert page.context["protected"]
    assert "would require deleting the following protected related objects" in page.content.decode()
    assert response.status_code == 200
    assert Organization.objects.filter(pk=organization.pk).exists()


def test_deleting_an_unreviewed_item_removes_its_sightings_and_identities(browser):
    item = IdentityAssertionFactory().media_item
    SightingFactory(media_item=item)

    response = browser.post(admin_url(item, "delete", item.pk), {"post": "yes"})

    assert response.status_code == 302
    assert not MediaItem.objects.exists()
    assert not IdentityAssertion.objects.exists()


# Scraped text is never rendered as HTML


def assert_escaped(response):
    html = response.content.decode()
    assert response.status_code == 200
    for raw, escaped in zip(RAW_TAGS, ESCAPED, strict=True):
        assert raw not in html
        assert escaped in html


def test_scraped_report_text_is_escaped_on_the_changelist(browser):
    ReportFactory(title=SCRAPED, body=SCRAPED, caption=SCRAPED, raw_text=SCRAPED)

    assert_escaped(browser.get(admin_url(ReportFactory._meta.model, "changelist")))


@pytest.mark.parametrize("field", ["title", "body", "caption", "raw_text"])
def test_scraped_report_text_is_escaped_on_the_change_form(browser, field):
    report = ReportFactory(**{field: SCRAPED})

    assert_escaped(browser.get(admin_url(report, "change", report.pk)))


def test_a_scraped_quote_is_escaped_on_its_reports_page(browser):
    quote = QuoteFactory(text=SCRAPED, speaker=SCRAPED)

    assert_escaped(browser.get(admin_url(quote.report, "change", quote.report.pk)))


def test_saving_a_report_keeps_its_raw_text_byte_for_byte(browser):
    raw = "  Headline\r\n\r\nBody\u00a0text\n"
    report = ReportFactory(raw_text=raw)
    url = admin_url(report, "change", report.pk)
    data = change_form_data(browser, url)

    response = browser.post(url, data | {"title": "Corrected title", "raw_text": "typed over"})

    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.title, report.raw_text) == ("Corrected title", raw)
    assert "raw_text" not in data


# Evidence files attached from the item's page


def test_an_analyst_attaches_a_file_from_the_item_page(browser, staff_analyst):
    item = MediaItemFactory()
    url = admin_url(item, "change", item.pk)
    content = b"video bytes as downloaded"
    data = change_form_data(browser, url) | {"attach_file": SimpleUploadedFile("clip.mp4", content)}

    response = browser.post(url, data)

    assert response.status_code == 302
    link = ItemFile.objects.get(media_item=item)
    assert (link.original_filename, link.attached_by) == ("clip.mp4", staff_analyst)
    assert link.media_file.sha256 == hashlib.sha256(content).hexdigest()
    assert set(link.media_file.jobs.values_list("kind", "status")) == {
        ("hashes", JobStatus.PENDING), ("analysis", JobStatus.PENDING),
    }
    assert link.media_file.custody_events.last().detail["via"] == "admin upload"


def test_the_name_a_file_was_found_under_is_kept(browser):
    item = MediaItemFactory()
    url = admin_url(item, "change", item.pk)
    data = change_form_data(browser, url) | {
        "attach_file": SimpleUploadedFile("download.mp4", b"bytes"), "attach_as": "أعماق - جنديان روسيان.mp4",
    }

    browser.post(url, data)

    assert ItemFile.objects.get(media_item=item).original_filename == "أعماق - جنديان روسيان.mp4"


@pytest.mark.parametrize(
    "name, message",
    [
        ("clip\u202egpj.exe", "bidirectional control character"),
        ("../../etc/passwd", "must not contain a path"),
    ],
)
def test_a_bad_original_filename_is_refused_with_a_clear_error(browser, name, message):
    item = MediaItemFactory()
    url = admin_url(item, "change", item.pk)
    data = change_form_data(browser, url) | {"attach_file": SimpleUploadedFile("clip.mp4", b"x"), "attach_as": name}

    response = browser.post(url, data)

    assert response.status_code == 200
    assert message in " ".join(response.context["adminform"].form.errors["attach_as"])
    assert not MediaFile.objects.exists()


def test_an_original_filename_without_a_file_is_refused(browser):
    item = MediaItemFactory()
    url = admin_url(item, "change", item.pk)

    response = browser.post(url, change_form_data(browser, url) | {"attach_as": "clip.mp4"})

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["attach_file"] == ["Choose the file to attach under this name."]


def test_the_items_files_show_their_sha256_and_size(browser):
    link = ItemFileFactory(content=b"twelve bytes")

    html = browser.get(admin_url(link.media_item, "change", link.media_item.pk)).content.decode()

    assert link.media_file.sha256 in html
    assert ">12<" in html
