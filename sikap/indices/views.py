"""Index pages: a unit's indices with their analyses, the league table of a scope, equity across Kanwil."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from sikap.accounts.access import access_for
from sikap.indices import analysis, queries
from sikap.indices.queries import UnitIndex
from sikap.indices.results import compute
from sikap.indices.targets import progress
from sikap.instruments.models import InstrumentVersion
from sikap.organisation.models import Period, Unit

# A page for these kinds pools the units below by default; the page offers the other view.
ROLLUP_KINDS = (Unit.Kind.MINISTRY, Unit.Kind.ESELON_I, Unit.Kind.KANWIL)
WEIGHTINGS = ("pooled", "equal", "custom")


@dataclass
class Choice:
    """What the filter form chose: period, instrument version, and whether suspect answers count."""

    periods: list[Period]
    period: Period | None
    versions: list[InstrumentVersion] = field(default_factory=list)
    version: InstrumentVersion | None = None
    with_suspect: bool = False


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _choose(request: HttpRequest, unit_ids: Any) -> Choice:
    periods = list(Period.objects.all())
    wanted = _int(request.GET.get("periode"))
    period = next((p for p in periods if p.pk == wanted), None) or queries.default_period()
    choice = Choice(periods, period, with_suspect=request.GET.get("curiga") == "1")
    if period is not None:
        choice.versions = queries.period_versions(period, unit_ids)
        code = (request.GET.get("instrumen") or "").upper()
        matches = [v for v in choice.versions if v.instrument.code == code]
        choice.version = next(iter(matches or choice.versions), None)
    return choice


@login_required
@require_GET
def unit_page(request: HttpRequest, code: str) -> HttpResponse:
    access = access_for(request.user)
    unit = access.require_view(get_object_or_404(Unit, code=code))
    flag = request.GET.get("subtree")
    subtree = flag == "1" if flag is not None else unit.kind in ROLLUP_KINDS
    # A subquery rather than a list: a national roll-up sends no list of thousands of ids.
    ids = Unit.objects.subtree_of(unit).values("pk") if subtree else [unit.pk]
    choice = _choose(request, ids)
    context: dict[str, Any] = {
        "unit": unit,
        "subtree": subtree,
        "choice": choice,
        "ancestors": [a for a in unit.ancestors() if access.can_view(a)],
    }
    if choice.period is not None and choice.version is not None:
        context.update(_unit_report(unit, ids, choice))
    return render(request, "indices/unit.html", context)


def _unit_report(unit: Unit, ids: Any, choice: Choice) -> dict[str, Any]:
    period, version, suspect = choice.period, choice.version, choice.with_suspect
    assert period is not None and version is not None
    today = timezone.localdate()
    cards = [
        UnitIndex(unit, compute(ids, v, period, with_suspect=suspect), progress(unit, period, v, today, ids))
        for v in choice.versions
    ]
    selected = next(c for c in cards if c.result.version.pk == version.pk)
    items = analysis.element_moments(ids, version, period, suspect)
    totals = analysis.respondent_moments(ids, version, period, suspect)
    return {
        "cards": cards,
        "selected": selected,
        "weakest": analysis.weakest_elements(selected.result, 5),
        "ipa": analysis.importance_performance(version, items),
        "reliability": analysis.reliability(version, items, totals),
        "breakdowns": analysis.breakdowns(ids, version, period, suspect),
        "min_cell": version.instrument.min_cell,
        "trend": analysis.trend(ids, version.instrument.code, suspect),
        "margin": analysis.achieved_margin(ids, version, period, selected.result.respondents, totals),
    }


@login_required
@require_GET
def league_table(request: HttpRequest) -> HttpResponse:
    scope = access_for(request.user).units()
    units = {u.pk: u for u in scope}
    kanwils, kanwil_of = analysis.kanwil_members(units.values())
    level = request.GET.get("tingkat") or ("kanwil" if len(kanwils) > 1 else "unit")
    order = request.GET.get("urut", "score")
    choice = _choose(request, scope.values("pk"))
    context: dict[str, Any] = {"choice": choice, "level": level, "order": order, "rows": [], "behind": []}
    if choice.period is not None and choice.version is not None:
        groups, members = (kanwils, kanwil_of) if level == "kanwil" else (units, {pk: pk for pk in units})
        rows = queries.league(
            groups,
            members,
            choice.period,
            choice.version,
            today=timezone.localdate(),
            with_suspect=choice.with_suspect,
            unit_filter=scope.values("pk"),
            order=order,
        )
        context.update(rows=rows, behind=queries.furthest_behind(rows))
    return render(request, "indices/league.html", context)


@login_required
@require_GET
def equity_page(request: HttpRequest) -> HttpResponse:
    scope = access_for(request.user).units()
    units = {u.pk: u for u in scope}
    kanwils, kanwil_of = analysis.kanwil_members(units.values())
    weights = request.GET.get("bobot") or "pooled"
    weights = weights if weights in WEIGHTINGS else "pooled"
    choice = _choose(request, scope.values("pk"))
    context: dict[str, Any] = {"choice": choice, "weights": weights, "weightings": WEIGHTINGS}
    if choice.period is not None and choice.version is not None:
        common: dict[str, Any] = {
            "with_suspect": choice.with_suspect,
            "weights": weights,
            "unit_filter": scope.values("pk"),
        }
        context["kanwil"] = analysis.equity(kanwils, kanwil_of, choice.version, choice.period, **common)
        each = {pk: pk for pk in units}
        context["units"] = analysis.equity(units, each, choice.version, choice.period, **common)
    return render(request, "indices/equity.html", context)
