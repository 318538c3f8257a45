"""Progress towards the minimum sample: the target split evenly over working days, the one status word
(representative, on track, behind) that every page, report and the API use, and progress of many units
in a fixed number of queries. The targets themselves are `sikap.indices.targets`."""

from __future__ import annotations

import datetime
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sikap.indices.targets import (
    Target,
    _group,
    _group_ids,
    _members_of,
    _unit_facts,
    working_days,
)
from sikap.indices.templatetags.indices_tags import idnum
from sikap.instruments.models import InstrumentVersion
from sikap.organisation.models import Period, Unit


class Status(models.TextChoices):
    """Where a unit stands against its minimum sample: the one word every page, report and the API use."""

    REPRESENTATIVE = "representative", gettext_lazy("representatif")
    ON_TRACK = "on_track", gettext_lazy("sesuai jadwal")
    BEHIND = "behind", gettext_lazy("tertinggal")


@dataclass
class Progress:
    """How far a unit is towards its minimum sample, today; a roll-up also counts its units that met
    their own target (`units_met` of `units_total`)."""

    target: Target
    attained: int
    expected_by_today: int
    working_days_total: int
    working_days_left: int
    units_met: int = 0
    units_total: int = 0

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
    def is_rollup(self) -> bool:
        return self.target.parts > 0

    @property
    def representative(self) -> bool:
        """The minimum is reached; for a roll-up, by every unit below it that has a target."""
        return self.attained >= self.target.minimum and self.units_met >= self.units_total

    @property
    def sample_short(self) -> bool:
        """Fewer respondents than the minimum: no threshold verdict may be stated without saying so."""
        return not self.representative

    @property
    def status(self) -> Status:
        return status_of(self)

    @property
    def sample_condition(self) -> str:
        """What a page says before any threshold claim (WBK/WBBM, grade) while the sample is short."""
        return sample_condition(self.attained, self.target.minimum, self.units_met, self.units_total)


def sample_condition(attained: int, minimum: int, units_met: int = 0, units_total: int = 0) -> str:
    """The condition said first, before any threshold claim, while the sample is below its minimum (a
    roll-up: while any unit with a target is below its own); "" once it is reached."""
    if attained < minimum:
        return _(
            "Sampel belum memenuhi minimal (%(n)s dari %(min)s): hasil belum dapat dinyatakan memenuhi ambang"
        ) % {"n": idnum(attained, 0), "min": idnum(minimum, 0)}
    if units_met < units_total:
        return _(
            "Sampel belum memenuhi minimal di setiap unit (%(k)s dari %(m)s unit memenuhi targetnya): "
            "hasil belum dapat dinyatakan memenuhi ambang"
        ) % {"k": idnum(units_met, 0), "m": idnum(units_total, 0)}
    return ""


def status_of(progress: Progress) -> Status:
    """The one decision of a unit's status: representative once its minimum is reached (a roll-up: by
    all its units), else on track while it has what was expected by today, else behind."""
    if progress.representative:
        return Status.REPRESENTATIVE
    if progress.on_track:
        return Status.ON_TRACK
    return Status.BEHIND


def progress_of(
    target: Target,
    attained: int,
    days: list[datetime.date],
    today: datetime.date,
    units_met: int | None = None,
    units_total: int | None = None,
) -> Progress:
    """Progress from a target and the respondents so far: the target split evenly over working days. A
    roll-up passes how many of its units met their own target."""
    done = sum(1 for d in days if d <= today)
    expected = math.ceil(target.minimum * done / len(days)) if days else target.minimum
    left = sum(1 for d in days if d > today) + (1 if today in days else 0)
    return Progress(target, attained, expected, len(days), left, units_met or 0, units_total or 0)


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
    """Accepted respondents against the daily targets up to today, for many groups in five queries.

    `members` maps each unit id to the id of the unit whose group it belongs to (itself, or the Kanwil
    whose subtree is pooled); a roll-up's target is the sum of its units' targets (`_group`), and
    responses are summed. With `pooled`, one group takes every unit of `unit_filter`.
    """
    found = _progress(members, period, [version], today, unit_filter, service_key, pooled)
    return found[version.pk]


def _progress(
    members: Mapping[int, int],
    period: Period,
    versions: list[InstrumentVersion],
    today: datetime.date,
    unit_filter: Any,
    service_key: int,
    pooled: bool,
) -> dict[int, dict[int, Progress]]:
    ids = unit_filter if unit_filter is not None else list(members)
    groups = _group_ids(members)
    days = working_days(period)
    found: dict[int, dict[int, Progress]] = {}
    for key, facts in _unit_facts(ids, groups, period, versions, service_key).items():
        held = _members_of(members, facts, pooled)
        mine = found.setdefault(key or 0, {})
        for group in groups:
            state = _group(group, held[group], facts)
            mine[group] = progress_of(
                state.target, state.attained, days, today, state.units_met, state.units_total
            )
    return found


def progress(
    unit: Unit,
    period: Period,
    version: InstrumentVersion,
    today: datetime.date,
    unit_ids: Any = None,
    service_key: int = 0,
) -> Progress:
    """`progress_many` for one unit (pooling `unit_ids`, by default itself) or one of its services."""
    return progress_versions(unit, period, [version], today, unit_ids, service_key)[version.pk]


def progress_versions(
    unit: Unit,
    period: Period,
    versions: list[InstrumentVersion],
    today: datetime.date,
    unit_ids: Any = None,
    service_key: int = 0,
) -> dict[int, Progress]:
    """A unit's progress (pooling `unit_ids`) for each of several versions, by version id: the index
    cards of a page, in the queries of one."""
    ids = unit_ids if unit_ids is not None else [unit.pk]
    found = _progress({unit.pk: unit.pk}, period, versions, today, ids, service_key, True)
    return {pk: states[unit.pk] for pk, states in found.items()}
