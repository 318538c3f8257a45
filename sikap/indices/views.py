"""Index pages: a unit's indices with their analyses, the league table of a scope, equity across Kanwil."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from sikap.accounts.access import access_for
from sikap.indices import analysis, queries, read
from sikap.indices.progress import progress_versions
from sikap.indices.queries import Choice, UnitIndex
from sikap.organisation.models import Unit

# A page for these kinds pools the units below by default; the page offers the other view.
ROLLUP_KINDS = (Unit.Kind.MINISTRY, Unit.Kind.ESELON_I, Unit.Kind.KANWIL)
WEIGHTINGS = ("pooled", "equal", "custom")


@login_required
@require_GET
def unit_page(request: HttpRequest, code: str) -> HttpResponse:
    access = access_for(request.user)
    unit = access.require_view(get_object_or_404(Unit, code=code))
    flag = request.GET.get("subtree")
    subtree = flag == "1" if flag is not None else unit.kind in ROLLUP_KINDS
    # A subquery rather than a list: a national roll-up sends no list of thousands of ids.
    ids = Unit.objects.subtree_of(unit).values("pk") if subtree else [unit.pk]
    choice = queries.choose(request.GET, ids)
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
    scope = read.Scope(ids, period, version, with_suspect=suspect)
    states = progress_versions(unit, period, choice.versions, today, ids)
    cards = [UnitIndex(unit, read.result(scope.replace(version=v)), states[v.pk]) for v in choice.versions]
    selected = next(c for c in cards if c.result.version.pk == version.pk)
    items = read.element_moments(scope)
    totals = analysis.respondent_moments(scope)
    return {
        "cards": cards,
        "selected": selected,
        "weakest": analysis.weakest_elements(selected.result, 5),
        "ipa": analysis.importance_performance(version, items),
        "reliability": analysis.reliability(version, items, totals),
        "breakdowns": analysis.breakdowns(scope),
        "min_cell": version.instrument.min_cell,
        "trend": read.trend(scope.replace(version=None, instrument=version.instrument.code), intervals=False),
        "margin": analysis.achieved_margin(scope, selected.result.respondents, totals),
    }


@login_required
@require_GET
def league_table(request: HttpRequest) -> HttpResponse:
    scope = access_for(request.user).units()
    units = {u.pk: u for u in scope}
    kanwils, kanwil_of = analysis.kanwil_members(units.values())
    level = request.GET.get("tingkat") or ("kanwil" if len(kanwils) > 1 else "unit")
    order = request.GET.get("urut", "score")
    choice = queries.choose(request.GET, scope.values("pk"))
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
    choice = queries.choose(request.GET, scope.values("pk"))
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
