"""Dashboards: the user's top unit, any unit in reach (pooling its subtree), and one service of a unit.

Every page is scoped by the access helper (outsiders get 404) and reads only rollups.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from sikap.accounts.access import Access, access_for
from sikap.dashboards import queries
from sikap.indices.methods import method_of
from sikap.indices.queries import choose
from sikap.instruments.models import InstrumentVersion
from sikap.organisation.models import Service, Unit


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The dashboard of the highest unit the user reaches (the ministry for central users)."""
    tops = access_for(request.user).top_units()
    if len(tops) == 1:
        return _unit_page(request, tops[0])
    return render(request, "dashboards/choose.html", {"units": tops})


@login_required
@require_GET
def unit_dashboard(request: HttpRequest, code: str) -> HttpResponse:
    unit = access_for(request.user).require_view(get_object_or_404(Unit, code=code))
    return _unit_page(request, unit)


@login_required
@require_GET
def service_dashboard(request: HttpRequest, code: str, service_id: int) -> HttpResponse:
    access = access_for(request.user)
    unit = access.require_view(get_object_or_404(Unit, code=code))
    service = get_object_or_404(Service, pk=service_id, unit=unit)
    chosen = choose(request.GET, [unit.pk])
    context: dict[str, Any] = {"unit": unit, "service": service, "filters": chosen}
    context["crumbs"] = [*_crumbs(access, unit), unit]
    if chosen.version is not None:
        context.update(queries.service_board(unit, service, chosen, timezone.localdate()))
    return render(request, "dashboards/service.html", context)


def _unit_page(request: HttpRequest, unit: Unit) -> HttpResponse:
    access = access_for(request.user)
    units = list(Unit.objects.subtree_of(unit))
    # A subquery, not a list: a national dashboard sends no list of thousands of ids.
    chosen = choose(request.GET, Unit.objects.subtree_of(unit).values("pk"))
    context: dict[str, Any] = {"unit": unit, "filters": chosen, "crumbs": _crumbs(access, unit)}
    if chosen.version is not None:
        context.update(queries.unit_board(unit, units, chosen, timezone.localdate()))
        context["internal_url"] = internal_page(chosen.version, unit)
    return render(request, "dashboards/unit.html", context)


def internal_page(version: InstrumentVersion, unit: Unit) -> str:
    """The internal-survey page of the version's index for the unit ("" for other methods)."""
    from sikap.dashboards.internal_views import BY_METHOD, PAGES

    instrument = BY_METHOD.get(method_of(version).code)
    return reverse(PAGES[instrument][1], args=[unit.code]) if instrument else ""


def _crumbs(access: Access, unit: Unit) -> list[Unit]:
    """The unit's ancestors the user may see, root first."""
    return [a for a in unit.ancestors() if access.can_view(a)]
