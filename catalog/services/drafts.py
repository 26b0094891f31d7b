"""From a scraped report to catalogue records: the report is stored as received, the desk's reading of it waits as
a draft, and only what an analyst accepts (field by field, or whole) becomes catalogue records."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q

from catalog.choices import (
    TLP,
    ClaimKind,
    ClaimRelation,
    DatePrecision,
    DraftStatus,
    MediaKind,
    OrganizationKind,
    PlaceKind,
    Platform,
    SightingKind,
)
from catalog.ingest import UnreadableReport, build_draft, parse_scraped_report
from catalog.models import (
    Channel,
    Claim,
    ClaimLink,
    IdentityAssertion,
    MediaItem,
    Organization,
    OrganizationAlias,
    Place,
    Quote,
    Report,
    ReportDraft,
    Sighting,
)
from catalog.resolution.gazetteer import get_gazetteer
from catalog.text import report_fingerprint

from .resolution import place_from_gazetteer

SECTIONS = ("media_item", "organisations", "channels", "identities", "claims", "places")
ACCEPTED, REJECTED = "accepted", "rejected"


@transaction.atomic
def ingest_report(raw, *, url="", tlp=TLP.AMBER, user=None):
    """Store a scraped report exactly as received, with its quotes, and the desk's draft reading of it.

    The same report ingested again (however its copy is spaced or escaped) returns the existing draft. New reports are TLP:AMBER until an analyst says
    otherwise, since what they name has not been reviewed yet.
    """
    raw_text = raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else raw
    if "\x00" in raw_text:
        raise ValidationError({"raw_text": "The text contains NUL bytes: this is binary data, not a scraped report."})
    existing = find_ingested(raw_text)
    if existing:
        return existing
    try:
        parsed = parse_scraped_report(raw_text)
    except UnreadableReport as unreadable:
        raise ValidationError({"raw_text": str(unreadable)}) from unreadable
    try:
        with transaction.atomic():
            report = Report.objects.create(
                outlet=find_organization(parsed.outlet) if parsed.outlet else None,
                url=url, title=parsed.title[:500], dateline=parsed.dateline[:200], published_at=parsed.published_at,
                body=parsed.body, caption=parsed.caption, raw_text=raw_text, tlp=tlp,
                content_hash=report_fingerprint(raw_text),
            )
    except IntegrityError:  # the same report, ingested at the same moment by another request: that one's draft
        return find_ingested(raw_text)
    Quote.objects.bulk_create(
        Quote(report=report, speaker=quote.speaker[:300] or "unattributed", text=quote.text, position=position)
        for position, quote in enumerate(parsed.quotes, start=1)
    )
    payload = build_draft(parsed).to_dict()
    payload["report"] = {"outlet": parsed.outlet, "warnings": parsed.warnings,
                         "related_articles": [article.to_dict() for article in parsed.related_articles]}
    _add_resolution_hints(payload)
    return ReportDraft.objects.create(report=report, payload=payload)


def find_ingested(raw_text):
    """The draft of this report if it was ingested before, in any copy (catalog.text.report_fingerprint)."""
    return (ReportDraft.objects.filter(report__content_hash=report_fingerprint(raw_text))
            .select_related("report").first())


def find_organization(name):
    """An organisation named exactly so, or by one of its aliases, ignoring case."""
    name = (name or "").strip()
    if not name:
        return None
    return (
        Organization.objects.filter(Q(name__iexact=name) | Q(aliases__name__iexact=name)).distinct().first()
    )


def _add_resolution_hints(payload):
    """What the catalogue and the gazetteer make of each name, for the analyst to see before accepting."""
    gazetteer = get_gazetteer()
    named = [place["name"] for place in payload["places"] if place["name"].strip()]
    country = _report_country(gazetteer, named)
    for place in payload["places"]:
        _add_place_candidates(gazetteer, place, country, [other for other in named if other != place["name"]])
    for identity in payload["identities"]:
        text = identity.get("birthplace_as_stated") or ""
        identity["birthplace_gazetteer"] = _place_hint(gazetteer.best(text)) if text.strip() else None
    for organisation in payload["organisations"]:
        known = find_organization(organisation["name"])
        organisation["known_organization"] = known.pk if known else None


def _report_country(gazetteer, named):
    """The one country a report names, if it names exactly one: it ranks that country's places first."""
    countries = {found.country_code for name in named
                 if (found := gazetteer.best(name)) is not None and found.kind == PlaceKind.COUNTRY}
    return countries.pop() if len(countries) == 1 else None


def _add_place_candidates(gazetteer, place, country, context):
    """The ranked candidates, best first, and whether the best is confident. Below confidence the analyst chooses
    one by writing its id into the proposal as `chosen_candidate`; accepting never links a place otherwise."""
    candidates = gazetteer.resolve(place["name"], country, context=context) if place["name"].strip() else []
    place["candidates"] = [candidate.as_proposal() for candidate in candidates]
    place["confident"] = bool(candidates) and candidates[0].confident
    place["gazetteer"] = _place_hint(candidates[0]) if place["confident"] else None


def _linked_place_id(proposal):
    """The gazetteer entry an accepted place proposal links to: the analyst's choice, else a confident best."""
    chosen = proposal.get("chosen_candidate")
    if chosen:
        if chosen not in get_gazetteer().places:
            raise ValidationError({"chosen_candidate": f"The gazetteer has no entry {chosen!r}."})
        return chosen
    if proposal.get("confident") is True and proposal.get("gazetteer"):
        return proposal["gazetteer"]["id"]
    return None


def _place_hint(candidate):
    if candidate is None:
        return None
    return {"id": candidate.place_id, "name": candidate.name, "kind": candidate.kind,
            "parents": list(candidate.parents), "score": round(candidate.score, 3)}


def section_paths(draft):
    """Every decidable part of a draft: 'media_item', 'claims.0', 'places.3', …"""
    paths = ["media_item"] if draft.payload.get("media_item") else []
    for section in SECTIONS[1:]:
        paths += [f"{section}.{index}" for index in range(len(draft.payload.get(section, [])))]
    return paths


@transaction.atomic
def accept_draft(draft, analyst, paths=None):
    """Turn the chosen parts (all undecided ones by default) into catalogue records; returns the records made."""
    draft = ReportDraft.objects.select_for_update().get(pk=draft.pk)
    chosen = _undecided(draft, paths)
    builder = _DraftBuilder(draft, analyst)
    made = builder.build(chosen)
    for path in chosen:
        draft.decisions[path] = {"decision": ACCEPTED, "by": analyst.get_username(), "record": made.get(path)}
    _settle(draft, analyst)
    return made


@transaction.atomic
def reject_draft(draft, analyst, paths=None):
    draft = ReportDraft.objects.select_for_update().get(pk=draft.pk)
    for path in _undecided(draft, paths):
        draft.decisions[path] = {"decision": REJECTED, "by": analyst.get_username()}
    _settle(draft, analyst)
    return draft


def _undecided(draft, paths):
    known = section_paths(draft)
    if paths is None:
        return [path for path in known if path not in draft.decisions]
    paths = list(dict.fromkeys(paths))
    unknown = sorted(set(paths) - set(known))
    if unknown:
        raise ValidationError({"paths": f"Not part of this draft: {', '.join(unknown)}."})
    decided = sorted(path for path in paths if path in draft.decisions)
    if decided:
        raise ValidationError({"paths": f"Already decided: {', '.join(decided)}."})
    return list(paths)


def _settle(draft, analyst):
    decisions = [decision["decision"] for decision in draft.decisions.values()]
    if len(draft.decisions) < len(section_paths(draft)):
        draft.status = DraftStatus.PARTIALLY_ACCEPTED if ACCEPTED in decisions else DraftStatus.PENDING
    else:
        draft.status = DraftStatus.ACCEPTED if ACCEPTED in decisions else DraftStatus.REJECTED
    draft.decided_by = analyst
    draft.save(update_fields=["decisions", "status", "decided_by", "media_item", "updated_at"])


class _DraftBuilder:
    """Creates the records for accepted parts, reusing what the catalogue already holds."""

    def __init__(self, draft, analyst):
        self.draft, self.analyst, self.payload = draft, analyst, draft.payload
        self.made = {}

    def build(self, paths):
        by_section = {section: [] for section in SECTIONS}
        for path in paths:
            section, _, index = path.partition(".")
            by_section[section].append(int(index) if index else None)
        if by_section["media_item"] or self._needs_item(by_section):
            self.item()
        builders = {"organisations": self.organisation, "channels": self.channel, "identities": self.identity,
                    "claims": self.claim, "places": self.place}
        for section, build_one in builders.items():
            for index in sorted(by_section[section]):
                record = build_one(index)
                self.made[f"{section}.{index}"] = f"{record._meta.label_lower}:{record.pk}"
        return self.made

    def _needs_item(self, by_section):
        return bool(by_section["identities"] or by_section["channels"])

    def item(self):
        if self.draft.media_item_id:
            return self.draft.media_item
        proposal = self.payload["media_item"]
        if proposal.get("attach_to"):  # an analyst said the draft is about an item already catalogued
            return self._attach(proposal["attach_to"])
        producer = self.organisation_named(proposal.get("producer"), OrganizationKind.ARMED_GROUP_MEDIA)
        release = _date(proposal.get("release_date"))
        item = MediaItem.objects.create(
            kind=proposal.get("kind") if proposal.get("kind") in MediaKind.values else MediaKind.VIDEO,
            title=(proposal.get("title_suggestion") or self.draft.report.title)[:500],
            description=proposal.get("evidence", ""),
            languages=[code for code in proposal.get("languages", []) if isinstance(code, str)],
            producer=producer,
            claimed_release_at=dt.datetime.combine(release, dt.time(), dt.UTC) if release else None,
            is_graphic=bool(proposal.get("graphic")),
            tlp=self.draft.report.tlp,
            created_by=self.analyst,
        )
        self.draft.media_item = item
        self.made["media_item"] = f"{item._meta.label_lower}:{item.pk}"
        self._embedded_sighting(item)
        return item

    def _attach(self, item_id):
        item = MediaItem.objects.filter(pk=item_id).first()
        if item is None:
            raise ValidationError({"paths": "The item this draft was to be attached to no longer exists."})
        self.draft.media_item = item
        self.made["media_item"] = f"{item._meta.label_lower}:{item.pk}"
        self._embedded_sighting(item)
        return item

    def _embedded_sighting(self, item):
        """The report itself is a sighting: the item embedded in a report on the outlet's website."""
        report = self.draft.report
        if report.outlet is None:
            return
        website, _ = Channel.objects.get_or_create(
            platform=Platform.WEBSITE, operator=report.outlet, defaults={"handle": report.outlet.name, "url": ""}
        )
        Sighting.objects.create(
            media_item=item, channel=website, url=report.url, kind=SightingKind.EMBEDDED_IN_REPORT,
            posted_at=report.published_at, notes=f"Reported in “{report.title}”.",
        )

    def organisation_named(self, name, kind):
        if not name:
            return None
        known = find_organization(name)
        if known:
            return known
        kind = kind if kind in OrganizationKind.values else OrganizationKind.OTHER
        return Organization.objects.create(name=name[:300], kind=kind)

    def organisation(self, index):
        proposal = self.payload["organisations"][index]
        organisation = self.organisation_named(proposal["name"], proposal.get("kind"))
        if proposal["name"] != organisation.name:
            OrganizationAlias.objects.get_or_create(organization=organisation, name=proposal["name"])
        affiliation = proposal.get("affiliation")
        if affiliation and organisation.affiliation_id is None:
            organisation.affiliation = self.organisation_named(affiliation, OrganizationKind.ARMED_GROUP)
            if organisation.affiliation_id != organisation.pk:
                organisation.save(update_fields=["affiliation", "updated_at"])
        return organisation

    def channel(self, index):
        proposal = self.payload["channels"][index]
        platform = proposal["platform"] if proposal["platform"] in Platform.values else Platform.OTHER
        operator = self.organisation_named(proposal.get("operator"), OrganizationKind.OTHER)
        item = self.item()
        handle = proposal["name_as_written"].strip()
        if handle.lower() in (platform, Platform(platform).label.lower()):
            # "its YouTube channel" names a platform, not a channel: the channel is known by whose it is
            owner = operator or item.producer or self.draft.report.outlet
            handle = owner.name if owner else ""
        channel, _ = Channel.objects.get_or_create(platform=platform, handle=handle[:300], operator=operator)
        is_producers = operator is not None and operator == item.producer
        Sighting.objects.create(
            media_item=item, channel=channel,
            kind=SightingKind.ORIGINAL_RELEASE if is_producers else SightingKind.REPOST,
            posted_at=item.claimed_release_at if is_producers else None,
            notes=proposal.get("evidence", ""),
        )
        return channel

    def identity(self, index):
        proposal = self.payload["identities"][index]
        hint = proposal.get("birthplace_gazetteer")
        named_by = None
        if proposal.get("named_by") is not None:
            named_by = self._record_at("identities", proposal["named_by"])
        return IdentityAssertion.objects.create(
            media_item=self.item(),
            name_as_stated=proposal["name_as_stated"][:300],
            birth_year_as_stated=proposal.get("birth_year"),
            birthplace_as_stated=(proposal.get("birthplace_as_stated") or "")[:300],
            birthplace=place_from_gazetteer(hint["id"]) if hint else None,
            mode=proposal["mode"],
            named_by=named_by,
        )

    def claim(self, index):
        proposal = self.payload["claims"][index]
        claimant = self._claimant(proposal)
        precision = proposal.get("stated_on_precision") or ""
        stated_on = _date(proposal.get("stated_on")) if precision == "day" else None
        earliest, latest = _date(proposal.get("stated_on_earliest")), _date(proposal.get("stated_on_latest"))
        if not (earliest and latest and earliest <= latest and precision in DatePrecision.values):
            earliest = latest = stated_on
            precision = DatePrecision.DAY if stated_on else ""
        claim = Claim.objects.create(
            text=proposal["text"],
            kind=proposal["kind"] if proposal["kind"] in ClaimKind.values else ClaimKind.OTHER,
            claimant_organization=claimant,
            claimant_description="" if claimant else (proposal.get("claimant") or "")[:300],
            stated_on=stated_on,
            stated_on_earliest=earliest,
            stated_on_latest=latest,
            stated_on_precision=precision,
            media_item=self.draft.media_item,
            report=self.draft.report,
            tlp=self.draft.report.tlp,
        )
        self._link_claims(index, claim)
        return claim

    def _claimant(self, proposal):
        """The organisation an analyst chose (catalog.services.draft_edits), else one named exactly so."""
        chosen = proposal.get("claimant_organization")
        if isinstance(chosen, dict):
            return self.organisation_named(chosen.get("name"), chosen.get("kind"))
        if isinstance(chosen, int):
            return Organization.objects.filter(pk=chosen).first()
        return find_organization(proposal.get("claimant"))

    def _link_claims(self, index, claim):
        """Links to and from claims of the same draft that exist by now, in either direction."""
        for relation in self.payload["claims"][index].get("relations", []):
            target = self._record_at("claims", relation["target"])
            if target is not None and relation["relation"] in ClaimRelation.values:
                ClaimLink.objects.get_or_create(source=claim, target=target, relation=relation["relation"])
        for other_index, other in enumerate(self.payload["claims"]):
            source = self._record_at("claims", other_index)
            for relation in other.get("relations", []):
                if source is not None and relation["target"] == index and relation["relation"] in ClaimRelation.values:
                    ClaimLink.objects.get_or_create(source=source, target=claim, relation=relation["relation"])

    def place(self, index):
        proposal = self.payload["places"][index]
        if linked := _linked_place_id(proposal):
            return place_from_gazetteer(linked)
        kind = proposal.get("kind") if proposal.get("kind") in PlaceKind.values else PlaceKind.CITY
        return Place.objects.create(name=proposal["name"][:300], kind=kind)

    def _record_at(self, section, index):
        """The record made for another part of this draft, now or in an earlier acceptance."""
        path = f"{section}.{index}"
        reference = self.made.get(path) or self.draft.decisions.get(path, {}).get("record")
        if not reference:
            return None
        model = {"claims": Claim, "identities": IdentityAssertion}[section]
        return model.objects.filter(pk=int(reference.rsplit(":", 1)[1])).first()


def _date(value):
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None
