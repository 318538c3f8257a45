"""Reads for index pages, commands and the API: which units, which version, and the result with its target."""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, Sum
from django.utils import timezone

from sikap.indices.models import RespondentTally, TargetOverride
from sikap.indices.results import IndexResult, compute, compute_grouped
from sikap.indices.targets import Progress, progress, target_from, target_settings, working_days
from sikap.instruments.models import Campaign, InstrumentVersion
from sikap.organisation.models import Period, ServiceUserCount, Unit


def version_for(instrument_code: str, period: Period) -> InstrumentVersion | None:
    """The version of an instrument answered in a period (the newest one with answers, else the newest)."""
    versions = (
        InstrumentVersion.objects.published().filter(instrument__code=instrument_code).order_by("-number")
    )
    used = set(
        RespondentTally.objects.filter(period=period, version__in=versions).values_list(
            "version_id", flat=True
        )
    )
    for version in versions:
        if version.pk in used:
            return version
    return versions.first()


def unit_ids(unit: Unit, subtree: bool) -> list[int]:
    if not subtree:
        return [unit.pk]
    return list(Unit.objects.subtree_of(unit).values_list("pk", flat=True))


@dataclass
class UnitIndex:
    unit: Unit
    result: IndexResult
    progress: Progress


def unit_index(
    unit: Unit,
    period: Period,
    version: InstrumentVersion,
    *,
    subtree: bool = False,
    with_suspect: bool = False,
    today: datetime.date | None = None,
) -> UnitIndex:
    ids = unit_ids(unit, subtree)
    result = compute(ids, version, period, with_suspect=with_suspect)
    state = progress(unit, period, version, today or timezone.localdate(), unit_ids=ids)
    return UnitIndex(unit, result, state)


def as_json(item: UnitIndex) -> dict[str, Any]:
    """The documented JSON shape of an index (commands and API)."""
    result = item.result
    return {
        "unit": item.unit.code,
        "period": result.period.name,
        "instrument": result.version.instrument.code,
        "respondents": result.respondents,
        "elements": {e.code: round(e.mean, 4) for e in result.elements if e.mean is not None},
        "index": round(result.index, 4) if result.index is not None else None,
        "score": round(result.score, 2) if result.score is not None else None,
        "grade": result.grade,
        "ci95": list(result.ci95) if result.ci95 else None,
        "target": item.progress.target.minimum,
        "attained": item.progress.attained,
    }


# --- page reads: the default period, the versions of a period, targets and progress of many units ---------

# Most specific first: a semester page is more useful than the year around it.
PERIOD_SPECIFICITY = {"month": 0, "quarter": 1, "semester": 2, "year": 3}
INSTRUMENT_ORDER = {"SKM": 0, "SPKP": 1, "SPAK": 2}


def default_period(today: datetime.date | None = None) -> Period | None:
    """The period containing today, the most specific kind first (those with a campaign before those
    without); else the latest period with responses; else the latest period."""
    day = today or timezone.localdate()
    current = list(
        Period.objects.filter(start__lte=day, end__gte=day).annotate(
            has_campaign=Exists(Campaign.objects.filter(period=OuterRef("pk")))
        )
    )
    if current:
        return min(
            current,
            key=lambda p: (not p.has_campaign, PERIOD_SPECIFICITY.get(p.kind, 9), -p.start.toordinal()),
        )
    with_data = Exists(RespondentTally.objects.filter(period=OuterRef("pk"), n__gt=0))
    return (
        Period.objects.filter(with_data).order_by("-start").first()
        or Period.objects.order_by("-start").first()
    )


def period_versions(period: Period, unit_ids: Any) -> list[InstrumentVersion]:
    """Versions in the period's campaigns for these units, or with answers from them; SKM, SPKP, SPAK first.

    Elements come prefetched (two queries in all).
    """
    in_campaign = Q(campaigns__period=period, campaigns__units__in=unit_ids)
    answered = Q(
        pk__in=RespondentTally.objects.filter(period=period, unit_id__in=unit_ids).values("version_id")
    )
    versions = (
        InstrumentVersion.objects.filter(in_campaign | answered)
        .distinct()
        .select_related("instrument")
        .prefetch_related("elements")
    )
    return sorted(
        versions, key=lambda v: (INSTRUMENT_ORDER.get(v.instrument.code, 9), v.instrument.code, -v.number)
    )


def progress_many(
    members: dict[int, int],
    period: Period,
    version: InstrumentVersion,
    today: datetime.date,
    *,
    unit_filter: Any = None,
) -> dict[int, Progress]:
    """`targets.progress` for many groups of units in four queries, with identical results.

    `members` maps each unit id to the id of the unit whose group it belongs to (itself, or the Kanwil
    whose subtree is pooled); the group unit's own override counts, populations and responses are summed.
    """
    ids = unit_filter if unit_filter is not None else list(members)
    groups = set(members.values())
    config = target_settings()
    overrides = {
        o.unit_id: o
        for o in TargetOverride.objects.filter(period=period, service_key=0, unit_id__in=list(groups))
    }
    populations: dict[int, int] = {}
    counts = (
        ServiceUserCount.objects.filter(period=period, service__unit_id__in=ids)
        .values("service__unit_id")
        .annotate(total=Sum("users"))
    )
    for row in counts:
        group = members.get(row["service__unit_id"])
        if group is not None:
            populations[group] = populations.get(group, 0) + row["total"]
    attained: dict[int, int] = {}
    tallies = (
        RespondentTally.objects.filter(period=period, version=version, unit_id__in=ids, status="accepted")
        .values("unit_id")
        .annotate(total=Sum("n"))
    )
    for row in tallies:
        group = members.get(row["unit_id"])
        if group is not None:
            attained[group] = attained.get(group, 0) + (row["total"] or 0)
    days = working_days(period)
    done = sum(1 for d in days if d <= today)
    left = sum(1 for d in days if d > today) + (1 if today in days else 0)
    answer = {}
    for group in groups:
        target = target_from(config, populations.get(group), overrides.get(group))
        expected = math.ceil(target.minimum * done / len(days)) if days else target.minimum
        answer[group] = Progress(target, attained.get(group, 0), expected, len(days), left)
    return answer


@dataclass
class LeagueRow:
    """One unit (or Kanwil pooling its subtree) in a league table: its result, if any, and progress."""

    unit: Unit
    result: IndexResult | None
    progress: Progress

    @property
    def behind_ratio(self) -> float:
        """Attained over expected by today (1 = exactly on track)."""
        expected = self.progress.expected_by_today
        return 1.0 if expected == 0 else self.progress.attained / expected


LEAGUE_SORTS = {
    "score": lambda r: (
        r.result is None or r.result.score is None,
        -(r.result.score or 0) if r.result else 0,
    ),
    "n": lambda r: (-(r.result.respondents if r.result else 0),),
    "attained": lambda r: (-r.progress.percent,),
}


def league(
    units: dict[int, Unit],
    members: dict[int, int],
    period: Period,
    version: InstrumentVersion,
    *,
    today: datetime.date,
    with_suspect: bool = False,
    unit_filter: Any = None,
    order: str = "score",
) -> list[LeagueRow]:
    """Rows for the units (or Kanwil groups) that have a target or responses in the period, sorted.

    A unit "has a target" when it is in one of the period's campaigns for the version or an admin set
    its target. Seven queries whatever the number of units.
    """
    results = compute_grouped(
        members, version, period, with_suspect=with_suspect, unit_filter=unit_filter, intervals=False
    )
    states = progress_many(members, period, version, today, unit_filter=unit_filter)
    surveyed = {
        members[pk]
        for pk in Campaign.objects.filter(period=period, versions=version).values_list("units", flat=True)
        if pk in members
    }
    rows = [
        LeagueRow(units[pk], results.get(pk), state)
        for pk, state in states.items()
        if pk in units and (pk in results or pk in surveyed or state.target.override_reason)
    ]
    rows.sort(key=lambda r: r.unit.name)
    rows.sort(key=LEAGUE_SORTS.get(order, LEAGUE_SORTS["score"]))
    return rows


def furthest_behind(rows: list[LeagueRow], limit: int = 10) -> list[LeagueRow]:
    """Rows behind their daily target, the lowest share of what was expected by today first."""
    behind = [r for r in rows if not r.progress.on_track]
    return sorted(behind, key=lambda r: (r.behind_ratio, r.progress.attained, r.unit.name))[:limit]
