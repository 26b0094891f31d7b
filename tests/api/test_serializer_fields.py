"""Each serializer instance gets fields of its own, copied from the ones its class built once (provenance.api.fields),
as DRF's own copy would give them."""

import copy

import pytest
from rest_framework import serializers

import catalog.api.serializers  # noqa: F401  (defines the catalogue's serializers)
import provenance.api.serializers  # noqa: F401
from provenance.api.fields import ModelSerializer, fresh_copy


def model_serializers(base=ModelSerializer):
    for subclass in base.__subclasses__():
        if getattr(getattr(subclass, "Meta", None), "model", None) is not None:
            yield subclass
        yield from model_serializers(subclass)


SERIALIZERS = sorted(set(model_serializers()), key=lambda cls: cls.__qualname__)


def test_the_api_has_model_serializers_to_check():
    assert len(SERIALIZERS) > 20


@pytest.mark.parametrize("serializer_class", SERIALIZERS, ids=lambda cls: cls.__qualname__)
def test_two_instances_get_fields_of_their_own_bound_to_themselves(serializer_class):
    first, second = serializer_class(), serializer_class()

    assert list(first.fields) == list(second.fields)
    for name, field in first.fields.items():
        other = second.fields[name]
        assert type(field) is type(other) and field is not other, name
        assert field.parent is first and other.parent is second, name
        assert field.validators is not other.validators or not field.validators, name
    for template in serializer_class._built_fields.values():
        assert template.parent is None and template.field_name is None  # never bound: the next copy starts clean


@pytest.mark.parametrize("serializer_class", SERIALIZERS, ids=lambda cls: cls.__qualname__)
def test_a_fields_copy_holds_what_drfs_copy_holds(serializer_class):
    serializer_class().fields  # builds the templates
    for name, template in serializer_class._built_fields.items():
        ours, drfs = fresh_copy(template), copy.deepcopy(template)
        assert type(ours) is type(drfs), name
        assert set(vars(ours)) == set(vars(drfs)), name
        for attribute, value in vars(drfs).items():
            if attribute == "_creation_counter":  # orders declared fields; a new instance takes the next number
                continue
            if isinstance(value, (str, int, float, bool, type(None), tuple, frozenset)):
                assert getattr(ours, attribute) == value, (name, attribute)


def test_a_field_holding_other_fields_is_copied_with_children_of_its_own():
    template = serializers.ListField(child=serializers.CharField())

    copied = fresh_copy(template)

    assert copied.child is not template.child and copied.child.parent is copied
