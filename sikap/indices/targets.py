"""Minimum samples per unit and period, split into daily targets over working days, and progress."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, cast

from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from sikap import scoring
from sikap.indices import read
from sikap.indices.models import Holiday, TargetOverride
from sikap.indices.templatetags.indices_tags import idnum
from sikap.instruments.models import Campaign, InstrumentVersion
from sikap.organisation.models import Period, ServiceUserCount, Unit
from sikap.organisation.rules import TARGET_METHODS


def target_settings(period: Period) -> dict[str, Any]:
    """The period's own minimum-sample rule (method, margin, floor), stored with the period."""
    return {
        "method": period.target_method,
        "margin": float(period.target_margin),
        "floor": period.target_floor,
    }


def method_label(method: str) -> str:
    """A sample-size method in the reader's language ("Krejcie dan Morgan (1970)"), never its code."""
    return str(dict(TARGET_METHODS).get(method, method))


@dataclass
class Target:
    """The minimum number of respondents for a unit (or service) in a period, and where it came from.

    A roll-up (a unit pooled over its subtree) sums the targets of the `parts` units below it that have
    one; a leaf unit has its own (`parts` 0)."""

    population: int | None
    minimum: int
    method: str
    margin: float
    floor: int
    override_reason: str = ""
    parts: int = 0

    @property
    def method_label(self) -> str:
        return method_label(self.method)

    @property
    def label(self) -> str:
        if self.override_reason:
            return _("ditetapkan admin: %(reason)s") % {"reason": self.override_reason}
        rule = {
            "method": self.method_label,
            "margin": idnum(self.margin, 2),
            "floor": idnum(self.floor, 0),
        }
        if self.parts:
            return _(
                "jumlah target %(parts)s unit di bawahnya "
                "(%(method)s, e = %(margin)s, minimal %(floor)s per unit)"
            ) % {**rule, "parts": idnum(self.parts, 0)}
        if self.population is None:
            return _("batas minimal %(floor)s (jumlah pengguna layanan belum diisi)") % rule
        return _("%(method)s, e = %(margin)s, N = %(population)s, minimal %(floor)s") % {
            **rule,
            "population": idnum(self.population, 0),
        }


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


class _EachUnit(dict[int, int]):
    """Every unit its own group, whichever units a read finds (the ids may be a subquery)."""

    def __contains__(self, key: object) -> bool:
        return isinstance(key, int)

    def __missing__(self, key: int) -> int:
        return key


@dataclass
class _UnitFacts:
    """Per unit of a scope: its own target, whether it has one (surveyed or set), its respondents."""

    targets: dict[int, Target]
    counted: dict[int, int]
    populations: dict[int, int]
    with_target: set[int]


def _unit_facts(
    ids: Any,
    groups: set[Any],
    period: Period,
    versions: list[InstrumentVersion],
    service_key: int,
    *,
    count: bool = True,
) -> dict[int | None, _UnitFacts]:
    """Each unit's own target and respondents, per version (key None without versions): four queries
    (three without `count`), whatever the number of units and versions. A unit has a target when it is
    in a campaign of the period (for the version) or an admin set one."""
    each = _EachUnit()
    config = target_settings(period)
    overrides = {
        o.unit_id: o
        for o in TargetOverride.objects.filter(
            Q(unit_id__in=ids) | Q(unit_id__in=[g for g in groups if g is not None]),
            period=period,
            service_key=service_key,
        )
    }
    people = populations(ids, period, each, service_key or None)
    surveyed: dict[int | None, set[int]] = {v.pk: set() for v in versions} if versions else {None: set()}
    in_campaign = Campaign.units.through.objects.filter(campaign__period=period, unit_id__in=ids)
    if versions:
        rows = in_campaign.filter(campaign__versions__in=versions).values_list(
            "unit_id", "campaign__versions"
        )
        for unit_id, version_id in rows.distinct():
            surveyed[version_id].add(unit_id)
    else:
        surveyed[None] = set(in_campaign.values_list("unit_id", flat=True))
    counted: dict[tuple[int, int], int] = {}
    if count and versions:
        scope = read.Scope(units=ids, period=period, service_key=service_key or None)
        counted = read.respondents_per_version(scope, [v.pk for v in versions])
    found: dict[int | None, _UnitFacts] = {}
    for key, units in surveyed.items():
        with_target = units | set(overrides)
        own = {pk: target_from(config, people.get(pk), overrides.get(pk)) for pk in set(people) | with_target}
        for group in groups:
            if group not in own:
                own[group] = target_from(config, people.get(group), overrides.get(group))
        mine = {pk: n for (pk, version_id), n in counted.items() if version_id == key}
        found[key] = _UnitFacts(own, mine, people, with_target)
    return found


@dataclass
class _Group:
    target: Target
    attained: int
    units_met: int
    units_total: int


def _group(group: int, units: set[int], facts: _UnitFacts) -> _Group:
    """A group's target and respondents: a roll-up sums the targets of its units that have one (its own
    override, an admin's decision for the group, wins); a leaf unit keeps its own target."""
    attained = sum(facts.counted.get(pk, 0) for pk in units)
    own = facts.targets[group]
    parts = sorted(pk for pk in units if pk in facts.with_target)
    rollup = any(pk != group for pk in parts)
    if rollup and own.override_reason:
        parts = [pk for pk in parts if pk != group]
    met = sum(1 for pk in parts if facts.counted.get(pk, 0) >= facts.targets[pk].minimum)
    if not rollup or own.override_reason:
        return _Group(own, attained, met, len(parts))
    known = [facts.populations[pk] for pk in units if pk in facts.populations]
    total = Target(
        sum(known) if known else None,
        sum(facts.targets[pk].minimum for pk in parts),
        own.method,
        own.margin,
        own.floor,
        parts=len(parts),
    )
    return _Group(total, attained, met, len(parts))


def _group_ids(members: Mapping[int, Any]) -> set[int]:
    """The group units' ids (groups of progress and targets are always units)."""
    return cast(set[int], read.group_keys(members))


def _members_of(members: Mapping[int, Any], facts: _UnitFacts, pooled: bool) -> dict[Any, set[int]]:
    """The units each group holds, among those with a target, a population or respondents."""
    groups = _group_ids(members)
    found: dict[Any, set[int]] = {g: {g} for g in groups}
    seen = set(facts.targets) | set(facts.counted) | set(facts.populations)
    for pk in seen:
        for group in groups if pooled else cast(tuple[int, ...], read.groups_of(members, pk)):
            found.setdefault(group, {group}).add(pk)
    return found


def target_for(
    unit: Unit,
    period: Period,
    service_key: int = 0,
    unit_ids: Any = None,
    version: InstrumentVersion | None = None,
) -> Target:
    """The minimum sample of a unit (pooling `unit_ids`, by default itself) or one of its services: a
    roll-up's is the sum of its units' targets (units in a campaign of the period, for `version` when
    given, or with a target set by an admin)."""
    ids = unit_ids if unit_ids is not None else [unit.pk]
    versions = [version] if version is not None else []
    (facts,) = _unit_facts(ids, {unit.pk}, period, versions, service_key, count=False).values()
    return _group(unit.pk, _members_of({unit.pk: unit.pk}, facts, True)[unit.pk], facts).target


def targets(
    members: Mapping[int, int],
    period: Period,
    service_key: int = 0,
    *,
    unit_filter: Any = None,
    pooled: bool = False,
    version: InstrumentVersion | None = None,
) -> dict[int, Target]:
    """The minimum sample of each group unit (the values of `members`); see `target_for`."""
    ids = unit_filter if unit_filter is not None else list(members)
    groups = _group_ids(members)
    versions = [version] if version is not None else []
    (facts,) = _unit_facts(ids, groups, period, versions, service_key, count=False).values()
    held = _members_of(members, facts, pooled)
    return {g: _group(g, held[g], facts).target for g in groups}


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


def of_pairs(pairs: Iterable[tuple[Unit, Period]]) -> dict[tuple[int, int], Target]:
    """The minimum sample of each (unit, period), in two queries whatever their number.

    The same rule as `target_for` (the unit's own override, else from its recorded service
    users by the period's own method), fetched for many periods at once; a test keeps the two equal.
    """
    pairs = list(pairs)
    unit_ids, period_ids = {u.pk for u, _p in pairs}, {p.pk for _u, p in pairs}
    overrides = {
        (o.unit_id, o.period_id): o
        for o in TargetOverride.objects.filter(service_key=0, unit_id__in=unit_ids, period_id__in=period_ids)
    }
    counts = ServiceUserCount.objects.filter(service__unit_id__in=unit_ids, period_id__in=period_ids)
    people = {
        (row["service__unit_id"], row["period_id"]): row["total"]
        for row in counts.values("service__unit_id", "period_id").annotate(total=Sum("users")).order_by()
    }
    return {
        (u.pk, p.pk): target_from(target_settings(p), people.get((u.pk, p.pk)), overrides.get((u.pk, p.pk)))
        for u, p in pairs
    }
