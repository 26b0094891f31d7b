"""Who and where: ranking people for an asserted identity, and turning gazetteer places into catalogue places."""

from dataclasses import dataclass

from django.db import transaction

from catalog.choices import PlaceKind
from catalog.models import Person, Place
from catalog.resolution.gazetteer import get_gazetteer
from catalog.resolution.people import AssertedIdentity, PersonRecord, rank_candidates


@dataclass(frozen=True)
class PersonCandidate:
    person: Person
    score: float
    reasons: list


def as_asserted_identity(assertion):
    timecode = f", {assertion.timecode}" if assertion.timecode else ""
    return AssertedIdentity(
        name=assertion.name_as_stated,
        birth_year=assertion.birth_year_as_stated,
        birthplace=assertion.birthplace_as_stated or None,
        affiliation=assertion.affiliation_as_stated or None,
        source=f"item {assertion.media_item_id}{timecode}",
    )


def place_label(place):
    """A place with what contains it ("Rassvet, Aksaysky District, Rostov Oblast"): names alone are often ambiguous."""
    names, seen = [], set()
    while place is not None and place.pk not in seen:
        seen.add(place.pk)
        names.append(place.name)
        place = place.parent
    return ", ".join(names) or None


def person_candidates(assertion, limit=5):
    """Catalogued people this stated identity may be, best first, with the reasons; an analyst confirms."""
    people = {person.pk: person for person in Person.objects.select_related("birthplace__parent__parent")
              .prefetch_related("name_variants")}
    records = [
        PersonRecord(
            id=person.pk,
            canonical_name=person.canonical_name,
            name_variants=tuple(variant.name for variant in person.name_variants.all()),
            birth_year=person.birth_year,
            birthplace=place_label(person.birthplace),
        )
        for person in people.values()
    ]
    ranked = rank_candidates(as_asserted_identity(assertion), records, limit=limit)
    return [PersonCandidate(people[candidate.person_id], candidate.score, candidate.reasons) for candidate in ranked]


def resolve_place(text, country_hint=None, kind_hint=None):
    """The catalogue place a name as written means, created with its parents from the gazetteer; None if unsure."""
    candidate = get_gazetteer().best(text, country_hint=country_hint, kind_hint=kind_hint)
    return place_from_gazetteer(candidate.place_id) if candidate else None


@transaction.atomic
def place_from_gazetteer(gazetteer_id):
    """Get or create the Place for a gazetteer entry and every place that contains it, outermost first."""
    parent = None
    for entry in reversed(get_gazetteer().lineage(gazetteer_id)):
        parent, _ = Place.objects.get_or_create(
            gazetteer_id=entry.id,
            defaults={
                "name": entry.name,
                "kind": entry.kind if entry.kind in PlaceKind.values else PlaceKind.REGION,
                "parent": parent,
                "country_code": entry.subdivision_code or entry.country_code,
                "latitude": round(entry.latitude, 6) if entry.latitude is not None else None,
                "longitude": round(entry.longitude, 6) if entry.longitude is not None else None,
            },
        )
    return parent
