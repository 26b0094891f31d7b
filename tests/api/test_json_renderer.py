"""The API's JSON renderer (provenance.api.renderers, orjson) writes what DRF's JSONRenderer writes."""

import datetime as dt
import decimal
import json
import uuid

from django.utils.translation import gettext_lazy
from hypothesis import given
from hypothesis import strategies as st
from rest_framework import renderers

from provenance.api.renderers import JSONRenderer

ours, drfs = JSONRenderer(), renderers.JSONRenderer()

scalars = st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.text()
values = st.recursive(scalars, lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner), max_leaves=30)
with_floats = st.recursive(
    scalars | st.floats(allow_nan=False, allow_infinity=False),
    lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner), max_leaves=30,
)


@given(values)
def test_it_writes_drfs_bytes_for_any_json_without_floats(value):
    assert ours.render(value, "application/json") == drfs.render(value, "application/json")


@given(with_floats.filter(lambda value: value is not None))  # None is no answer at all (an empty body)
def test_it_writes_the_same_numbers_as_drf(value):
    assert json.loads(ours.render(value, "application/json")) == json.loads(drfs.render(value, "application/json"))


def test_values_only_drfs_encoder_knows_are_written_by_it():
    value = {
        "time": dt.datetime(2017, 10, 4, 12, 30, tzinfo=dt.timezone.utc), "day": dt.date(2017, 10, 4),
        "decimal": decimal.Decimal("1.50"), "uuid": uuid.UUID(int=7), "lazy": gettext_lazy("Not found."),
        "set": {3}, "bytes": b"raw", 1: "an integer key", "separators": "a\u2028b\u2029c",
        "huge": 2**70,
    }

    assert ours.render(value, "application/json") == drfs.render(value, "application/json")


def test_an_indented_answer_is_drfs():
    value = {"results": [{"id": 1, "title": "Amaq"}]}

    assert ours.render(value, "application/json; indent=4") == drfs.render(value, "application/json; indent=4")
    assert ours.render(value, "application/json", {"indent": 2}) == drfs.render(value, "application/json", {"indent": 2})


def test_a_float_that_is_not_a_number_is_written_as_null():
    assert json.loads(ours.render({"score": float("nan")}, "application/json")) == {"score": None}
