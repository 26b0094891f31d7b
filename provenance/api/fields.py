"""Serializer fields every API serializer shares."""

import copy

from django.conf import settings
from django.db import models
from django.utils import timezone
from rest_framework import serializers


class DateTimeField(serializers.DateTimeField):
    """DRF's DateTimeField, always in the site's zone (settings.TIME_ZONE, UTC): times read the same whatever zone
    a request activates.

    DRF looks up the *current* zone (an asgiref Local) for every value it renders, about a tenth of the work of a
    50-row page; the default zone is cached once per process.
    """

    def default_timezone(self):
        return timezone.get_default_timezone() if settings.USE_TZ else None


class ModelSerializer(serializers.ModelSerializer):
    """A ModelSerializer whose model datetimes render through DateTimeField above, and whose fields are worked out
    from the model once per class.

    DRF reads the model's metadata and builds every field again for each serializer instance: a list page makes
    several (its rows', each related summary's), a detail seven. Fields depend on the class alone (Meta, declared
    fields), so each instance gets a copy of the ones built first, as DRF copies declared fields."""

    serializer_field_mapping = {**serializers.ModelSerializer.serializer_field_mapping, models.DateTimeField: DateTimeField}

    def get_fields(self):
        cls = type(self)
        built = cls.__dict__.get("_built_fields")
        if built is None:
            built = super().get_fields()
            cls._built_fields = built
        return copy.deepcopy(built)
