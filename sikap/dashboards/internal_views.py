"""Pages of the internal surveys' results under /survei-internal/hasil/: a unit's ILK or integrity index
(its own, or its subtree's headcount-weighted roll-up), the ranking of Kanwil and unit levels with
equity, and a weak ILK domain made a follow-up item for the unit that provides the service.

Access as everywhere: a unit the user cannot see answers 404; the ranking is an overview (`Use.OVERVIEW`).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sikap.accounts.access import Use, access_for
from sikap.audit.actors import acting_user
from sikap.dashboards import internal, internal_charts
from sikap.dashboards.charts import breakdown
from sikap.followup import actions as followup
from sikap.followup.queries import provider_of
from sikap.lib.inputs import parse_integer, posted_text
from sikap.organisation.models import Period, Unit

# Per instrument: its page's template, the URL names of its pages, and its title.
PAGES = {
    "ILK": ("dashboards/internal/ilk.html", "internal_results:ilk_unit", "internal_results:ilk_ranking"),
    "INTEGRITAS": (
        "dashboards/internal/integrity.html",
        "internal_results:integrity_unit",
        "internal_results:integrity_ranking",
    ),
}
# The page of an index method's results, for the dashboards' link (by method code, not instrument).
BY_METHOD = {"ilk": "ILK", "integrity": "INTEGRITAS"}


def _code(instrument: str) -> str:
    if instrument not in PAGES:
        raise Http404
    return instrument


@login_required
@require_GET
def home(request: HttpRequest, instrument: str) -> HttpResponse:
    """The page of the highest unit the user reaches, or the list of them."""
    code = _code(instrument)
    tops = access_for(request.user).top_units()
    if len(tops) == 1:
        return _unit_response(request, code, tops[0])
    return render(request, "dashboards/choose.html", {"units": tops, "unit_url": PAGES[code][1]})


@login_required
@require_GET
def unit_page(request: HttpRequest, instrument: str, code: str) -> HttpResponse:
    kind = _code(instrument)
    unit = access_for(request.user).require_view(get_object_or_404(Unit, code=code))
    return _unit_response(request, kind, unit)


def _unit_response(request: HttpRequest, kind: str, unit: Unit) -> HttpResponse:
    access = access_for(request.user)
    units = list(Unit.objects.subtree_of(unit))
    choice = internal.choose(request.GET, kind)
    context: dict[str, Any] = {"unit": unit, "filters": choice, "instrument": kind, "pages": PAGES[kind]}
    context["crumbs"] = [a for a in unit.ancestors() if access.can_view(a)]
    context["can_rank"] = access.may(Use.OVERVIEW)
    if choice.version is not None:
        board = internal.unit_board(unit, units, choice)
        board["trend_figure"] = internal_charts.trend(board["trend"], _("Perkembangan per periode"))
        board["group_figures"] = [breakdown(b, board["min_cell"]) for b in board["groups"] if b.cells]
        provider = provider_of(unit)
        board.update(provider=provider, can_plan=access.can_write(provider))
        context.update(board)
    return render(request, PAGES[kind][0], context)


@login_required
@require_GET
def ranking(request: HttpRequest, instrument: str) -> HttpResponse:
    kind = _code(instrument)
    access = access_for(request.user)
    if not access.may(Use.OVERVIEW):
        raise Http404
    tops = access.top_units()
    wanted = request.GET.get("unit") or ""
    top = next((u for u in tops if u.code == wanted), tops[0] if tops else None)
    if top is None:
        raise Http404
    choice = internal.choose(request.GET, kind)
    context: dict[str, Any] = {"top": top, "tops": tops, "filters": choice, "instrument": kind}
    context["pages"] = PAGES[kind]
    if choice.version is not None:
        board = internal.ranking_board(top, list(Unit.objects.subtree_of(top)), choice)
        board["trend_figure"] = internal_charts.trend(board["trend"], _("Perkembangan per semester"))
        context.update(board)
    return render(request, "dashboards/internal/ranking.html", context)


@login_required
@require_POST
def plan_domain(request: HttpRequest, code: str) -> HttpResponse:
    """A weak ILK domain of the unit as a plan item of the unit that provides the service."""
    access = access_for(request.user)
    unit = access.require_view(get_object_or_404(Unit, code=code))
    if not access.can_write(provider_of(unit)):
        # The page names the providing unit anyway; only its writers may add to its plan.
        raise PermissionDenied(
            _("Hanya yang dapat mengubah rencana unit penyedia layanan yang dapat menambah butir.")
        )
    # A period that is no whole number is no period at all (never a failed look-up).
    period = get_object_or_404(Period, pk=parse_integer(str(request.POST.get("periode", ""))) or 0)
    choice = internal.choose({"periode": str(period.pk)}, "ILK")
    if choice.version is None:
        raise Http404
    try:
        domain = posted_text(request.POST, "domain", limit=200, label=_("Domain"), long=False)
        item, made = followup.plan_weak_part(acting_user(request), unit, period, choice.version, domain)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(f"{reverse(PAGES['ILK'][1], args=[unit.code])}?periode={period.pk}")
    if made:
        messages.success(request, _("Butir tindak lanjut dibuat untuk %(unit)s.") % {"unit": item.unit.name})
    else:
        messages.info(request, _("Domain ini sudah ada dalam rencana %(unit)s.") % {"unit": item.unit.name})
    return redirect(f"{reverse('followup:unit', args=[item.unit.code])}?periode={period.pk}")
