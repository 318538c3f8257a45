"""PEKPPP results under /pekppp/hasil/: the cycles, a cycle's ranking and grade distribution, each lokus'
F-03 link and progress, one unit's result, and its reports (evaluation sheet PDF/XLSX, piagam, the
ranking XLSX). Every number comes from `results.results_of`; the unit sees its own result only once it is
validated (`visible_result`), an outsider gets 404."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from sikap.accounts.access import access_for
from sikap.instruments.models import Element
from sikap.instruments.queries import public_path
from sikap.lib.links import absolute_url
from sikap.pekppp import result_pages as pages
from sikap.pekppp import result_reports as reports
from sikap.pekppp.actions.f03 import campaign_version
from sikap.pekppp.models import Cycle, Lokus
from sikap.pekppp.results import visible_result

PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    cycles = [
        cycle
        for cycle in Cycle.objects.select_related("framework_version")
        if access.visible_lokus(cycle).exists()
    ]
    return render(request, "pekppp/results/index.html", {"cycles": cycles})


def _cycle(request: HttpRequest, pk: int) -> tuple[Cycle, list[Lokus]]:
    """The cycle and the lokus the user sees in it; 404 when it sees none."""
    access = access_for(request.user)
    cycle = get_object_or_404(Cycle.objects.select_related("framework_version", "period"), pk=pk)
    lokus = pages.cycle_lokus(access, cycle)
    if not lokus:
        raise Http404
    return cycle, lokus


@login_required
@require_GET
def cycle(request: HttpRequest, pk: int) -> HttpResponse:
    found, lokus = _cycle(request, pk)
    results = pages.results_of(pages.readable(access_for(request.user), found, lokus))
    context = {
        "cycle": found,
        "rows": pages.ranking(results),
        "summary": pages.summary(results),
        "hidden": len(lokus) - len(results),
    }
    return render(request, "pekppp/results/cycle.html", context)


@login_required
@require_GET
def ranking_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    found, lokus = _cycle(request, pk)
    results = pages.results_of(pages.readable(access_for(request.user), found, lokus))
    data = reports.ranking_xlsx(found, pages.ranking(results), pages.summary(results))
    return _download(data, XLSX, f"peringkat-pekppp-{found.year}-{found.scheme}.xlsx")


@login_required
@require_GET
def f03(request: HttpRequest, pk: int) -> HttpResponse:
    found, lokus = _cycle(request, pk)
    items: list[Element] = []
    scale: list[tuple[int, str]] = []
    if found.campaign_id:
        version = campaign_version(lokus[0])
        items = list(version.elements.order_by("order", "pk"))
        scale = items[0].point_labels() if items else []
    rows = pages.f03_rows(found, lokus)
    for row in rows:
        row.url = absolute_url(public_path(row.link), request) if row.link else ""
    context = {"cycle": found, "rows": rows, "items": items, "scale": scale}
    return render(request, "pekppp/results/f03.html", context)


def _unit(request: HttpRequest, pk: int) -> tuple[pages.UnitPage | None, Lokus]:
    lokus = get_object_or_404(Lokus.objects.select_related("unit", "cycle__framework_version"), pk=pk)
    reach = access_for(request.user).require_lokus(lokus)
    found = visible_result(reach, lokus)
    return (pages.unit_page(found, reach.sees_aspect) if found else None), lokus


@login_required
@require_GET
def unit(request: HttpRequest, pk: int) -> HttpResponse:
    page, lokus = _unit(request, pk)
    if page is None:
        return render(request, "pekppp/results/not_yet.html", {"lokus": lokus})
    return render(request, "pekppp/results/unit.html", {"page": page, "lokus": lokus})


@login_required
@require_GET
def sheet(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    page, lokus = _unit(request, pk)
    if page is None:
        return render(request, "pekppp/results/not_yet.html", {"lokus": lokus}, status=404)
    name = f"lembar-evaluasi-{lokus.unit.code}-{lokus.cycle.year}"
    if kind == "pdf":
        return _download(reports.sheet_pdf(page), PDF, f"{name}.pdf", inline=True)
    return _download(reports.sheet_xlsx(page), XLSX, f"{name}.xlsx")


@login_required
@require_GET
def certificate(request: HttpRequest, pk: int) -> HttpResponse:
    page, lokus = _unit(request, pk)
    if page is None:
        return render(request, "pekppp/results/not_yet.html", {"lokus": lokus}, status=404)
    if not page.certificate:
        message = (
            _("Piagam hanya untuk hasil final dengan predikat A atau A-; hasil ini belum final.")
            if not page.result.final
            else _(
                "Piagam hanya untuk hasil final dengan predikat A atau A-; unit ini berpredikat %(grade)s."
            )
            % {"grade": page.result.grade}
        )
        return render(
            request, "pekppp/results/refused.html", {"lokus": lokus, "message": message}, status=403
        )
    return _download(
        reports.certificate_pdf(page), PDF, f"piagam-{lokus.unit.code}-{lokus.cycle.year}.pdf", inline=True
    )


def _download(data: bytes, content_type: str, filename: str, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{filename}"'
    return response
