"""Which answers an index read counts (`Scope`), and how units are grouped for pooled reads: a plain
mapping puts a unit in one group, `Nested` in several (subtrees that nest). Read through
`sikap.indices.read`, which takes both from here."""

from __future__ import annotations

import dataclasses
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from sikap.indices.results import statuses
from sikap.instruments.models import InstrumentVersion
from sikap.organisation.models import Period, Unit

ONE = None  # the group key of a read that pools everything in scope


@dataclass(frozen=True)
class Scope:
    """Which answers an index read counts.

    `units` is a list of unit ids or an id subquery (a national roll-up sends no list of thousands);
    `period` and `version` pin one period and instrument version; without a version, `instrument` (a
    code) takes every version of that instrument, and without a period every period counts (a trend).
    `pairs` (unit id, period id) replaces `units` and `period` when each unit is read in its own periods.
    `service_key` narrows to one service; suspect answers count only `with_suspect`.
    """

    units: Any = None
    period: Period | None = None
    version: InstrumentVersion | None = None
    instrument: str = ""
    service_key: int | None = None
    with_suspect: bool = False
    pairs: tuple[tuple[int, int], ...] = ()

    @classmethod
    def of(cls, unit: Unit, *, subtree: bool = False, **fields: Any) -> Scope:
        """A unit alone, or its whole subtree (as an id subquery)."""
        units = Unit.objects.subtree_of(unit).values("pk") if subtree else [unit.pk]
        return cls(units=units, **fields)

    def replace(self, **changes: Any) -> Scope:
        return dataclasses.replace(self, **changes)

    @property
    def statuses(self) -> list[str]:
        return statuses(self.with_suspect)

    @property
    def by_service(self) -> bool:
        return self.service_key is not None

    def where(self, *, services: bool = True) -> Q:
        """The condition on any tally table; `services=False` for tables without a service key."""
        if self.pairs:
            by_period: dict[int, list[int]] = {}
            for unit_id, period_id in self.pairs:
                by_period.setdefault(period_id, []).append(unit_id)
            condition = Q()
            for period_id, ids in by_period.items():
                condition |= Q(period_id=period_id, unit_id__in=ids)
        else:
            condition = Q(unit_id__in=self.units)
            if self.period is not None:
                condition &= Q(period=self.period)
        if self.version is not None:
            condition &= Q(version=self.version)
        elif self.instrument:
            condition &= Q(version__instrument__code=self.instrument)
        condition &= Q(status__in=self.statuses)
        if services and self.service_key is not None:
            condition &= Q(service_key=self.service_key)
        return condition


GroupKey = Hashable


class Nested(dict[int, tuple[GroupKey, ...]]):
    """Group membership where subtrees nest: unit id -> the keys of every group the unit counts in (a
    unit counts for itself and for each ancestor that is a group). A plain mapping puts a unit in one
    group."""

    @classmethod
    def subtrees(cls, groups: Iterable[Unit], units: Iterable[Unit]) -> Nested:
        """Each of `units` in the group of every unit of `groups` whose subtree holds it (no query)."""
        keys = {g.pk for g in groups}
        members = cls()
        for unit in units:
            found = tuple(int(part) for part in unit.path.strip("/").split("/") if int(part) in keys)
            if found:
                members[unit.pk] = found
        return members


def groups_of(members: Mapping[int, GroupKey] | None, unit_id: int) -> tuple[GroupKey, ...]:
    """The keys of the groups a unit's rows count in (`ONE` when everything is pooled)."""
    if members is None:
        return (ONE,)
    if isinstance(members, Nested):
        return members.get(unit_id, ())
    return (members[unit_id],) if unit_id in members else ()


def group_keys(members: Mapping[int, GroupKey]) -> set[GroupKey]:
    if isinstance(members, Nested):
        return {key for keys in members.values() for key in keys}
    return set(members.values())
