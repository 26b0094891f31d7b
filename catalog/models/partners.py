"""Partner organisations that read the catalogue over the API, within their clearance."""

import base64
import secrets
import uuid

from django.db import models
from django.db.models import Exists, OuterRef
from rest_framework_api_key.models import AbstractAPIKey

from catalog.choices import TLP, ChangeKind, WebhookEvent
from provenance.choices import JobStatus
from provenance.models import QueuedJob
from provenance.models.jobs import QueuedJobQuerySet
from provenance.models.append_only import AppendOnlyModel

from .base import TimestampedModel


class Partner(TimestampedModel):
    name = models.CharField(max_length=200, unique=True)
    organization = models.ForeignKey(
        "catalog.Organization", null=True, blank=True, on_delete=models.SET_NULL, related_name="partner_accounts"
    )
    max_tlp = models.CharField(
        "highest TLP it may read", max_length=20, choices=TLP.choices, default=TLP.CLEAR
    )
    may_see_identities = models.BooleanField(
        default=False, help_text="Names and birth data of people shown in media are personal data."
    )
    may_see_graphic = models.BooleanField(default=False, help_text="May fetch unblurred graphic media.")
    is_active = models.BooleanField(default=True)
    contact_email = models.EmailField(blank=True)

    class Meta:
        ordering = ["name"]
        # Held by the analysts who administer sharing in the desk (catalog.workspace.views.sharing); the
        # model permissions of the admin stay with superusers.
        permissions = [("manage_partners", "Can manage partners, their clearance, API keys and webhooks in the desk")]

    def __str__(self):
        return self.name


class PartnerAPIKey(AbstractAPIKey):
    """Stored hashed; may expire and be revoked (djangorestframework-api-key)."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="api_keys")

    class Meta(AbstractAPIKey.Meta):
        verbose_name = "partner API key"
        verbose_name_plural = "partner API keys"


class AccessAudit(AppendOnlyModel):
    """A partner read a restricted record."""

    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="accesses")
    api_key_prefix = models.CharField(max_length=8, blank=True)
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=500)
    record_type = models.CharField(max_length=50)
    record_id = models.CharField(max_length=64)
    accessed_at = models.DateTimeField(auto_now_add=True)

    class Meta(AppendOnlyModel.Meta):
        ordering = ["-accessed_at", "-pk"]

    def __str__(self):
        return f"{self.partner} read {self.record_type} {self.record_id}"


class ChangeFeedEntry(AppendOnlyModel):
    """One change to a shared record, in order; the primary key is the feed's position."""

    record_type = models.CharField(max_length=50)
    record_id = models.CharField(max_length=64)
    change = models.CharField(max_length=20, choices=ChangeKind.choices)
    tlp = models.CharField(max_length=20, choices=TLP.choices, help_text="The record's marking after the change.")
    previous_tlp = models.CharField(max_length=20, choices=TLP.choices, blank=True)
    names_people = models.BooleanField(
        default=False, help_text="The record names people shown (only identity-cleared partners read it)."
    )
    previously_named_people = models.BooleanField(
        null=True, blank=True, help_text="Whether it named people before the change, when that changed."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(AppendOnlyModel.Meta):
        ordering = ["pk"]
        verbose_name_plural = "change feed entries"
        # created_at: the feed finds the entries still settling (catalog.api.feed) without scanning the rest.
        indexes = [models.Index(fields=["record_type", "record_id"]), models.Index(fields=["created_at"])]

    def __str__(self):
        return f"#{self.pk} {self.change} {self.record_type} {self.record_id}"


def new_webhook_secret():
    """A Standard Webhooks secret: "whsec_" and 32 random bytes in base64 (catalog.services.webhooks signs with it)."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


class WebhookSubscription(TimestampedModel):
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="webhooks")
    url = models.URLField(max_length=2000)
    events = models.JSONField(default=list, help_text=f"Any of: {', '.join(WebhookEvent.values)}.")
    secret = models.CharField(max_length=100, default=new_webhook_secret, help_text="Key of the HMAC-SHA256 signature.")
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["partner", "pk"]

    def __str__(self):
        return f"{self.partner} → {self.url}"


class WebhookDeliveryQuerySet(QueuedJobQuerySet):
    def unsettled(self):
        return self.filter(status__in=[JobStatus.PENDING, JobStatus.RUNNING])

    def claim(self, job_id, token=""):
        """Take a delivery only when every earlier delivery to its subscription has settled (sent or refused), so
        a subscription's events are posted one at a time and in order, however many workers run the queue.

        The condition is part of the one conditional UPDATE: two workers cannot both see the way clear."""
        earlier_unsettled = WebhookDelivery.objects.unsettled().filter(
            subscription=OuterRef("subscription"), pk__lt=OuterRef("pk")
        )
        return QueuedJobQuerySet.claim(self.filter(~Exists(earlier_unsettled)), job_id, token)


class WebhookDelivery(QueuedJob):
    """One event sent to one subscription; the job row is also the delivery log."""

    task_name = "catalog.notify.deliver_webhook"

    objects = WebhookDeliveryQuerySet.as_manager()

    subscription = models.ForeignKey(WebhookSubscription, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=30, choices=WebhookEvent.choices)
    event_id = models.UUIDField(default=uuid.uuid4)
    payload = models.JSONField()
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    response_excerpt = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "webhook deliveries"
        constraints = [models.UniqueConstraint(fields=["subscription", "event_id"], name="one_delivery_per_event")]

    def __str__(self):
        return f"{self.event} to {self.subscription}: {self.get_status_display()}"
