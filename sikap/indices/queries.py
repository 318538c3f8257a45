"""Reads for index pages, commands and the API: which units, which version, and the result with its target."""

from __future__ import annotations

import datetime
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import reduce
from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from sikap.indices import read
from sikap.indices.methods import method_of
from sikap.indices.progress import Progress, progress_many
from sikap.indices.results import IndexResult, result_from_rows
from sikap.instruments.models import Campaign, InstrumentVersion
from sikap.lib.inputs import parse_integer
from sikap.organisation.models import Period, Unit


def version_for(instrument_code: str, period: Period) -> InstrumentVersion | None:
    """The version of an instrument answered in a period (the newest one with answers, else the newest)."""
    versions = (
        InstrumentVersion.objects.published()
        .filter(instrument__code=instrument_code)
        .select_related("instrument")
        .order_by("-number")
    )
    used = {row["version_id"] for row in read.answered_versions(period, versions)}
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


def unit_indices(
    units: list[Unit],
    period: Period,
    version: InstrumentVersion,
    *,
    subtree: bool = False,
    with_suspect: bool = False,
    today: datetime.date | None = None,
) -> list[UnitIndex]:
    """Each unit's index (pooled over its subtree when asked) with its progress, in the units' order:
    the league's reads, so many units cost the queries of one."""
    if subtree:
        below = Unit.objects.filter(
            reduce(operator.or_, (Q(path__startswith=u.path) for u in units), Q(pk__in=[]))
        ).only("pk", "path")
        members: Mapping[int, Any] = read.Nested.subtrees(units, below)
    else:
        members = {u.pk: u.pk for u in units}
    rows = league(
        {u.pk: u for u in units},
        members,
        period,
        version,
        today=today or timezone.localdate(),
        with_suspect=with_suspect,
        everyone=True,
        intervals=True,
        order="",
    )
    found = {row.unit.pk: row for row in rows}
    return [UnitIndex(u, found[u.pk].result_or_empty, found[u.pk].progress) for u in units]


def unit_index(
    unit: Unit,
    period: Period,
    version: InstrumentVersion,
    *,
    subtree: bool = False,
    with_suspect: bool = False,
    today: datetime.date | None = None,
) -> UnitIndex:
    """`unit_indices` of one unit."""
    return unit_indices([unit], period, version, subtree=subtree, with_suspect=with_suspect, today=today)[0]


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
        # The one status word of `progress.status_of`, and for a roll-up how many units met their target.
        "status": item.progress.status.value,
        "units_met": item.progress.units_met,
        "units_total": item.progress.units_total,
    }


def _figures(index: float | None, score: float | None, grade: str) -> dict[str, Any]:
    return {
        "index": round(index, 4) if index is not None else None,
        "score": round(score, 2) if score is not None else None,
        "grade": grade,
    }


def _parts(result: IndexResult) -> dict[str, Any]:
    return {
        part.key: {row.code: round(row.value, 4) if row.value is not None else None for row in part.rows}
        for part in result.parts
    }


def internal_json(
    item: UnitIndex, rollup: Any = None, headcount: int | None = None, participation: Any = None
) -> dict[str, Any]:
    """`as_json` of an internal index (ILK, integrity): a unit's own result (`"method": "unit"`), or a
    subtree's roll-up (`strata.RollUp`: the headcount-weighted index as the headline, the pooled and the
    plain means beside it, the covered headcount). `"headcount"` is the unit's or the subtree's population;
    a result under k has `"score": null` and `"suppressed": true`. Target and status are the internal
    campaign's participation (`participation`: invited, answered, its target), not a public minimum sample."""
    found = as_json(item)
    if participation is not None:
        found.update(
            target=participation.target,
            attained=participation.answered,
            status=participation.status.value,
            units_met=participation.units_met,
            units_total=participation.units_total,
        )
    result = item.result
    found.update(suppressed=result.suppressed, k=result.k, left_out=result.left_out)
    if result.profile:
        found["profile"] = result.profile
    invited = {"invited": participation.invited} if participation is not None else {}
    if rollup is None:
        found.update(method="unit", headcount=headcount, parts=_parts(result), weakest=result.weakest)
        return found | invited
    pooled = _figures(result.index, result.score, result.grade)
    found.update(_figures(rollup.weighted.index, rollup.weighted.score, rollup.weighted.grade))
    found.update(
        method=rollup.weighted.rollup,
        headcount=rollup.headcount,
        covered_headcount=rollup.covered,
        coverage=round(rollup.coverage, 4) if rollup.coverage is not None else None,
        suppressed=rollup.suppressed or (rollup.weighted.index is None and result.suppressed),
        pooled={**pooled, "respondents": result.respondents, "parts": _parts(result)},
        plain_mean=_figures(rollup.plain.index, rollup.plain.score, rollup.plain.grade),
        strata=len([s for s in rollup.strata if s.weight is not None]),
        flagged=[s.unit.code for s in rollup.flagged],
    )
    return found | invited


def indices_json(
    items: list[UnitIndex], period: Period, version: InstrumentVersion, *, subtree: bool, with_suspect: bool
) -> list[dict[str, Any]]:
    """The JSON of these indices, for `sikap indices --json` and the API alike: `as_json`, or for an
    internal version (ILK, integrity) `internal_json`: a unit's own result with its headcount, or with
    `subtree` its roll-up; under k `"score": null, "suppressed": true`."""
    if not method_of(version).internal:
        return [as_json(i) for i in items]
    from sikap.indices import strata
    from sikap.internal.participation import for_version
    from sikap.internal.queries import headcounts

    units = [i.unit for i in items]
    taking = for_version(version, period, units, subtree=subtree)
    if not subtree:
        people = headcounts([u.pk for u in units], period)
        return [
            internal_json(i, headcount=people.get(i.unit.pk), participation=taking.get(i.unit.pk))
            for i in items
        ]
    found = strata.rollups(units, version, period, with_suspect=with_suspect)
    return [internal_json(i, found[i.unit.pk], participation=taking.get(i.unit.pk)) for i in items]


# --- page reads: the default period, the versions of a period, targets and progress of many units ---------

# Most specific first: a semester page is more useful than the year around it.
PERIOD_SPECIFICITY = {"month": 0, "quarter": 1, "semester": 2, "year": 3}


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
    with_data = Q(pk__in=read.answered_periods())
    return (
        Period.objects.filter(with_data).order_by("-start").first()
        or Period.objects.order_by("-start").first()
    )


@dataclass
class Choice:
    """What a page's filter form chose: period, instrument version, and whether suspect answers count."""

    periods: list[Period]
    period: Period | None
    versions: list[InstrumentVersion] = field(default_factory=list)
    version: InstrumentVersion | None = None
    with_suspect: bool = False


def _int(value: str | None) -> int | None:
    number = parse_integer(value.strip()) if value else None
    return number if number is not None and number >= 0 else None


def choose(params: Any, unit_ids: Any) -> Choice:
    """Read `periode` (a period id), `instrumen` (an instrument code) and `curiga` from a query string:
    the default period and the period's first version where they are missing or unknown."""
    periods = list(Period.objects.all())
    wanted = _int(params.get("periode"))
    period = next((p for p in periods if p.pk == wanted), None) or default_period()
    choice = Choice(periods, period, with_suspect=params.get("curiga") == "1")
    if period is not None:
        choice.versions = period_versions(period, unit_ids)
        code = (params.get("instrumen") or "").upper()
        matches = [v for v in choice.versions if v.instrument.code == code]
        choice.version = next(iter(matches or choice.versions), None)
    return choice


def period_versions(period: Period, unit_ids: Any) -> list[InstrumentVersion]:
    """Versions in the period's campaigns for these units, or with answers from them; SKM, SPKP, SPAK first.

    Elements come prefetched (two queries in all).
    """
    in_campaign = Q(campaigns__period=period, campaigns__units__in=unit_ids)
    answered = Q(pk__in=read.answered_versions(period, units=unit_ids))
    versions = (
        InstrumentVersion.objects.filter(in_campaign | answered)
        .distinct()
        .select_related("instrument")
        .prefetch_related("elements")
    )
    return sorted(versions, key=lambda v: (v.instrument.order, v.instrument.code, -v.number))


@dataclass
class LeagueRow:
    """One unit (or Kanwil pooling its subtree) in a league table: its result, if any, and progress."""

    unit: Unit
    result: IndexResult | None
    progress: Progress
    version: InstrumentVersion | None = None
    period: Period | None = None
    with_suspect: bool = False

    @property
    def result_or_empty(self) -> IndexResult:
        """The result, or one without respondents (its elements listed) where the unit has none."""
        if self.result is not None:
            return self.result
        assert self.version is not None and self.period is not None
        return result_from_rows(self.version, self.period, self.with_suspect, {}, {})

    @property
    def behind_ratio(self) -> float:
        """Attained over expected by today (1 = exactly on track)."""
        expected = self.progress.expected_by_today
        return 1.0 if expected == 0 else self.progress.attained / expected


LEAGUE_SORTS: dict[str, Callable[[LeagueRow], tuple[Any, ...]]] = {
    "score": lambda r: (
        r.result is None or r.result.score is None,
        -(r.result.score or 0) if r.result else 0,
    ),
    "n": lambda r: (-(r.result.respondents if r.result else 0),),
    "attained": lambda r: (-r.progress.percent,),
}


def league(
    units: dict[int, Unit],
    members: Mapping[int, Any],
    period: Period,
    version: InstrumentVersion,
    *,
    today: datetime.date,
    with_suspect: bool = False,
    unit_filter: Any = None,
    order: str = "score",
    everyone: bool = False,
    intervals: bool = False,
) -> list[LeagueRow]:
    """Rows for the units (or Kanwil groups) that have a target or responses in the period, sorted by
    `order` (a key of LEAGUE_SORTS; ties by name; "" keeps no order); with `everyone`, every unit.

    `members` maps a unit id to its group (or, `read.Nested`, to several where subtrees nest). A unit
    "has a target" when it is in one of the period's campaigns for the version or an admin set its
    target. Seven queries whatever the number of units; confidence intervals only with `intervals`
    (each costs a t quantile).
    """
    ids = unit_filter if unit_filter is not None else list(members)
    scope = read.Scope(ids, period, version, with_suspect=with_suspect)
    results = read.results(scope, members, intervals=intervals)
    states = progress_many(members, period, version, today, unit_filter=unit_filter)
    # A group "has a target" when one of its units is surveyed or has a target set (`units_total`).
    rows = [
        LeagueRow(units[pk], results.get(pk), state, version, period, with_suspect)
        for pk, state in states.items()
        if pk in units and (everyone or pk in results or state.units_total or state.target.override_reason)
    ]
    if order:
        rows.sort(key=lambda r: r.unit.name)
        rows.sort(key=LEAGUE_SORTS.get(order, LEAGUE_SORTS["score"]))
    return rows


def furthest_behind(rows: list[LeagueRow], limit: int = 10) -> list[LeagueRow]:
    """Rows behind their daily target, the lowest share of what was expected by today first."""
    behind = [r for r in rows if not r.progress.on_track]
    return sorted(behind, key=lambda r: (r.behind_ratio, r.progress.attained, r.unit.name))[:limit]
