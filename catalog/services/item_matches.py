"""Is a draft about an item already catalogued? Candidates scored on title, producer, claimed release, the people
named and file hashes quoted in the report, each with the reasons an analyst can check."""

import dataclasses
import datetime as dt
import re
from difflib import SequenceMatcher

from django.db.models import Q
from django.db.models.functions import Lower

from catalog.models import MediaItem, ReportDraft

from .drafts import find_organization

# What each kind of agreement adds to a candidate's score (at most 1). A file hash alone is decisive.
WEIGHTS = {"hash": 1.0, "title": 0.4, "producer": 0.2, "release": 0.2, "identities": 0.3}
SHOWN_FROM = 0.35  # below this, a candidate shares only one weak trait with the draft: noise
RELEASE_WINDOW = dt.timedelta(days=3)
HEX_DIGEST = re.compile(r"\b(?:[0-9a-f]{64}|[0-9a-f]{32})\b", re.IGNORECASE)
TITLE_WORD = re.compile(r"\w{5,}")


@dataclasses.dataclass
class ItemMatch:
    item: MediaItem
    score: float
    reasons: list


def similar_items(draft, limit=3):
    """Catalogued items the draft may be about, best first (nothing is saved)."""
    draft = draft if isinstance(draft, ReportDraft) else ReportDraft.objects.get(pk=draft)
    traits = _Traits(draft)
    matches = [traits.compare(item) for item in traits.candidates()]
    matches = [match for match in matches if match.score >= SHOWN_FROM]
    return sorted(matches, key=lambda match: (-match.score, -match.item.pk))[:limit]


class _Traits:
    def __init__(self, draft):
        proposal = draft.payload.get("media_item") or {}
        self.draft = draft
        self.title = str(proposal.get("title_suggestion") or draft.report.title)
        self.producer = find_organization(proposal.get("producer"))
        self.release = _date(proposal.get("release_date"))
        self.names = {str(part.get("name_as_stated") or "").casefold().strip()
                      for part in draft.payload.get("identities") or [] if isinstance(part, dict)} - {""}
        self.hashes = {digest.lower() for digest in HEX_DIGEST.findall(draft.report.raw_text)}

    def candidates(self):
        wanted = Q(pk__in=[])
        if self.producer:
            wanted |= Q(producer=self.producer)
        if self.release:
            wanted |= Q(claimed_release_at__date__range=(self.release - RELEASE_WINDOW, self.release + RELEASE_WINDOW))
        if self.names:
            wanted |= Q(pk__in=MediaItem.objects.annotate(name=Lower("identity_assertions__name_as_stated"))
                        .filter(name__in=self.names).values("pk"))
        if self.hashes:
            wanted |= Q(files__media_file__sha256__in=self.hashes) | Q(files__media_file__md5__in=self.hashes)
        for word in sorted(set(TITLE_WORD.findall(self.title)), key=len, reverse=True)[:5]:
            wanted |= Q(title__icontains=word)
        found = MediaItem.objects.filter(wanted).distinct().select_related("producer")
        if self.draft.media_item_id:
            found = found.exclude(pk=self.draft.media_item_id)
        return found.prefetch_related("identity_assertions", "files__media_file").order_by("-pk")[:200]

    def compare(self, item):
        score, reasons = 0.0, []
        digests = {link.media_file.sha256 for link in item.files.all()} | {
            link.media_file.md5 for link in item.files.all() if link.media_file.md5}
        shared = sorted(self.hashes & digests)
        if shared:
            score += WEIGHTS["hash"]
            reasons.append(f"the report quotes the hash of one of its files ({shared[0][:12]}…)")
        alike = SequenceMatcher(None, self.title.casefold(), item.title.casefold()).ratio()
        if alike >= 0.5:
            score += WEIGHTS["title"] * alike
            reasons.append(f"titles {round(alike * 100)}% alike")
        if self.producer and item.producer_id == self.producer.pk:
            score += WEIGHTS["producer"]
            reasons.append(f"same producer, {self.producer.name}")
        if self.release and item.claimed_release_at:
            apart = abs((item.claimed_release_at.date() - self.release).days)
            if apart <= RELEASE_WINDOW.days:
                score += WEIGHTS["release"] * (1 if apart == 0 else 0.5)
                reasons.append("claimed release on the same day" if apart == 0 else
                               f"claimed release {apart} day{'s' if apart > 1 else ''} apart")
        people = sorted({assertion.name_as_stated for assertion in item.identity_assertions.all()
                         if assertion.name_as_stated.casefold().strip() in self.names})
        if people:
            score += min(WEIGHTS["identities"], 0.15 * len(people))
            reasons.append(f"names the same {'person' if len(people) == 1 else 'people'}: {', '.join(people)}")
        return ItemMatch(item=item, score=round(min(score, 1.0), 3), reasons=reasons)


def _date(value):
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) and value else None
    except ValueError:
        return None
