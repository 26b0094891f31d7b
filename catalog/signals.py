"""Every change to a record partners may read lands in the change feed (catalog.services.partners).

Saves and deletes of items, sightings, identity assertions, item files, claims, claim links, reports and quotes
are recorded as they happen, in the same transaction. Two changes do not pass through a record's own save:
a verdict being published (an approval, or a review when four-eyes review is off: the service then writes
the published value with an UPDATE) and an item's tags; both are recorded here as updates of the record.
"""

from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from catalog.choices import ReviewedValue
from catalog.models import ChannelAppearance, ItemFile, MediaItem, ReviewApproval, ReviewEvent, Sighting
from catalog.services import hashlists, partners

PUBLISHED_VALUES = {ReviewedValue.ITEM_AUTHENTICITY: "media_item", ReviewedValue.CLAIM_STATUS: "claim"}


def remember_marking(sender, instance, raw=False, **kwargs):
    if not raw:
        instance._feed_audience_before, instance._feed_stored = partners.audience_before_save(instance)


def record_save(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if not raw:
        partners.record_save(
            instance, created, getattr(instance, "_feed_audience_before", None),
            getattr(instance, "_feed_stored", None), update_fields,
        )


def remember_marking_before_delete(sender, instance, **kwargs):
    instance._feed_audience_at_delete = partners.audience(partners.load_with_parents(sender, pk=instance.pk) or instance)


def record_delete(sender, instance, **kwargs):
    partners.record_delete(instance, instance._feed_audience_at_delete)


for model in partners.FEED_MODELS:
    uid = f"catalog.feed.{model._meta.model_name}"
    pre_save.connect(remember_marking, sender=model, dispatch_uid=f"{uid}.pre_save")
    post_save.connect(record_save, sender=model, dispatch_uid=f"{uid}.post_save")
    pre_delete.connect(remember_marking_before_delete, sender=model, dispatch_uid=f"{uid}.pre_delete")
    post_delete.connect(record_delete, sender=model, dispatch_uid=f"{uid}.post_delete")


@receiver(m2m_changed, sender=MediaItem.tags.through, dispatch_uid="catalog.feed.mediaitem.tags")
def record_tags_changed(sender, instance, action, reverse, pk_set=None, **kwargs):
    if action.startswith("post_") and not reverse and (pk_set or action == "post_clear"):
        partners.record_update(instance)


@receiver(post_save, sender=ReviewApproval, dispatch_uid="catalog.feed.review_approval")
def record_approved_verdict(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        _record_published(instance.review_event)


@receiver(post_save, sender=ReviewEvent, dispatch_uid="catalog.feed.review_event")
def record_verdict_published_without_approval(sender, instance, created, raw=False, **kwargs):
    if created and not raw and not settings.FOUR_EYES_REVIEW:
        _record_published(instance)


def _record_published(event):
    subject = PUBLISHED_VALUES.get(event.value)
    if subject is not None:
        partners.record_update(getattr(event, subject))


@receiver(post_save, sender=ItemFile, dispatch_uid="catalog.hash_list.item_file")
def remember_listed_file(sender, instance, created, raw=False, **kwargs):
    # The hash list must name a file's hashes as deleted after its item file is gone (catalog.services.hashlists).
    hashlists.remember_item_file(instance)


# An item's stored first-seen time and its appearances on channels (catalog.models.ChannelAppearance) follow its
# sightings, in the transaction that changes them. A sighting moved to another item or channel changes both the
# old and the new. (A queryset .update() of sighting times passes no signal: its caller refreshes the item, as
# catalog.services.evidence does; nothing updates a sighting's item or channel in bulk. Rows written in SQL pass no
# signal at all: `manage.py rebuild_sighting_summaries` stores both again.)


@receiver(pre_save, sender=Sighting, dispatch_uid="catalog.sighting_summaries.pre_save")
def remember_sighted_item(sender, instance, **kwargs):
    instance._sighted_before = (
        Sighting.objects.filter(pk=instance.pk).values_list("channel_id", "media_item_id").first() if instance.pk else None
    )


@receiver(post_save, sender=Sighting, dispatch_uid="catalog.sighting_summaries.post_save")
def refresh_sighting_summaries_on_save(sender, instance, **kwargs):
    pairs = {(instance.channel_id, instance.media_item_id), getattr(instance, "_sighted_before", None)} - {None}
    MediaItem.objects.filter(pk__in={item for _, item in pairs}).refresh_first_seen()
    ChannelAppearance.objects.refresh(pairs)


@receiver(post_delete, sender=Sighting, dispatch_uid="catalog.sighting_summaries.post_delete")
def refresh_sighting_summaries_on_delete(sender, instance, **kwargs):
    MediaItem.objects.filter(pk=instance.media_item_id).refresh_first_seen()
    ChannelAppearance.objects.refresh([(instance.channel_id, instance.media_item_id)])
