"""Fixtures of the publication tests: two surveyed units and a published period."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from sikap.indices.tests.helpers import surveyed_campaign
from sikap.publication.actions import publish_period


@pytest.fixture(autouse=True)
def indonesian() -> Any:
    """Messages asserted outside a request are Indonesian, whatever an earlier request activated."""
    with translation.override("id"):
        yield


@pytest.fixture
def campaign(world: Any) -> Any:
    """SKM answered by 12 respondents of the Jabar division and 6 of the Bali division."""
    return surveyed_campaign(world, seed=7, ours=12, theirs=6)


@pytest.fixture
def period(campaign: Any) -> Any:
    return campaign.period


@pytest.fixture
def published(world: Any, period: Any) -> Any:
    """The Jabar division's results for the period, published by its operator."""
    return publish_period(world.operator, world.division, period)
