"""Reads behind the dashboards: rollups only, through the indices' bulk functions, in a fixed number of
queries whatever the number of units, services or responses.

A unit's dashboard pools the unit's whole subtree; its league table ranks the unit's children, each
pooled over its own subtree. A service's dashboard reads the tallies of one service of one unit; the
indices' analysis functions have no service filter, so the service reads at the end mirror them.
Each pass over the tallies of a whole ministry costs, so none is made twice for the same numbers.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.db.models import F, Q, Sum
from django.utils.translation import gettext as _

from sikap.dashboards import charts
from sikap.indices import analysis, queries
from sikap.indices.models import AnswerTally, GroupTally, RespondentTally
from sikap.indices.queries import LeagueRow, UnitIndex
from sikap.indices.results import (
    ANSWER_MOMENTS,
    IndexResult,
    compute,
    compute_periods,
    result_from_rows,
    results_per_period,
    statuses,
)
from sikap.indices.tallies import DIMENSIONS
from sikap.indices.targets import Progress, progress, target_for, working_days
from sikap.instruments.models import InstrumentVersion
from sikap.organisation.models import Period, Service, Unit
from sikap.scoring.equity import spread


@dataclass
class Filters:
    """The filter form's choice: period, instrument version, and whether suspect answers count."""

    periods: list[Period]
    period: Period | None
    versions: list[InstrumentVersion]
    version: InstrumentVersion | None
    with_suspect: bool


def filters(params: Any, unit_ids: Any) -> Filters:
    """Read `periode`, `instrumen` (SKM, SPKP, SPAK) and `curiga` from the query string."""
    periods = list(Period.objects.all())
    wanted = params.get("periode")
    period = next((p for p in periods if str(p.pk) == wanted), None) or queries.default_period()
    versions = queries.period_versions(period, unit_ids) if period is not None else []
    code = (params.get("instrumen") or "").upper()
    version = next((v for v in versions if v.instrument.code == code), None)
    return Filters(
        periods, period, versions, version or next(iter(versions), None), params.get("curiga") == "1"
    )


def child_groups(unit: Unit, units: list[Unit]) -> tuple[dict[int, Unit], dict[int, int]]:
    """The unit's children, and for every unit below the unit, the child whose subtree it is in."""
    children = {u.pk: u for u in units if u.parent_id == unit.pk}
    members: dict[int, int] = {}
    for item in units:
        parts = item.path.strip("/").split("/")
        if len(parts) > unit.depth + 1 and int(parts[unit.depth + 1]) in children:
            members[item.pk] = int(parts[unit.depth + 1])
    return children, members


def cards(
    unit: Unit, ids: Any, chosen: Filters, today: datetime.date, selected: IndexResult, service_key: int = 0
) -> list[UnitIndex]:
    """One index card per version of the period (`selected` is the chosen version's result, already
    scored), with progress towards the unit's (or the service's) target.

    Without suspect answers a result's respondents are exactly the accepted ones that progress counts, so
    the target and working days are read once and the tallies are not summed a second time.
    """
    period, suspect = chosen.period, chosen.with_suspect
    assert period is not None
    key = service_key or None
    results = [
        selected
        if v.pk == selected.version.pk
        else compute(ids, v, period, with_suspect=suspect, service_key=key)
        for v in chosen.versions
    ]
    if suspect:
        states = [progress(unit, period, r.version, today, ids, service_key) for r in results]
    else:
        target, days = target_for(unit, period, service_key, ids), working_days(period)
        done = sum(1 for d in days if d <= today)
        expected = math.ceil(target.minimum * done / len(days)) if days else target.minimum
        left = sum(1 for d in days if d > today) + (1 if today in days else 0)
        states = [Progress(target, r.respondents, expected, len(days), left) for r in results]
    return [UnitIndex(unit, r, state) for r, state in zip(results, states, strict=True)]


def scored(
    where: Q,
    version: InstrumentVersion,
    period: Period,
    with_suspect: bool,
    moments: dict[int, analysis.ElementMoments],
) -> IndexResult:
    """`compute` for the tallies matching `where` (units or a service, and statuses), from the element
    moments the page reads anyway: one pass over the answer tallies fewer."""
    people = RespondentTally.objects.filter(where, version=version, period=period).aggregate(**_PEOPLE_SUMS)
    by_element = {pk: {"count": m.n, "total": m.total, "sumsq": m.sumsq} for pk, m in moments.items()}
    return result_from_rows(version, period, with_suspect, by_element, people)


def unit_board(unit: Unit, units: list[Unit], chosen: Filters, today: datetime.date) -> dict[str, Any]:
    """Everything a unit's dashboard shows, pooled over the unit's subtree (`units`)."""
    period, version, suspect = chosen.period, chosen.version, chosen.with_suspect
    assert period is not None and version is not None
    ids = Unit.objects.subtree_of(unit).values("pk")
    children, members = child_groups(unit, units)
    league = (
        queries.league(children, members, period, version, today=today, with_suspect=suspect, unit_filter=ids)
        if children
        else []
    )
    where = Q(unit_id__in=ids, status__in=statuses(suspect))
    # A leaf unit's breakdown by service lists its own services; a subtree's would list hundreds.
    groups = (
        group_breakdowns(where & Q(version=version, period=period), version)
        if children
        else analysis.breakdowns(ids, version, period, suspect)
    )
    moments = analysis.element_moments(ids, version, period, suspect)
    selected = scored(where, version, period, suspect, moments)
    board = _figures(
        cards(unit, ids, chosen, today, selected),
        version,
        moments,
        groups,
        compute_periods(ids, version.instrument.code, with_suspect=suspect),
    )
    equity = kanwil_equity(unit, units, league, chosen)
    board.update(league=league, has_children=bool(children), equity=equity, equity_figure=None)
    if equity is not None:
        title = _("Pemerataan antar-Kanwil (setiap Kanwil menggabungkan unit di bawahnya)")
        board["equity_figure"] = charts.equity(equity, "equity", title)
    board["services"] = list(Service.objects.filter(unit=unit, year=period.start.year).order_by("name"))
    return board


def service_board(unit: Unit, service: Service, chosen: Filters, today: datetime.date) -> dict[str, Any]:
    """Everything a service's dashboard shows, from the tallies of that service at its unit."""
    period, version, suspect = chosen.period, chosen.version, chosen.with_suspect
    assert period is not None and version is not None
    where = _service_where(unit, service.pk, suspect)
    moments = service_moments(where, version, period)
    selected = scored(where, version, period, suspect, moments)
    return _figures(
        cards(unit, [unit.pk], chosen, today, selected, service_key=service.pk),
        version,
        moments,
        group_breakdowns(where & Q(version=version, period=period), version),
        service_trend(where & Q(version__instrument__code=version.instrument.code), suspect),
    )


def _figures(
    items: list[UnitIndex],
    version: InstrumentVersion,
    moments: dict[int, analysis.ElementMoments],
    groups: list[analysis.Breakdown],
    trend: list[IndexResult],
) -> dict[str, Any]:
    selected = next(c for c in items if c.result.version.pk == version.pk)
    ipa = analysis.importance_performance(version, moments)
    min_cell = version.instrument.min_cell
    return {
        "cards": items,
        "selected": selected,
        "weakest": analysis.weakest_elements(selected.result, 3),
        "elements_figure": charts.elements(selected.result),
        "trend_figure": charts.trend(trend),
        "progress_figure": charts.progress(items),
        "ipa_figure": charts.ipa(ipa) if ipa else None,
        "group_figures": [charts.breakdown(b, min_cell) for b in groups if b.cells],
        "min_cell": min_cell,
    }


def kanwil_equity(
    unit: Unit, units: list[Unit], league: list[LeagueRow], chosen: Filters
) -> analysis.Equity | None:
    """The Kanwil below the unit ranked, with the spread of their scores; None when there are none.

    Where the Kanwil are the unit's children (the ministry), the league has pooled them already with the
    same `compute_grouped`, so their results are taken from it rather than summed again.
    """
    kanwils, kanwil_of = analysis.kanwil_members(units)
    kanwils.pop(unit.pk, None)
    if not kanwils:
        return None
    if any(k.parent_id != unit.pk for k in kanwils.values()):
        assert chosen.period is not None and chosen.version is not None
        ids = Unit.objects.subtree_of(unit).values("pk")
        return analysis.equity(
            kanwils,
            kanwil_of,
            chosen.version,
            chosen.period,
            with_suspect=chosen.with_suspect,
            unit_filter=ids,
        )
    rows = [
        analysis.EquityRow(r.unit, r.result.respondents, r.result.score, r.result.grade)
        for r in league
        if r.unit.pk in kanwils and r.result is not None
    ]
    rows.sort(key=lambda r: (r.score is None, -(r.score or 0), r.unit.name))
    ranked = [r for r in rows if r.score is not None]
    if not ranked:
        return analysis.Equity(rows, None, None, None)
    # The dashboard shows the plain spread; the weighted one and the regional index are on the equity page.
    return analysis.Equity(rows, spread([Fraction(str(r.score)) for r in ranked]), None, None)


def group_breakdowns(where: Q, version: InstrumentVersion) -> list[analysis.Breakdown]:
    """The demographic groups of `analysis.breakdowns` (without services), small cells suppressed.

    One query on the group tallies matching `where`.
    """
    k = len(version.elements.all())
    groups = {d: analysis.Breakdown(d, str(analysis.DIMENSION_LABELS[d])) for d in DIMENSIONS}
    rows = (
        GroupTally.objects.filter(where)
        .values("dimension", "category")
        .annotate(n_=Sum("n"), complete_=Sum("complete"), total=Sum("total_sum"))
    )
    order = analysis.AGE_ORDER
    for row in sorted(rows, key=lambda r: (r["category"] == "", order.get(r["category"], 0), r["category"])):
        if row["dimension"] not in groups or not row["n_"]:
            continue
        complete = row["complete_"] or 0
        mean = (row["total"] or 0) / (complete * k) if complete and k else None
        score = analysis.to_score(version, mean) if mean is not None else None
        label = row["category"] or str(analysis.BLANK)
        groups[row["dimension"]].cells.append(analysis.Cell(row["category"], label, row["n_"], mean, score))
    for item in groups.values():
        analysis.suppress(item.cells, version.instrument.min_cell)
    return list(groups.values())


# --- one service of one unit: the analyses above, with the tallies' service key ---------------------------


def _service_where(unit: Unit, service_key: int, with_suspect: bool) -> Q:
    return Q(unit=unit, service_key=service_key, status__in=statuses(with_suspect))


_PEOPLE_SUMS = {
    "people": Sum("n"),
    "complete_n": Sum("complete"),
    "totals": Sum("total_sum"),
    "totals_sq": Sum("total_sumsq"),
}


def service_moments(
    where: Q, version: InstrumentVersion, period: Period
) -> dict[int, analysis.ElementMoments]:
    """`analysis.element_moments` for the answer tallies matching `where` (one query)."""
    paired = Q(importance__gt=0)
    rows = (
        AnswerTally.objects.filter(where, version=version, period=period)
        .values("element_id")
        .annotate(
            **ANSWER_MOMENTS,
            paired_n=Sum("n", filter=paired),
            paired_total=Sum(F("value") * F("n"), filter=paired),
            importance_total=Sum(F("importance") * F("n"), filter=paired),
        )
    )
    names = ("count", "total", "sumsq", "paired_n", "paired_total", "importance_total")
    return {r["element_id"]: analysis.ElementMoments(*(r[name] or 0 for name in names)) for r in rows}


def service_trend(where: Q, with_suspect: bool) -> list[IndexResult]:
    """`results.compute_periods` for the tallies matching `where` (a service's answers are kept per
    service only in the answer tallies): oldest period first (four queries)."""
    rows = AnswerTally.objects.filter(where).values("period_id", "version_id", "element_id")
    return results_per_period(
        rows.annotate(**ANSWER_MOMENTS), RespondentTally.objects.filter(where), with_suspect
    )
