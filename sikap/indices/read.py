"""The one read model of the indices: a `Scope` says which answers count, and bulk-first reads pool them.

Every page, report, command, the API, the public side, the digest and follow-up read index figures
only through this module (and `targets`, `progress` for targets and progress): no module outside
`sikap.indices` imports a tally model (a test enforces it). Each read is bulk first: it answers for
many groups of units (or many periods) in a fixed number of queries, and the single-item read is the
bulk read with one group.

Unit, regional and national figures read the element tallies (rows set by units, not by volume); one
service's figures read the answer tallies, the only ones kept per service. Answers "not applicable /
don't know" are read only as the count `na` beside each element's moments, never as a score.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Q, QuerySet, Sum

from sikap.indices.groups import element_group_rows, group_respondent_rows
from sikap.indices.groups import element_groups as element_groups
from sikap.indices.groups import floor_of as floor_of
from sikap.indices.methods import method_of
from sikap.indices.models import AnswerTally, ElementTally, GroupTally, RespondentTally
from sikap.indices.results import Group, IndexResult, result_from_rows, statuses
from sikap.indices.scope import ONE as ONE
from sikap.indices.scope import GroupKey as GroupKey
from sikap.indices.scope import Nested as Nested
from sikap.indices.scope import Scope as Scope
from sikap.indices.scope import group_keys as group_keys
from sikap.indices.scope import groups_of as groups_of
from sikap.instruments.models import InstrumentVersion
from sikap.organisation.models import Period

# --- element moments ----------------------------------------------------------------------------------

ELEMENT_SUMS = ("count", "total", "sumsq", "na")
PAIRED_SUMS = ("paired_n", "paired_total", "importance_total")
PEOPLE_SUMS = {
    "people": Sum("n"),
    "complete_n": Sum("complete"),
    "totals": Sum("total_sum"),
    "totals_sq": Sum("total_sumsq"),
}


def _element_rows(scope: Scope, dims: Iterable[str], *, paired: bool = False) -> QuerySet[Any]:
    """Per `dims` and element: count, sum and sum of squares of the scores (and of those paired with an
    importance when `paired`) and the count of answers "not applicable", from the element tallies, or
    the answer tallies for one service."""
    rows: QuerySet[Any]
    if scope.by_service:
        # Not-applicable rows hold value and importance 0: out of every sum but their own count.
        sums: dict[str, Any] = {
            "count": Sum("n", filter=Q(not_applicable=False)),
            "na": Sum("n", filter=Q(not_applicable=True)),
            "total": Sum(F("value") * F("n")),
            "sumsq": Sum(F("value") * F("value") * F("n")),
        }
        if paired:
            with_importance = Q(importance__gt=0)
            sums.update(
                paired_n=Sum("n", filter=with_importance),
                paired_total=Sum(F("value") * F("n"), filter=with_importance),
                importance_total=Sum(F("importance") * F("n"), filter=with_importance),
            )
        rows = AnswerTally.objects.filter(scope.where())
    else:
        sums = {"count": Sum("n"), "total": Sum("total"), "sumsq": Sum("sumsq"), "na": Sum("na")}
        if paired:
            sums.update({name: Sum(name) for name in PAIRED_SUMS})
        rows = ElementTally.objects.filter(scope.where(services=False))
    return rows.values(*dims, "element_id").annotate(**sums).order_by()


@dataclass
class ElementMoments:
    """Sums over one element's scores, and over the scores that came with an importance; `na` counts
    the answers "not applicable / don't know", which are in none of the sums."""

    n: int
    total: int
    sumsq: int
    paired_n: int
    paired_total: int
    importance_total: int
    na: int = 0


def element_moments(scope: Scope) -> dict[int, ElementMoments]:
    """One query: per element id, the moments of its answers (and of those paired with an importance)."""
    names = {"n": "count", **{name: name for name in (*ELEMENT_SUMS[1:], *PAIRED_SUMS)}}
    return {
        r["element_id"]: ElementMoments(**{field: r[name] or 0 for field, name in names.items()})
        for r in _element_rows(scope, (), paired=True)
    }


def people(scope: Scope) -> dict[str, Any]:
    """One query: respondents, complete respondents and the sums of their total scores."""
    return RespondentTally.objects.filter(scope.where()).aggregate(**PEOPLE_SUMS)


@dataclass
class Totals:
    """Complete respondents' total scores: n, sum and sum of squares."""

    n: int
    total: int
    sumsq: int


def totals_of(people_row: Mapping[str, Any]) -> Totals:
    return Totals(
        people_row.get("complete_n") or 0, people_row.get("totals") or 0, people_row.get("totals_sq") or 0
    )


# --- results ------------------------------------------------------------------------------------------


def _pool(target: dict[str, Any], row: Mapping[str, Any], names: Iterable[str]) -> None:
    for name in names:
        target[name] = (target.get(name) or 0) + (row[name] or 0)


@dataclass
class Pooled:
    """Rows pooled per key (a group, or (group, period id, version id)): element sums by element id,
    respondent sums, element sums per category of a breakdown (for methods that score per group), and
    the respondents of units under k left out (internal surveys)."""

    answers: dict[Any, dict[int, dict[str, Any]]]
    totals: dict[Any, dict[str, Any]]
    groups: dict[Any, dict[str, Group]]
    left_out: dict[Any, int]


def _pooled(
    scope: Scope,
    members: Mapping[int, GroupKey] | None,
    per_period: bool,
    *,
    group_by: str = "",
    floor: int = 0,
) -> Pooled:
    """Element moments and respondent sums pooled per key: the group (`members` maps a unit id to its
    group; None pools everything), with (period id, version id) when `per_period`. Two queries; two more
    with `group_by` (element moments and respondents per category of that breakdown).

    With a `floor` (an internal survey's k) a unit with fewer respondents than the floor is left out of
    every group, so no roll-up carries its answers (nor lets them be found by subtraction); its
    respondents are counted in `left_out`.
    """
    by_unit = members is not None or floor > 0
    dims = (["unit_id"] if by_unit else []) + (["period_id", "version_id"] if per_period else [])

    def keys(row: Mapping[str, Any]) -> Iterable[Any]:
        groups = groups_of(members, row["unit_id"]) if members is not None else (ONE,)
        if per_period:
            return [(group, row["period_id"], row["version_id"]) for group in groups]
        return groups

    def unit_of(row: Mapping[str, Any]) -> tuple[Any, ...]:
        return (row["unit_id"], row.get("period_id"), row.get("version_id"))

    people_rows = list(
        RespondentTally.objects.filter(scope.where()).values(*dims).annotate(**PEOPLE_SUMS).order_by()
    )
    small: set[tuple[Any, ...]] = set()
    left_out: dict[Any, int] = {}
    if floor:
        per_unit: dict[tuple[Any, ...], int] = {}
        for row in people_rows:
            per_unit[unit_of(row)] = per_unit.get(unit_of(row), 0) + (row["people"] or 0)
        small = {unit for unit, n in per_unit.items() if 0 < n < floor}
    totals: dict[Any, dict[str, Any]] = {}
    for row in people_rows:
        for key in keys(row):
            if floor and unit_of(row) in small:
                left_out[key] = left_out.get(key, 0) + (row["people"] or 0)
                continue
            _pool(totals.setdefault(key, {}), row, PEOPLE_SUMS)
    answers: dict[Any, dict[int, dict[str, Any]]] = {}
    for row in _element_rows(scope, dims):
        if floor and unit_of(row) in small:
            continue
        for key in keys(row):
            _pool(answers.setdefault(key, {}).setdefault(row["element_id"], {}), row, ELEMENT_SUMS)
    groups: dict[Any, dict[str, Group]] = {}
    if group_by:
        for row in element_group_rows(scope, dims, group_by):
            if floor and unit_of(row) in small:
                continue
            for key in keys(row):
                group = groups.setdefault(key, {}).setdefault(row["category"], Group())
                _pool(group.elements.setdefault(row["element_id"], {}), row, ELEMENT_SUMS)
        for row in group_respondent_rows(scope, dims, group_by):
            if floor and unit_of(row) in small:
                continue
            for key in keys(row):
                group = groups.setdefault(key, {}).setdefault(row["category"], Group())
                group.respondents += row["n_"] or 0
    return Pooled(answers, totals, groups, left_out)


def results(
    scope: Scope, members: Mapping[int, GroupKey] | None = None, *, intervals: bool = True
) -> dict[GroupKey, IndexResult]:
    """One pooled result per group of units for the scope's version and period, in two queries (three
    when the version's elements are not prefetched) whatever the number of units.

    A roll-up is pooled, never a mean of means. `members` maps a unit id to its group key (a unit is in
    one group: a Kanwil's subtree, or itself; a `Nested` mapping puts it in several); rows of units
    outside `members` are left out; None pools
    everything in scope under the key `ONE`. Groups without respondent tallies are absent. Without
    `intervals` the confidence intervals are left out (each costs a t quantile).

    An internal survey's version (its method is `internal`) costs one query more for its rules, and
    two more when its method scores per group: units with fewer than k respondents are left out of
    every group, and a group resting on fewer than k respondents is returned withheld (`suppressed`).
    """
    version, period = scope.version, scope.period
    assert version is not None and period is not None, "results() reads one version in one period"
    k, profile = floor_of(version, period)
    pooled = _pooled(scope, members, per_period=False, group_by=method_of(version).group_by, floor=k)
    elements = list(version.elements.all())
    found = {}
    for key in [*pooled.totals, *(k for k in pooled.left_out if k not in pooled.totals)]:
        sums = pooled.totals.get(key, {})
        item = result_from_rows(
            version,
            period,
            scope.with_suspect,
            pooled.answers.get(key, {}),
            sums,
            intervals=intervals,
            elements=elements,
            groups=pooled.groups.get(key, {}),
            k=k or None,
            profile=profile,
        )
        _note_left_out(item, pooled.left_out.get(key, 0), sums)
        found[key] = item
    return found


def _note_left_out(item: IndexResult, left_out: int, sums: Mapping[str, Any]) -> None:
    """A group with units under k left out: withheld when what remains is under k (its respondent count
    then says who answered), else its figures rest on the other units."""
    item.left_out = left_out
    if left_out and item.suppressed:
        item.respondents += left_out
    elif left_out and not sums.get("people"):
        item.withhold().respondents = left_out


def result(scope: Scope, *, intervals: bool = True) -> IndexResult:
    """The pooled result of everything in scope (elements listed even without answers)."""
    found = results(scope, intervals=intervals).get(ONE)
    if found is not None:
        return found
    assert scope.version is not None and scope.period is not None
    return result_from_rows(scope.version, scope.period, scope.with_suspect, {}, {}, intervals=intervals)


def results_over_periods(
    scope: Scope,
    members: Mapping[int, GroupKey] | None = None,
    *,
    intervals: bool = True,
    periods: Mapping[int, Period] | None = None,
) -> dict[tuple[GroupKey, int, int], IndexResult]:
    """Results per (group, period id, version id) with respondents, for a scope without a fixed period
    (or version): four queries whatever the number of periods (three when `periods` are given)."""
    pooled = _pooled(scope, members, per_period=True)
    answers = pooled.answers
    totals = {k: v for k, v in pooled.totals.items() if v.get("people")}
    if periods is None:
        periods = (
            {scope.period.pk: scope.period}
            if scope.period is not None
            else Period.objects.in_bulk({p for _g, p, _v in totals})
        )
    versions = (
        InstrumentVersion.objects.select_related("instrument")
        .prefetch_related("elements")
        .in_bulk({v for _g, _p, v in totals})
    )
    methods = [method_of(v) for v in versions.values()]
    if not any(m.internal for m in methods):
        return {
            key: result_from_rows(
                versions[key[2]],
                periods[key[1]],
                scope.with_suspect,
                answers.get(key, {}),
                sums,
                intervals=intervals,
            )
            for key, sums in totals.items()
        }
    # Internal surveys: each (period, version)'s rules (one query each), then the rows again with the
    # strictest k as the floor and the method's groups.
    rules = {(p, v): floor_of(versions[v], periods[p]) for _g, p, v in pooled.totals}
    floor = max(k for k, _profile in rules.values())
    group_by = next((m.group_by for m in methods if m.group_by), "")
    pooled = _pooled(scope, members, per_period=True, group_by=group_by, floor=floor)
    found = {}
    for key in [*pooled.totals, *(k for k in pooled.left_out if k not in pooled.totals)]:
        k, profile = rules[(key[1], key[2])]
        sums = pooled.totals.get(key, {})
        item = result_from_rows(
            versions[key[2]],
            periods[key[1]],
            scope.with_suspect,
            pooled.answers.get(key, {}),
            sums,
            intervals=intervals,
            groups=pooled.groups.get(key, {}),
            k=k or None,
            profile=profile,
        )
        _note_left_out(item, pooled.left_out.get(key, 0), sums)
        found[key] = item
    return found


def trend(scope: Scope, *, intervals: bool = True) -> list[IndexResult]:
    """The pooled result for every (period, version) with answers, oldest period first."""
    found = results_over_periods(scope.replace(period=None), intervals=intervals)
    return sorted(found.values(), key=lambda r: (r.period.start, r.period.end, r.version.number))


def latest_results(scope: Scope, periods: Mapping[int, Period]) -> dict[tuple[int, int], IndexResult]:
    """For a scope of (unit, period) `pairs` and one instrument: each pair's result on the newest version
    its unit answered in that period (`periods` holds the pairs' periods by id). Pairs without answers
    are absent. Four queries."""
    members = {unit_id: unit_id for unit_id, _ in scope.pairs}
    found = results_over_periods(scope, members, intervals=True, periods=periods)
    wanted = set(scope.pairs)
    chosen: dict[Any, IndexResult] = {}
    for (unit_id, period_id, _version_id), item in sorted(found.items(), key=lambda kv: kv[1].version.number):
        if (unit_id, period_id) in wanted:
            chosen[(unit_id, period_id)] = item  # ascending: the newest version wins
    return chosen


# --- respondents: counts for progress, and demographic groups -----------------------------------------


def respondents(scope: Scope, members: Mapping[int, GroupKey] | None = None) -> dict[GroupKey, int]:
    """Respondents per group (one query); the statuses are the scope's (progress counts accepted ones)."""
    dims = ["unit_id"] if members is not None else []
    found: dict[GroupKey, int] = {}
    for row in (
        RespondentTally.objects.filter(scope.where()).values(*dims).annotate(total=Sum("n")).order_by()
    ):
        for group in groups_of(members, row["unit_id"]) if members is not None else (ONE,):
            found[group] = found.get(group, 0) + (row["total"] or 0)
    return found


def respondents_per_version(scope: Scope, versions: Iterable[int]) -> dict[tuple[int, int], int]:
    """Respondents per (unit id, version id) for several versions of the scope's period (one query)."""
    rows = (
        RespondentTally.objects.filter(scope.replace(version=None).where(), version_id__in=list(versions))
        .values("unit_id", "version_id")
        .annotate(total=Sum("n"))
        .order_by()
    )
    return {(row["unit_id"], row["version_id"]): row["total"] or 0 for row in rows}


def group_rows(scope: Scope, dimensions: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """Per demographic (dimension, category): respondents `n_`, complete ones `complete_` and the sum of
    their total scores `total` (one query)."""
    rows = GroupTally.objects.filter(scope.where())
    if dimensions is not None:
        rows = rows.filter(dimension__in=list(dimensions))
    return list(
        rows.values("dimension", "category")
        .annotate(n_=Sum("n"), complete_=Sum("complete"), total=Sum("total_sum"))
        .order_by()
    )


def service_rows(scope: Scope) -> list[dict[str, Any]]:
    """The same sums per service key (0 = no service chosen), one query."""
    return [
        r
        for r in RespondentTally.objects.filter(scope.where())
        .values("service_key")
        .annotate(n_=Sum("n"), complete_=Sum("complete"), total=Sum("total_sum"))
        .order_by()
        if r["n_"]
    ]


# --- which periods and versions have answers ----------------------------------------------------------


def answered_versions(period: Period, versions: Any = None, units: Any = None) -> QuerySet[Any]:
    """A subquery of version ids with respondent tallies in the period (among `versions`, of `units`)."""
    rows = RespondentTally.objects.filter(period=period)
    if versions is not None:
        rows = rows.filter(version__in=versions)
    if units is not None:
        rows = rows.filter(unit_id__in=units)
    return rows.values("version_id")


def answered_periods(units: Any = None, instrument: str = "") -> QuerySet[Any]:
    """A subquery of period ids with respondents (of the units; of the instrument's accepted answers when
    an instrument is named), for `Exists`/`__in` filters; `OuterRef`s may stand for ids."""
    rows = RespondentTally.objects.filter(n__gt=0)
    if units is not None:
        rows = rows.filter(unit_id__in=units)
    if instrument:
        rows = rows.filter(version__instrument__code=instrument, status__in=statuses(False))
    return rows.values("period_id")
