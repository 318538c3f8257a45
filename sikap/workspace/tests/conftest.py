"""Fixtures of the workspace tests: a survey running today (a frozen Wednesday in its period)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from sikap.indices.tests.helpers import surveyed_campaign

JAKARTA = datetime.timezone(datetime.timedelta(hours=7))
TODAY = datetime.datetime(2026, 8, 12, 9, tzinfo=JAKARTA)  # a Wednesday in 2026 Semester II


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch: Any) -> datetime.date:
    monkeypatch.setattr(timezone, "now", lambda: TODAY)
    return TODAY.date()


@pytest.fixture
def campaign(world: Any) -> Any:
    """SKM answered by 3 respondents of the Jawa Barat division and 40 of the Bali division."""
    return surveyed_campaign(world, seed=7, ours=3, theirs=40)


@pytest.fixture
def period(campaign: Any) -> Any:
    return campaign.period
