"""A small catalogue for the workspace tests (test client and browser alike): the Deir Ezzor case in miniature, with
a hostile string in every scraped field, and helpers to attach real video and run its analysis."""

import copy
import datetime as dt
from dataclasses import dataclass
from html.parser import HTMLParser

from django.utils import timezone

from catalog import services
from catalog.choices import (
    AssertionMode,
    ClaimKind,
    ClaimRelation,
    FindingKind,
    OrganizationKind,
    Platform,
    SightingKind,
    VerificationKind,
)
from catalog.demo_case import REPORT_RAW_TEXT
from catalog.models import (
    Channel,
    Claim,
    ClaimLink,
    Finding,
    IdentityAssertion,
    MediaItem,
    Organization,
    Person,
    PersonNameVariant,
    Quote,
    Report,
    ReportDraft,
    Sighting,
    UrlCapture,
    VerificationRun,
)
from catalog.services.variants import propose_variants
from provenance.choices import EnrichmentKind, JobStatus
from provenance.models import EnrichmentJob, FileMatch
from provenance.services import run_enrichment_job
from tests.factories import ItemFileFactory

# What a hostile scraper could deliver; each must show as text and never run.
SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
SVG = "<svg onload=alert(1)>"
RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: "‮gpj.exe" reads "exe.jpg"
HOSTILE = f"{SCRIPT} {IMG} {SVG} {RLO}gpj.exe"
JAVASCRIPT_URL = "javascript:alert(document.cookie)"
# Headers of a request sent by htmx.
HTMX = {"HTTP_HX_REQUEST": "true"}
ARABIC = "أعماق"  # "Amaq"
CYRILLIC = "Заболотный Роман"


def hostile(label):
    """A field's value: readable label first, then every hostile string."""
    return f"{label} {HOSTILE}"


def utc(*args):
    return timezone.make_aware(dt.datetime(*args), dt.UTC)


@dataclass
class Case:
    item: MediaItem
    variant: MediaItem
    producer: Organization
    channel: Channel
    claim: Claim
    denial: Claim
    report: Report
    draft: ReportDraft
    hostile_draft: ReportDraft
    assertion: IdentityAssertion
    arabic_assertion: IdentityAssertion
    person: Person
    finding: Finding
    proposal: object
    failed_enrichment: EnrichmentJob
    failed_capture: UrlCapture
    failed_verification: VerificationRun


def build_case(author):
    """The whole small catalogue; `author` recorded the pending verdict on the item."""
    producer = Organization.objects.create(name=hostile("Amaq"), kind=OrganizationKind.ARMED_GROUP_MEDIA)
    ministry = Organization.objects.create(name=hostile("Russian defence ministry"),
                                           kind=OrganizationKind.GOVERNMENT_BODY)
    item = MediaItem.objects.create(
        kind="video", title=hostile("Amaq video of two captured men"), description=hostile("Proof of life"),
        producer=producer, claimed_release_at=utc(2017, 10, 3, 12), is_graphic=False, languages=["ru", "ar"],
    )
    variant = MediaItem.objects.create(kind="video", title=hostile("Re-upload"), variant_of=item)
    channel = Channel.objects.create(platform=Platform.TELEGRAM, handle=hostile(f"@{ARABIC}"), operator=producer)
    mirror = Channel.objects.create(platform=Platform.X_TWITTER, handle=hostile("@mirror"))
    # URLs are written without validation, as a scraper's bulk insert would: the page must still not link them.
    Sighting.objects.create(media_item=item, channel=channel, kind=SightingKind.ORIGINAL_RELEASE,
                            url=JAVASCRIPT_URL, posted_at=utc(2017, 10, 3, 12, 30), notes=hostile("notes"))
    Sighting.objects.create(media_item=item, channel=mirror, kind=SightingKind.REPOST,
                            url="https://channel.example/post/1", posted_at=utc(2017, 10, 3, 18),
                            taken_down_at=utc(2017, 10, 5, 9))
    Sighting.objects.create(media_item=variant, channel=mirror, kind=SightingKind.REUPLOAD,
                            url="data:text/html,<script>alert(1)</script>", posted_at=utc(2017, 10, 4, 8))
    report = Report.objects.create(
        title=hostile("Isis releases video"), body=hostile("Body"), caption=hostile("Caption"),
        raw_text=hostile("Raw") + f"\n{CYRILLIC}\n{ARABIC}", url=JAVASCRIPT_URL,
    )
    Quote.objects.create(report=report, speaker=hostile("the spokesperson"), text=hostile("All servicemen are safe"))
    claim = Claim.objects.create(text=hostile("Two Russian soldiers were captured"), kind=ClaimKind.CAPTURE,
                                 claimant_organization=producer, media_item=item, report=report,
                                 stated_on=dt.date(2017, 10, 3))
    denial = Claim.objects.create(text=hostile("No servicemen were captured"), kind=ClaimKind.CAPTURE,
                                  claimant_organization=ministry, report=report, stated_on=dt.date(2017, 9, 29))
    ClaimLink.objects.create(source=denial, target=claim, relation=ClaimRelation.DENIES)
    person = Person.objects.create(canonical_name="Roman Zabolotny", birth_year=1979)
    PersonNameVariant.objects.create(person=person, name=CYRILLIC)
    assertion = IdentityAssertion.objects.create(
        media_item=item, name_as_stated="Zabolotny Roman", birth_year_as_stated=1979,
        birthplace_as_stated=hostile("Rassvet"), mode=AssertionMode.SELF_IDENTIFIED,
    )
    arabic_assertion = IdentityAssertion.objects.create(
        media_item=item, name_as_stated=f"{ARABIC} {HOSTILE}", mode=AssertionMode.NAMED_BY_OTHER, named_by=assertion,
    )
    services.review_item_authenticity(item, "OriginalMediaContent", author, hostile("Matches the Amaq release"))
    finding = Finding.objects.create(kind=FindingKind.SIGHTING_BEFORE_RELEASE, key="test-finding",
                                     message=hostile("Seen before the claimed release"), media_item=item)
    draft = services.ingest_report(REPORT_RAW_TEXT)
    hostile_report = Report.objects.create(title=hostile("Scraped report"), raw_text=hostile("raw"))
    hostile_draft = ReportDraft.objects.create(report=hostile_report, payload=_hostile_payload(draft.payload))
    proposal = _proposal()
    return Case(
        item=item, variant=variant, producer=producer, channel=channel, claim=claim, denial=denial, report=report,
        draft=draft, hostile_draft=hostile_draft, assertion=assertion, arabic_assertion=arabic_assertion,
        person=person, finding=finding, proposal=proposal, **_failed_jobs(item),
    )


def _hostile_payload(payload):
    """The draft payload with a hostile string in front of every text value."""

    def spoil(value):
        if isinstance(value, str):
            return hostile(value)
        if isinstance(value, list):
            return [spoil(entry) for entry in value]
        if isinstance(value, dict):
            return {key: spoil(entry) for key, entry in value.items()}
        return value

    return spoil(copy.deepcopy(payload))


def _proposal():
    original = ItemFileFactory(content=b"original release bytes", media_item__title=hostile("Original upload"))
    reupload = ItemFileFactory(content=b"re-encoded bytes", media_item__title=hostile("Telegram re-upload"))
    match = FileMatch.objects.create(query_file=reupload.media_file, matched_file=original.media_file,
                                     query_match_percent=93.0, target_match_percent=81.0, best_distance=14,
                                     method="vpdq")
    [proposal] = propose_variants([match])
    return proposal


def _failed_jobs(item):
    link = ItemFileFactory(media_item=item, content=b"bytes whose analysis failed",
                           original_filename="failed.mp4")
    enrichment = EnrichmentJob.objects.create(media_file=link.media_file, kind=EnrichmentKind.ANALYSIS,
                                              status=JobStatus.FAILED, error=hostile("Not media"),
                                              finished_at=timezone.now(), attempts=1)
    capture = UrlCapture.objects.create(media_item=item, url="https://channel.example/gone", status=JobStatus.FAILED,
                                        error=hostile("404"), finished_at=timezone.now(), attempts=2)
    verification = VerificationRun.objects.create(kind=VerificationKind.LIVENESS, media_item=item,
                                                  status=JobStatus.FAILED, error="timeout",
                                                  finished_at=timezone.now(), attempts=1)
    return {"failed_enrichment": enrichment, "failed_capture": capture, "failed_verification": verification}


def attach_analysed_video(media, item, name="original", filename="amaq.mp4"):
    """Attach a generated video to `item` and run its hashing and analysis as a worker would."""
    with open(media.path(name), "rb") as fileobj:
        link = services.attach_file(item, fileobj, filename)
    for kind in (EnrichmentKind.HASHES, EnrichmentKind.ANALYSIS):
        job = EnrichmentJob.objects.get(media_file=link.media_file, kind=kind)
        run_enrichment_job(job.pk)
        job.refresh_from_db()
        assert job.status == JobStatus.SUCCEEDED, job.error
    link.media_file.refresh_from_db()
    return link


class MarkupScan(HTMLParser):
    """Every element and attribute the browser would build from a page: what matters for script injection."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.tags = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def problems(self):
        found = []
        for tag, attrs in self.tags:
            handlers = [name for name in attrs if name.startswith("on")]
            if handlers:
                found.append(f"<{tag}> has event handler attributes {handlers}")
            if tag == "script" and not attrs.get("src"):
                found.append("an inline <script>")
            if tag == "svg" and "onload" in attrs:
                found.append("an <svg onload>")
            if tag == "img" and attrs.get("src") == "x":
                found.append("an injected <img src=x>")
            for name in ("href", "src", "action", "formaction", "poster"):
                if (attrs.get(name) or "").strip().lower().startswith(("javascript:", "data:", "vbscript:")):
                    found.append(f"<{tag} {name}={attrs[name]!r}>")
            if "style" in attrs:
                found.append(f"<{tag}> has an inline style (forbidden by the policy)")
        return found
