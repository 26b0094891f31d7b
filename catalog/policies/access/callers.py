"""The caller: who is asking (an analyst, a partner by API key, or nobody) and what its clearance reads."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Q

from catalog.choices import TLP
from catalog.models import Partner, PartnerAPIKey

ANALYST_GROUP = "analysts"


def is_analyst(user):
    """Analysts are active staff members or members of the 'analysts' group."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.is_staff or user.groups.filter(name=ANALYST_GROUP).exists()


def analyst_users():
    """Every user `is_analyst` lets in, as a queryset (whom an item may be assigned to)."""
    return (get_user_model().objects.filter(Q(is_staff=True) | Q(groups__name=ANALYST_GROUP), is_active=True)
            .distinct().order_by("username"))


# The custom permission (on Partner) of the analysts who administer sharing in the desk.
MANAGE_PARTNERS = "catalog.manage_partners"


def may_manage_partners(user):
    """Partners, their clearance, API keys and webhooks: analysts who hold the permission (superusers do)."""
    return is_analyst(user) and user.has_perm(MANAGE_PARTNERS)


@dataclass
class Caller:
    """Who is asking: `kind` is "analyst", "partner" or "nobody". `access_log` (catalog.policies.audit) collects
    what a partner's request disclosed."""

    kind: str
    user: object = None
    partner: Partner | None = None
    api_key: PartnerAPIKey | None = None
    access_log: object = field(default=None, repr=False)

    @classmethod
    def analyst(cls, user=None):
        return cls("analyst", user=user)

    @classmethod
    def nobody(cls, user=None):
        return cls("nobody", user=user)

    @classmethod
    def for_partner(cls, partner, api_key=None):
        return cls("partner", partner=partner, api_key=api_key)

    @property
    def is_analyst(self):
        return self.kind == "analyst"

    @property
    def is_partner(self):
        return self.kind == "partner"

    @property
    def readable_tlps(self):
        if self.is_analyst:
            return list(TLP.values)
        return TLP.at_or_below(self.partner.max_tlp) if self.is_partner else []

    @property
    def may_see_identities(self):
        return self.is_analyst or (self.is_partner and self.partner.may_see_identities)

    @property
    def may_see_graphic(self):
        return self.is_analyst or (self.is_partner and self.partner.may_see_graphic)

    @property
    def key_prefix(self):
        return self.api_key.prefix if self.api_key else ""

    @property
    def name(self):
        """Who the caller is in custody logs and audit: the partner's name or the user's username."""
        if self.is_partner:
            return self.partner.name
        return self.user.get_username() if self.user is not None else ""

    def may_read(self, marking):
        return marking in self.readable_tlps


def caller_of(request):
    """The Caller of a request (a DRF request authenticates here if it has not yet); kept on the request."""
    caller = getattr(request, "caller", None)
    if caller is None:
        if isinstance(getattr(request, "auth", None), PartnerAPIKey):
            caller = Caller.for_partner(request.auth.partner, request.auth)
        elif is_analyst(request.user):
            caller = Caller.analyst(request.user)
        else:
            caller = Caller.nobody(request.user)
        request.caller = caller
    return caller


def caller_in(context):
    """The caller a serializer renders for; without one, the most restricted (nobody)."""
    if context.get("caller") is not None:
        return context["caller"]
    request = context.get("request")
    return caller_of(request) if request is not None else Caller.nobody()
