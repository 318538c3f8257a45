"""Fixtures of the publication tests: two surveyed units and a published period."""

from __future__ import annotations

import random
from typing import Any

import pytest
from django.utils import translation

from sikap.indices.tests.helpers import random_submission
from sikap.publication.actions import publish_period
from sikap.testing.factories import make_campaign


@pytest.fixture(autouse=True)
def indonesian() -> Any:
    """Messages asserted outside a request are Indonesian, whatever an earlier request activated."""
    with translation.override("id"):
        yield


@pytest.fixture
def campaign(world: Any) -> Any:
    """SKM answered by 12 respondents of the Jabar division and 6 of the Bali division."""
    rng = random.Random(7)
    campaign = make_campaign([world.division, world.other_division], codes=("SKM",), with_service_links=False)
    for _ in range(12):
        random_submission(campaign, world.division, rng)
    for _ in range(6):
        random_submission(campaign, world.other_division, rng)
    return campaign


@pytest.fixture
def period(campaign: Any) -> Any:
    return campaign.period


@pytest.fixture
def published(world: Any, period: Any) -> Any:
    """The Jabar division's results for the period, published by its operator."""
    return publish_period(world.operator, world.division, period)
