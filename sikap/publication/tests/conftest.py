"""Fixtures of the publication tests: two surveyed units and a published period."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone, translation

from sikap.indices.tests.helpers import surveyed_campaign
from sikap.publication.actions import propose_publication, publish_period


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
    """The Jabar division's results for the period, published directly by the central admin."""
    return publish_period(world.admin, world.division, period)


@pytest.fixture
def proposed(world: Any, period: Any) -> Any:
    """The Jabar division's results for the period, proposed by its operator, waiting for a leader."""
    return propose_publication(world.operator, world.division, period, "Mohon disetujui")


@dataclass
class Clock:
    """Frozen time: every `timezone.now()` (and so `localdate()`) answers `value`."""

    value: datetime.datetime

    def set(self, year: int, month: int, day: int) -> None:
        self.value = datetime.datetime(
            year, month, day, 9, tzinfo=datetime.timezone(datetime.timedelta(hours=7))
        )


@pytest.fixture
def clock(monkeypatch: Any) -> Clock:
    """Time frozen after the fixtures' period (2026 Semester II) has ended; `clock.set` moves it."""
    clock = Clock(datetime.datetime(2027, 1, 10, 9, tzinfo=datetime.timezone(datetime.timedelta(hours=7))))
    monkeypatch.setattr(timezone, "now", lambda: clock.value)
    return clock
