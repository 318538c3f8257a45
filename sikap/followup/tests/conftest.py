"""Fixtures of the follow-up tests: a surveyed unit, a settable clock, media files in a temporary folder."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from sikap.followup.tests.helpers import feedback_submission
from sikap.indices.tests.helpers import surveyed_campaign

JAKARTA = datetime.timezone(datetime.timedelta(hours=7))


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@dataclass
class Clock:
    """Frozen time: every `timezone.now()` (and so `localdate()` and auto_now_add) answers `value`."""

    value: datetime.datetime

    def set(self, year: int, month: int, day: int, hour: int = 9) -> None:
        self.value = datetime.datetime(year, month, day, hour, tzinfo=JAKARTA)

    def advance(self, **delta: float) -> None:
        self.value += datetime.timedelta(**delta)


@pytest.fixture
def clock(monkeypatch: Any) -> Clock:
    clock = Clock(datetime.datetime(2027, 1, 10, 9, tzinfo=JAKARTA))
    monkeypatch.setattr(timezone, "now", lambda: clock.value)
    return clock


@pytest.fixture
def campaign(world: Any) -> Any:
    """SKM answered by 12 respondents of the division and 5 of the other Kanwil's division."""
    return surveyed_campaign(world, seed=11, ours=12, theirs=5)


@pytest.fixture
def period(campaign: Any) -> Any:
    return campaign.period


@pytest.fixture
def complaint(world: Any, campaign: Any) -> Any:
    return feedback_submission(campaign, world.division, complaint="Antrean terlalu lama di loket 2.")
