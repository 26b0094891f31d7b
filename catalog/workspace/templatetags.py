"""Template filters of the workspace ({% load workspace %}); registered in settings TEMPLATES["OPTIONS"]["libraries"].

None of them turns data into markup: what they return is escaped by the template like any other value (`shown`
keeps a value that is already escaped as it is).
"""

from django import template
from django.utils.safestring import SafeData, mark_safe

from catalog.policies import access

from . import text

register = template.Library()


@register.filter
def shown(value):
    """Scraped or typed text with bidi overrides and control characters made visible (see text.visible_controls).

    Text that an earlier filter already escaped (e.g. `join`) stays escaped: the labels it puts in contain no markup.
    """
    shown_text = text.visible_controls(value)
    return mark_safe(shown_text) if isinstance(value, SafeData) else shown_text


@register.filter
def http_url(value):
    return text.http_url(value)


@register.filter
def short_hash(value, length=12):
    value = str(value or "")
    return f"{value[:int(length)]}…" if len(value) > int(length) else value


@register.filter
def pretty_json(value):
    return text.pretty_json(value)


@register.filter
def percent(value):
    try:
        return f"{float(value) * 100:.0f}%"
    except (TypeError, ValueError):
        return ""


@register.filter
def partners_see(record, field_name):
    """The label of the verdict partners read of `record` (the access policy says which value that is), for the
    desk's "partners see" preview."""
    value = access.published(access.Caller.for_partner(None), record, field_name)
    return dict(record._meta.get_field(field_name).choices).get(value, value)


@register.filter
def manages_partners(user):
    """Whether the sharing administration is this user's to open (catalog.policies.access decides)."""
    return access.may_manage_partners(user)
