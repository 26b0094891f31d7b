import datetime as dt

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone

from catalog import choices
from catalog.policies.access import ANALYST_GROUP
from catalog.models import (
    Channel,
    Claim,
    ClaimLink,
    IdentityAssertion,
    ItemFile,
    MediaItem,
    Organization,
    OrganizationAlias,
    Person,
    PersonNameVariant,
    Place,
    PlaceAlias,
    Quote,
    Report,
    Sighting,
    Tag,
)
from provenance import services as evidence


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


class AnalystFactory(UserFactory):
    username = factory.Sequence(lambda n: f"analyst{n}")

    @factory.post_generation
    def analyst_group(user, create, extracted, **kwargs):
        if create:
            user.groups.add(Group.objects.get_or_create(name=ANALYST_GROUP)[0])


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = choices.OrganizationKind.ARMED_GROUP_MEDIA


class OrganizationAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganizationAlias

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Alias {n}")


class ChannelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Channel

    platform = choices.Platform.TELEGRAM
    handle = factory.Sequence(lambda n: f"@channel{n}")
    operator = factory.SubFactory(OrganizationFactory)


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    name = factory.Sequence(lambda n: f"Place {n}")
    kind = choices.PlaceKind.CITY
    country_code = "SY"


class PlaceAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlaceAlias

    place = factory.SubFactory(PlaceFactory)
    name = factory.Sequence(lambda n: f"Place alias {n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    canonical_name = factory.Sequence(lambda n: f"Person {n}")
    birth_year = 1980


class PersonNameVariantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersonNameVariant

    person = factory.SubFactory(PersonFactory)
    name = factory.Sequence(lambda n: f"Variant {n}")


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"tag-{n}")


class MediaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MediaItem

    kind = choices.MediaKind.VIDEO
    title = factory.Sequence(lambda n: f"Media item {n}")
    languages = factory.LazyFunction(lambda: ["ru", "ar"])
    producer = factory.SubFactory(OrganizationFactory)
    claimed_release_at = factory.LazyFunction(lambda: timezone.make_aware(dt.datetime(2017, 10, 3, 12, 0)))
    tlp = choices.TLP.AMBER


class SightingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sighting

    media_item = factory.SubFactory(MediaItemFactory)
    channel = factory.SubFactory(ChannelFactory)
    kind = choices.SightingKind.REPOST
    # Reserved for documentation (RFC 2606): never a real host, so no test reaches the internet.
    url = factory.Sequence(lambda n: f"https://channel.example/post/{n}")
    posted_at = factory.LazyFunction(lambda: timezone.make_aware(dt.datetime(2017, 10, 3, 15, 0)))
    observed_at = factory.LazyFunction(timezone.now)


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report

    outlet = factory.SubFactory(OrganizationFactory, kind=choices.OrganizationKind.NEWS_OUTLET)
    title = factory.Sequence(lambda n: f"Report {n}")
    body = "Body of the report."
    published_at = factory.LazyFunction(lambda: timezone.make_aware(dt.datetime(2017, 10, 4, 11, 52)))


class QuoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quote

    report = factory.SubFactory(ReportFactory)
    speaker = "a spokesperson"
    text = factory.Sequence(lambda n: f"Quoted words {n}.")


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    text = factory.Sequence(lambda n: f"Claim {n}")
    kind = choices.ClaimKind.CAPTURE
    claimant_organization = factory.SubFactory(OrganizationFactory)
    media_item = factory.SubFactory(MediaItemFactory)
    stated_on = dt.date(2017, 9, 28)


class ClaimLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClaimLink

    source = factory.SubFactory(ClaimFactory)
    target = factory.SubFactory(ClaimFactory)
    relation = choices.ClaimRelation.DENIES


class IdentityAssertionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IdentityAssertion

    media_item = factory.SubFactory(MediaItemFactory)
    name_as_stated = factory.Sequence(lambda n: f"Stated Name {n}")
    birth_year_as_stated = 1979
    birthplace_as_stated = "Rustav Oblast"
    mode = choices.AssertionMode.SELF_IDENTIFIED


class ItemFileFactory(factory.django.DjangoModelFactory):
    """Stores real bytes through the evidence service, as an upload would."""

    class Meta:
        model = ItemFile

    media_item = factory.SubFactory(MediaItemFactory)
    media_file = factory.LazyAttribute(
        lambda link: evidence.receive_file(ContentFile(link.content), link.original_filename)
    )
    original_filename = factory.Sequence(lambda n: f"video-{n}.mp4")

    class Params:
        content = factory.Sequence(lambda n: f"evidence bytes {n}".encode())
