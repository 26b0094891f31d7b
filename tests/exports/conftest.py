import pytest

from tests.exports.case import amaq_case


@pytest.fixture
def four_eyes(settings):
    settings.FOUR_EYES_REVIEW = True


@pytest.fixture
def case(four_eyes, analyst, second_analyst):
    return amaq_case(analyst, second_analyst)
