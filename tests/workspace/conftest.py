import pytest
from django.test import Client

from tests.factories import AnalystFactory
from tests.workspace.case import build_case



@pytest.fixture
def colleague_user(db):
    return AnalystFactory(username="colleague")


@pytest.fixture
def colleague(colleague_user):
    """A second analyst, who may approve the first one's verdicts."""
    client = Client()
    client.force_login(colleague_user)
    return client


@pytest.fixture
def case(analyst):
    return build_case(author=analyst)


