"""Targets, integrity limits and regional weights come from the period's own stored rules."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from sikap.indices.targets import target_for
from sikap.organisation.actions import set_period_rules, set_user_count
from sikap.responses import integrity
from sikap.testing.factories import make_period, make_service

pytestmark = pytest.mark.django_db


def test_a_periods_target_follows_its_stored_rule_and_says_so(world):
    period = make_period("2026 Tahun", start=datetime.date(2026, 1, 1), end=datetime.date(2026, 12, 31))
    set_user_count(None, make_service(world.division, year=2026), period, 1000)
    assert target_for(world.division, period).minimum == 278  # Krejcie-Morgan, N = 1000
    set_period_rules(world.admin, period, target_method="slovin", target_margin="0.100", reason="uji")
    target = target_for(world.division, period)
    assert target.minimum == 91  # Slovin, N = 1000, e = 0.1: 1000 / (1 + 1000 * 0.01) = 90.9
    # Issue 10: the method by its name and the margin in Indonesian format, never the raw code "slovin".
    assert "Slovin" in target.label and "0,10" in target.label and "slovin" not in target.label


def test_integrity_rules_are_the_periods_own(world):
    period = make_period("2026 Tahun", start=datetime.date(2026, 1, 1), end=datetime.date(2026, 12, 31))
    assert integrity.rules(period)["min_seconds"] == 20
    set_period_rules(
        None, period, integrity_rules={**period.integrity_rules, "min_seconds": 45}, reason="uji"
    )
    period.refresh_from_db()
    assert integrity.rules(period)["min_seconds"] == 45


@pytest.mark.parametrize(
    "rules",
    [
        {"target_margin": "0"},
        {"target_floor": 0},
        {"integrity_rules": {"unknown_rule": 1}},
        {"integrity_rules": {"min_seconds": -1}},
        {"regional_weights": {"kanwil-jabar": "berat"}},
        {"nonsense": 1},
    ],
)
def test_bad_rules_are_refused_with_a_message_and_nothing_changes(world, rules):
    period = make_period("2026 Tahun", start=datetime.date(2026, 1, 1), end=datetime.date(2026, 12, 31))
    with pytest.raises(ValidationError):
        set_period_rules(None, period, reason="uji", **rules)
    period.refresh_from_db()
    assert (period.target_floor, period.regional_weights) == (30, {})
