"""Serializer fields every API serializer shares."""

import copy
import datetime
from functools import cached_property

from django.conf import settings
from django.db import models
from django.utils import timezone
from rest_framework import ISO_8601, serializers
from rest_framework.settings import api_settings


class DateTimeField(serializers.DateTimeField):
    """DRF's DateTimeField, always in the site's zone (settings.TIME_ZONE, UTC): times read the same whatever zone
    a request activates.

    DRF looks up the *current* zone (an asgiref Local) for every value it renders, about a tenth of the work of a
    50-row page; the default zone is cached once per process.
    """

    def default_timezone(self):
        return timezone.get_default_timezone() if settings.USE_TZ else None

    def to_representation(self, value):
        # A time read from the database is already in UTC: where the site's zone is UTC too, DRF's conversion only
        # copies it (a third of the cost of rendering a time, and a page renders a few hundred).
        if self._renders_iso_in_utc and isinstance(value, datetime.datetime) and value.utcoffset() == _NO_OFFSET:
            return value.isoformat().removesuffix("+00:00") + "Z"
        return super().to_representation(value)

    @cached_property
    def _renders_iso_in_utc(self):
        output_format = getattr(self, "format", api_settings.DATETIME_FORMAT)
        zone = self.timezone if hasattr(self, "timezone") else self.default_timezone()
        return (
            isinstance(output_format, str) and output_format.lower() == ISO_8601
            and zone is not None and str(zone) == "UTC"
        )


_NO_OFFSET = datetime.timedelta(0)


class ModelSerializer(serializers.ModelSerializer):
    """A ModelSerializer whose model datetimes render through DateTimeField above, and whose fields are worked out
    from the model once per class.

    DRF reads the model's metadata and builds every field again for each serializer instance: a list page makes
    several (its rows', each related summary's), a detail seven. Fields depend on the class alone (Meta, declared
    fields), so each instance gets a copy of the ones built first (fresh_copy)."""

    serializer_field_mapping = {**serializers.ModelSerializer.serializer_field_mapping, models.DateTimeField: DateTimeField}

    def get_fields(self):
        cls = type(self)
        built = cls.__dict__.get("_built_fields")
        if built is None:
            built = super().get_fields()
            cls._built_fields = built
        return {name: fresh_copy(field) for name, field in built.items()}


def fresh_copy(field):
    """A copy of an unbound field, as DRF's deepcopy would give but without running its __init__ again.

    DRF copies a field by constructing it anew from its arguments, about 10 microseconds a field and a fifth of
    what a list page's serializer costs to set up. An unbound field holds only what its __init__ set, and no
    rendering changes it (binding sets the copy's own attributes), so a shallow copy is the same field; its list
    of validators is copied, so that no two copies share a list one of them might change. Fields that hold other
    fields (a list's child, a relation's many, a nested serializer) bind those in __init__ and are copied DRF's
    way."""
    if field.parent is not None or isinstance(field, serializers.BaseSerializer) or _holds_fields(field):
        return copy.deepcopy(field)
    clone = copy.copy(field)
    if "_validators" in field.__dict__:
        clone._validators = list(field._validators)
    return clone


def _holds_fields(field):
    return any(isinstance(value, serializers.Field) for value in vars(field).values())
