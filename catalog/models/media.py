from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import connection, models
from django.db.models.functions import Coalesce

from catalog.choices import TLP, MediaAuthenticity, MediaKind, SightingKind
from catalog.search_keys import SearchKeyQuerySet

from .base import TimestampedModel
from provenance.models.indexes import list_indexes

language_code = RegexValidator(r"^[a-z]{2,3}$", "Use an ISO 639 language code such as 'ru' or 'ara'.")


def validate_language_codes(value):
    if not isinstance(value, list):
        raise ValidationError("Languages must be a list of ISO 639 codes.")
    for code in value:
        if not isinstance(code, str):
            raise ValidationError("Each language must be an ISO 639 code.")
        language_code(code)


class Tag(models.Model):
    name = models.CharField(max_length=100, unique=True)
    # Its words in every script's loose Latin spellings (catalog.search_keys), written on save; not for display.
    search_key = models.TextField(blank=True, default="", db_default="", editable=False)

    objects = SearchKeyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


def earliest_sighting():
    """When the item in the outer query was first seen: its earliest sighting's posted, else observed, time."""
    return models.Subquery(
        Sighting.objects.filter(media_item=models.OuterRef("pk"))
        .annotate(seen=Coalesce("posted_at", "observed_at"))
        .order_by(models.F("seen").asc(nulls_last=True))
        .values("seen")[:1]
    )


class MediaItemQuerySet(SearchKeyQuerySet):
    def refresh_first_seen(self):
        """Store each item's first-seen time from its sightings (one UPDATE); called whenever sightings change.

        Stored rather than computed per row so lists can sort, filter and page on it through an index."""
        return self.update(first_seen_at=earliest_sighting())


class MediaItem(TimestampedModel):
    kind = models.CharField(max_length=20, choices=MediaKind.choices)
    title = models.CharField(max_length=500)
    description = models.TextField(blank=True)
    languages = models.JSONField(default=list, blank=True, validators=[validate_language_codes])
    producer = models.ForeignKey(
        "catalog.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="media_items"
    )
    claimed_release_at = models.DateTimeField(null=True, blank=True)
    duration = models.DurationField(null=True, blank=True)
    is_graphic = models.BooleanField(
        default=False, help_text="Shows violence, injury or prisoners: thumbnails are blurred by default."
    )
    tlp = models.CharField("TLP", max_length=20, choices=TLP.choices, default=TLP.AMBER)
    authenticity = models.CharField(
        max_length=40, choices=MediaAuthenticity.choices, default=MediaAuthenticity.NOT_ASSESSED,
        help_text="Changed only through a review, which records a rationale.",
    )
    published_authenticity = models.CharField(
        max_length=40, choices=MediaAuthenticity.choices, default=MediaAuthenticity.NOT_ASSESSED,
        help_text="The authenticity partners see: the latest verdict that passed review.",
    )
    variant_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="variants",
        help_text="The item this one was confirmed to be a re-upload or variant of.",
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="media_items")
    first_seen_at = models.DateTimeField(
        null=True, blank=True, editable=False,
        help_text="The earliest sighting's posted, else observed, time; kept up to date as sightings change.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Its words in every script's loose Latin spellings (catalog.search_keys), written on save; not for display.
    search_key = models.TextField(blank=True, default="", editable=False)
    # The search keys of the text read off its files' frames, one after another (catalog.search_keys): kept on the
    # item so that `q` finds an item by its frames on the item's own row. Analysts' only (the item filter asks).
    frame_text_key = models.TextField(blank=True, default="", db_default="", editable=False)

    objects = MediaItemQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        # Lists are read newest first and page by key: every ordering and filter they offer has its index.
        indexes = [
            *list_indexes("mi", orderings=["claimed_release_at", "first_seen_at", "title"], filters=["kind", "tlp", "authenticity", "published_authenticity", "is_graphic"]),
            # The access rule for items is the marking alone: a check of another row's item (a sighting's source
            # for a partner) reads key and marking from this index and never visits the table.
            models.Index(fields=["id"], include=["tlp"], name="mi_key_marking_ix"),
        ]
        constraints = [
            # The default order's index, unique (the key is) so that a channel appearance's copy of the time can
            # reference it with the key (catalog.migrations 0024): PostgreSQL then knows the copy equals the
            # original, and estimates a join on both as a join on the key alone.
            models.UniqueConstraint(fields=["created_at", "id"], name="mi_created_at_key"),
        ]

    def __str__(self):
        return self.title

    def propagation_timeline(self):
        """Sightings of the item and its confirmed variants, in the order they spread: posted, else observed time."""
        # The family's keys first (an OR within the items table: both halves indexed), then its sightings through
        # their item index; an OR across the two tables would join every sighting with every item.
        family = MediaItem.objects.filter(models.Q(pk=self.pk) | models.Q(variant_of=self.pk)).values("pk")
        return (
            Sighting.objects.filter(media_item__in=family)
            .select_related("channel", "media_item")
            .order_by(Coalesce("posted_at", "observed_at").asc(nulls_last=True), "pk")
        )


class Sighting(TimestampedModel):
    """One appearance of an item on a channel."""

    media_item = models.ForeignKey(MediaItem, on_delete=models.CASCADE, related_name="sightings")
    # Indexed with the item (Meta.indexes): "items seen on a channel" reads both from the index alone.
    channel = models.ForeignKey("catalog.Channel", on_delete=models.PROTECT, related_name="sightings", db_index=False)
    url = models.URLField(max_length=2000, blank=True)
    kind = models.CharField(max_length=30, choices=SightingKind.choices)
    posted_at = models.DateTimeField(null=True, blank=True)
    observed_at = models.DateTimeField(null=True, blank=True)
    derived_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="derivatives"
    )
    taken_down_at = models.DateTimeField(null=True, blank=True)
    place = models.ForeignKey("catalog.Place", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    notes = models.TextField(blank=True)
    # Its words in every script's loose Latin spellings (catalog.search_keys), written on save; not for display.
    search_key = models.TextField(blank=True, default="", db_default="", editable=False)

    objects = SearchKeyQuerySet.as_manager()

    class Meta:
        ordering = ["posted_at", "observed_at", "pk"]
        indexes = [
            *list_indexes("si", orderings=["posted_at", "observed_at", "created_at"], filters=["kind"]),
            models.Index(fields=["channel", "media_item"], name="si_channel_item_ix"),
        ]

    def __str__(self):
        return f"{self.media_item} on {self.channel}"

    def clean(self):
        if self.derived_from_id and self.derived_from_id == self.pk:
            raise ValidationError({"derived_from": "A sighting cannot derive from itself."})
        if self.taken_down_at and self.posted_at and self.taken_down_at < self.posted_at:
            raise ValidationError({"taken_down_at": "A sighting cannot be taken down before it was posted."})


class ChannelAppearanceQuerySet(models.QuerySet):
    def refresh(self, pairs):
        """Make the appearances of `pairs` ((channel, item) keys) what the sightings say: one row for each pair
        with a sighting, none for a pair without; called whenever sightings change, in their transaction."""
        for channel, item in pairs:
            if not Sighting.objects.filter(channel=channel, media_item=item).exists():
                self.filter(channel=channel, media_item=item).delete()
                continue
            created_at = MediaItem.objects.filter(pk=item).values_list("created_at", flat=True).first()
            if created_at is not None:  # an item being deleted takes its appearances with it
                self.bulk_create(
                    [ChannelAppearance(channel_id=channel, media_item_id=item, item_created_at=created_at)],
                    ignore_conflicts=True,
                )

    def rebuild(self):
        """Write every appearance again from the sightings, in one statement (rows the save signals never saw:
        written in SQL or restored from a dump); returns how many there are. Call it in a transaction."""
        appearance, sighting, item = (
            connection.ops.quote_name(model._meta.db_table) for model in (ChannelAppearance, Sighting, MediaItem)
        )
        # Every appearance, whatever this queryset filters: the INSERT below writes every one again.
        # INSERT … SELECT, which the ORM cannot write: one statement for any size, on PostgreSQL and SQLite alike.
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {appearance}")
            cursor.execute(
                f"""INSERT INTO {appearance} (channel_id, media_item_id, item_created_at)
                SELECT DISTINCT s.channel_id, s.media_item_id, i.created_at
                FROM {sighting} s JOIN {item} i ON i.id = s.media_item_id"""
            )
            return cursor.rowcount


class ChannelAppearance(models.Model):
    """An item seen on a channel, once however often: what "items seen on a channel" (?channel=) reads.

    It holds a copy of the item's `created_at`, the item list's default order, which never changes once written;
    the list joins on it as well as on the item's key (catalog.filtersets.SeenOnChannelFilter), so PostgreSQL
    reads a channel's items from the (channel, time, item) index already in the list's order and stops after a
    page. From the sightings alone it read every item seen on the channel and sorted them: a cost that grew with
    the channel.
    """

    channel = models.ForeignKey("catalog.Channel", on_delete=models.CASCADE, related_name="+", db_index=False)
    media_item = models.ForeignKey(MediaItem, on_delete=models.CASCADE, related_name="channel_appearances")
    item_created_at = models.DateTimeField(editable=False)

    objects = ChannelAppearanceQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["channel", "media_item"], name="unique_appearance_per_channel")]
        indexes = [models.Index(fields=["channel", "item_created_at", "media_item"], name="ca_channel_order_ix")]

    def __str__(self):
        return f"{self.media_item_id} on {self.channel_id}"


class ItemFile(models.Model):
    """Links an item to an evidence file; one stored file may belong to several items."""

    media_item = models.ForeignKey(MediaItem, on_delete=models.CASCADE, related_name="files")
    media_file = models.ForeignKey("provenance.MediaFile", on_delete=models.PROTECT, related_name="item_links")
    original_filename = models.CharField(max_length=255, blank=True)
    attached_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    attached_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["attached_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["media_item", "media_file"], name="unique_file_per_item"),
        ]

    def __str__(self):
        return self.original_filename or str(self.media_file)
