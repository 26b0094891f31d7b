"""The 'analysts' group and the model permissions its staff members need in the admin.

Called by the commands that create analysts and by the demo case loader, so it lives with the services.
"""

from django.apps import apps
from django.contrib.auth import get_permission_codename
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from catalog.policies.access import ANALYST_GROUP, MANAGE_PARTNERS
from catalog.models import AccessAudit, ChangeFeedEntry, Partner, PartnerAPIKey, WebhookDelivery, WebhookSubscription
from provenance.models import MediaFile
from provenance.models.append_only import AppendOnlyModel

# Who outside may read what is decided by administrators; analysts only look.
PARTNER_MODELS = {Partner, PartnerAPIKey, WebhookSubscription, WebhookDelivery, AccessAudit, ChangeFeedEntry}


def _actions(model):
    if model in PARTNER_MODELS:
        return ("view",)
    # Review history, custody logs and evidence files are only ever added (by the services), never changed.
    if issubclass(model, AppendOnlyModel) or model is MediaFile:
        return ("view", "add")
    if model._meta.app_label == "catalog":
        return ("view", "add", "change", "delete")
    return ("view", "add", "change")


def analyst_permissions():
    models = [*apps.get_app_config("catalog").get_models(), *apps.get_app_config("provenance").get_models()]
    content_types = ContentType.objects.get_for_models(*models)
    wanted = {
        (content_types[model].pk, get_permission_codename(action, model._meta))
        for model in models
        for action in _actions(model)
    }
    held = Permission.objects.filter(content_type__in=content_types.values())
    return [permission for permission in held if (permission.content_type_id, permission.codename) in wanted]


def ensure_analyst_group():
    """Create the group if needed and give it every analyst permission; permissions granted by hand stay."""
    group, _ = Group.objects.get_or_create(name=ANALYST_GROUP)
    group.permissions.add(*analyst_permissions())
    return group



def grant_partner_management(user):
    """Let one analyst administer sharing (partners, clearance, keys, webhooks) in the desk."""
    permission = Permission.objects.get(content_type=ContentType.objects.get_for_model(Partner),
                                        codename=MANAGE_PARTNERS.split(".")[1])
    user.user_permissions.add(permission)
