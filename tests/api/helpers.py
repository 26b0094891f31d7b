import datetime as dt

from django.utils import timezone
from django.utils.dateparse import parse_datetime


def aware(*parts):
    """A UTC datetime for readable test data: aware(2017, 10, 3, 15)."""
    return timezone.make_aware(dt.datetime(*parts))


def parsed(value):
    """A datetime from the API's ISO 8601 text."""
    return parse_datetime(value)


def listed_ids(response):
    """The ids on a successful list page."""
    assert response.status_code == 200, response.data
    return {row["id"] for row in response.data["results"]}
