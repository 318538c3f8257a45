"""Minimum samples per unit and period, split into daily targets over working days, and progress."""

from __future__ import annotations

import datetime
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Sum

from sikap import scoring
from sikap.indices import read
from sikap.indices.models import Holiday, TargetOverride
from sikap.instruments.models import InstrumentVersion
from sikap.organisation.models import Period, ServiceUserCount, Unit


def target_settings(period: Period) -> dict[str, Any]:
    """The period's own minimum-sample rule (method, margin, floor), stored with the period."""
    return {
        "method": period.target_method,
        "margin": float(period.target_margin),
        "floor": period.target_floor,
    }


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


def populations(
    unit_ids: Any, period: Period, members: Mapping[int, Any] | None = None, service_key: int | None = None
) -> dict[Any, int]:
    """Service users of the units' services in the period, summed per group (`members` maps a unit id
    to its group; None: one group under the key None). Groups nobody recorded are absent. One query."""
    counts = ServiceUserCount.objects.filter(period=period, service__unit_id__in=unit_ids)
    if service_key:
        counts = counts.filter(service_id=service_key)
    found: dict[Any, int] = {}
    if members is None:
        total = counts.aggregate(total=Sum("users"))["total"]
        return {} if total is None else {None: total}
    for row in counts.values("service__unit_id").annotate(total=Sum("users")).order_by():
        for group in read.groups_of(members, row["service__unit_id"]):
            found[group] = found.get(group, 0) + row["total"]
    return found


def population(unit_ids: Any, period: Period, service_key: int | None = None) -> int | None:
    """Service users of the units' services in the period; None when nobody recorded them."""
    return populations(unit_ids, period, None, service_key).get(None)


def target_for(unit: Unit, period: Period, service_key: int = 0, unit_ids: Any = None) -> Target:
    """The minimum sample of a unit (pooling `unit_ids`, by default itself) or one of its services."""
    ids = unit_ids if unit_ids is not None else [unit.pk]
    return targets({unit.pk: unit.pk}, period, service_key, unit_filter=ids, pooled=True)[unit.pk]


def targets(
    members: Mapping[int, int],
    period: Period,
    service_key: int = 0,
    *,
    unit_filter: Any = None,
    pooled: bool = False,
) -> dict[int, Target]:
    """The minimum sample of each group unit (the values of `members`), in two queries: the group unit's
    own override, else from the population of the group's units. With `pooled` every unit of
    `unit_filter` counts for the one group (a subtree given as a subquery)."""
    groups: set[Any] = read.group_keys(members)
    ids = unit_filter if unit_filter is not None else list(members)
    config = target_settings(period)
    overrides = {
        o.unit_id: o
        for o in TargetOverride.objects.filter(
            period=period, service_key=service_key, unit_id__in=list(groups)
        )
    }
    if pooled:
        (group,) = groups
        people = populations(ids, period, None, service_key or None)
        found = {group: people[None]} if None in people else {}
    else:
        found = populations(ids, period, members, service_key or None)
    return {g: target_from(config, found.get(g), overrides.get(g)) for g in groups}


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


def progress_of(target: Target, attained: int, days: list[datetime.date], today: datetime.date) -> Progress:
    """Progress from a target and the respondents so far: the target split evenly over working days."""
    done = sum(1 for d in days if d <= today)
    expected = math.ceil(target.minimum * done / len(days)) if days else target.minimum
    left = sum(1 for d in days if d > today) + (1 if today in days else 0)
    return Progress(target, attained, expected, len(days), left)


def progress_many(
    members: Mapping[int, int],
    period: Period,
    version: InstrumentVersion,
    today: datetime.date,
    *,
    unit_filter: Any = None,
    service_key: int = 0,
    pooled: bool = False,
) -> dict[int, Progress]:
    """Accepted respondents against the daily targets up to today, for many groups in four queries.

    `members` maps each unit id to the id of the unit whose group it belongs to (itself, or the Kanwil
    whose subtree is pooled); the group unit's own override counts, populations and responses are
    summed. With `pooled`, one group takes every unit of `unit_filter`.
    """
    ids = unit_filter if unit_filter is not None else list(members)
    goals = targets(members, period, service_key, unit_filter=ids, pooled=pooled)
    scope = read.Scope(units=ids, period=period, version=version, service_key=service_key or None)
    counted = read.respondents(scope, None if pooled else members)
    if pooled:
        counted = {group: counted.get(read.ONE, 0) for group in goals}
    days = working_days(period)
    return {group: progress_of(target, counted.get(group, 0), days, today) for group, target in goals.items()}


def progress(
    unit: Unit,
    period: Period,
    version: InstrumentVersion,
    today: datetime.date,
    unit_ids: Any = None,
    service_key: int = 0,
) -> Progress:
    """`progress_many` for one unit (pooling `unit_ids`, by default itself) or one of its services."""
    ids = unit_ids if unit_ids is not None else [unit.pk]
    found = progress_many(
        {unit.pk: unit.pk}, period, version, today, unit_filter=ids, service_key=service_key, pooled=True
    )
    return found[unit.pk]
