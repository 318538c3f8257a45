"""Reads behind the dashboards: rollups only, through the indices' read model (`sikap.indices.read`), in
a fixed number of queries whatever the number of units, services or responses.

A unit's dashboard pools the unit's whole subtree; its league table ranks the unit's children, each
pooled over its own subtree. A service's dashboard reads the same figures for one service of one unit
(a scope with a service key). Each pass over the tallies of a whole ministry costs, so none is made
twice for the same numbers.
"""

from __future__ import annotations

import datetime
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext as _

from sikap.dashboards import charts
from sikap.indices import analysis, queries, read
from sikap.indices.progress import progress_versions
from sikap.indices.queries import Choice, LeagueRow, UnitIndex
from sikap.indices.results import IndexResult, result_from_rows
from sikap.instruments.models import InstrumentVersion
from sikap.organisation.models import Service, Unit
from sikap.scoring.equity import spread


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
    unit: Unit, scope: read.Scope, chosen: Choice, today: datetime.date, selected: IndexResult
) -> list[UnitIndex]:
    """One index card per version of the period (`selected` is the chosen version's result, already
    scored), with progress towards the unit's (or the service's) target."""
    period = chosen.period
    assert period is not None
    results = [
        selected if v.pk == selected.version.pk else read.result(scope.replace(version=v))
        for v in chosen.versions
    ]
    service_key = scope.service_key or 0
    # A roll-up's progress needs each unit's own count (how many met their target), so it is read anew.
    found = progress_versions(unit, period, [r.version for r in results], today, scope.units, service_key)
    states = [found[r.version.pk] for r in results]
    return [UnitIndex(unit, r, state) for r, state in zip(results, states, strict=True)]


def scored(scope: read.Scope, moments: dict[int, read.ElementMoments]) -> IndexResult:
    """`read.result` for the scope from the element moments the page reads anyway: one pass over the
    tallies fewer."""
    assert scope.version is not None and scope.period is not None
    by_element = {
        pk: {"count": m.n, "total": m.total, "sumsq": m.sumsq, "na": m.na} for pk, m in moments.items()
    }
    return result_from_rows(scope.version, scope.period, scope.with_suspect, by_element, read.people(scope))


def unit_board(unit: Unit, units: list[Unit], chosen: Choice, today: datetime.date) -> dict[str, Any]:
    """Everything a unit's dashboard shows, pooled over the unit's subtree (`units`)."""
    period, version, suspect = chosen.period, chosen.version, chosen.with_suspect
    assert period is not None and version is not None
    scope = read.Scope.of(unit, subtree=True, period=period, version=version, with_suspect=suspect)
    children, members = child_groups(unit, units)
    league = (
        queries.league(
            children, members, period, version, today=today, with_suspect=suspect, unit_filter=scope.units
        )
        if children
        else []
    )
    # A leaf unit's breakdown by service lists its own services; a subtree's would list hundreds.
    groups = analysis.breakdowns(scope, by_service=not children)
    moments = read.element_moments(scope)
    board = _figures(
        cards(unit, scope, chosen, today, scored(scope, moments)),
        version,
        moments,
        groups,
        read.trend(scope.replace(version=None, instrument=version.instrument.code)),
    )
    equity = kanwil_equity(unit, units, league, chosen)
    board.update(league=league, has_children=bool(children), equity=equity, equity_figure=None)
    if equity is not None:
        title = _("Pemerataan antar-Kanwil (setiap Kanwil menggabungkan unit di bawahnya)")
        board["equity_figure"] = charts.equity(equity, "equity", title)
    board["services"] = list(Service.objects.filter(unit=unit, year=period.start.year).order_by("name"))
    return board


def service_board(unit: Unit, service: Service, chosen: Choice, today: datetime.date) -> dict[str, Any]:
    """Everything a service's dashboard shows, from the tallies of that service at its unit."""
    period, version, suspect = chosen.period, chosen.version, chosen.with_suspect
    assert period is not None and version is not None
    scope = read.Scope([unit.pk], period, version, service_key=service.pk, with_suspect=suspect)
    moments = read.element_moments(scope)
    return _figures(
        cards(unit, scope, chosen, today, scored(scope, moments)),
        version,
        moments,
        analysis.breakdowns(scope, by_service=False),
        read.trend(scope.replace(version=None, instrument=version.instrument.code)),
    )


def _figures(
    items: list[UnitIndex],
    version: InstrumentVersion,
    moments: dict[int, read.ElementMoments],
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
    unit: Unit, units: list[Unit], league: list[LeagueRow], chosen: Choice
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
