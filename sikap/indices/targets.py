"""Minimum samples per unit and period, split into daily targets over working days, and progress."""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Sum

from sikap import scoring
from sikap.indices.models import Holiday, RespondentTally, TargetOverride
from sikap.instruments.models import InstrumentVersion
from sikap.organisation.models import Period, ServiceUserCount, Unit


def target_settings() -> dict[str, Any]:
    defaults = {"method": "krejcie-morgan", "margin": 0.05, "floor": 30}
    return {**defaults, **getattr(settings, "SIKAP_TARGETS", {})}


@dataclass
class Target:
    """The minimum number of respondents for a unit (or service) in a period, and where it came from."""

    population: int | None
    minimum: int
    method: str
    margin: float
    floor: int
    override_reason: str = ""

    @property
    def label(self) -> str:
        if self.override_reason:
            return f"ditetapkan admin: {self.override_reason}"
        if self.population is None:
            return f"batas minimal {self.floor} (jumlah pengguna layanan belum diisi)"
        return f"{self.method}, e = {self.margin:g}, N = {self.population}, minimal {self.floor}"


def population(unit_ids: Any, period: Period, service_key: int | None = None) -> int | None:
    """Service users of the units' services in the period; None when nobody recorded them."""
    counts = ServiceUserCount.objects.filter(period=period, service__unit_id__in=unit_ids)
    if service_key:
        counts = counts.filter(service_id=service_key)
    return counts.aggregate(total=Sum("users"))["total"]


def target_for(unit: Unit, period: Period, service_key: int = 0, unit_ids: Any = None) -> Target:
    config = target_settings()
    override = TargetOverride.objects.filter(unit=unit, period=period, service_key=service_key).first()
    people = population(unit_ids if unit_ids is not None else [unit.pk], period, service_key or None)
    return target_from(config, people, override)


def target_from(config: dict[str, Any], people: int | None, override: TargetOverride | None) -> Target:
    """The minimum sample: an admin's override, else from the population by the configured method, else
    the floor when no population was recorded."""
    if override is not None:
        return Target(
            people, override.minimum, config["method"], config["margin"], config["floor"], override.reason
        )
    if people is None:
        minimum = config["floor"]
    else:
        minimum = scoring.sample_size(people, config["method"], config["margin"], config["floor"])
    return Target(people, minimum, config["method"], config["margin"], config["floor"])


def working_days(period: Period) -> list[datetime.date]:
    """Monday to Friday within the period, without national holidays."""
    holidays = set(
        Holiday.objects.filter(date__range=(period.start, period.end)).values_list("date", flat=True)
    )
    days = (period.start + datetime.timedelta(days=i) for i in range((period.end - period.start).days + 1))
    return [d for d in days if d.weekday() < 5 and d not in holidays]


@dataclass
class Progress:
    """How far a unit is towards its minimum sample, today."""

    target: Target
    attained: int
    expected_by_today: int
    working_days_total: int
    working_days_left: int

    @property
    def percent(self) -> float:
        return 100.0 if self.target.minimum == 0 else round(100 * self.attained / self.target.minimum, 1)

    @property
    def on_track(self) -> bool:
        return self.attained >= self.expected_by_today

    @property
    def daily_needed(self) -> int:
        """Responses needed per remaining working day to finish on time (0 when done)."""
        missing = max(self.target.minimum - self.attained, 0)
        if missing == 0:
            return 0
        return math.ceil(missing / max(self.working_days_left, 1))

    @property
    def representative(self) -> bool:
        return self.attained >= self.target.minimum


def progress(
    unit: Unit,
    period: Period,
    version: InstrumentVersion,
    today: datetime.date,
    unit_ids: Any = None,
    service_key: int = 0,
) -> Progress:
    """Accepted respondents so far against the daily targets up to today."""
    ids = unit_ids if unit_ids is not None else [unit.pk]
    tallies = RespondentTally.objects.filter(
        period=period, version=version, unit_id__in=ids, status="accepted"
    )
    if service_key:
        tallies = tallies.filter(service_key=service_key)
    attained = tallies.aggregate(total=Sum("n"))["total"] or 0
    target = target_for(unit, period, service_key, ids)
    days = working_days(period)
    done = sum(1 for d in days if d <= today)
    expected = math.ceil(target.minimum * done / len(days)) if days else target.minimum
    left = sum(1 for d in days if d > today) + (1 if today in days else 0)
    return Progress(target, attained, expected, len(days), left)
