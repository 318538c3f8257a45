"""Public results pages (no login) and the operators' publication page under /hasil/.

Public views reach data only through `queries.published`: a period that is not published answers 404
on its infographic and appears on no page. Operators preview any period of their scope.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from sikap.accounts.access import access_for
from sikap.audit.actors import acting_user
from sikap.organisation.models import Period, Unit
from sikap.publication import actions, queries
from sikap.publication.infographic import render_png, render_svg
from sikap.publication.models import Publication

PER_PAGE = 50
# Shared caches may keep a public image this long, so a withdrawal reaches them within five minutes.
PUBLIC_MAX_AGE = 300


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()[:100]
    page = Paginator(queries.latest_per_unit(search), PER_PAGE).get_page(request.GET.get("halaman"))
    rows = queries.with_results(list(page))
    return render(request, "publication/index.html", {"page": page, "rows": rows, "search": search})


@require_safe
def unit_results(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_object_or_404(Unit, code=code)
    rows = queries.with_results(queries.unit_publications(unit))
    wanted = request.GET.get("periode")  # a published period of the unit; the latest by default
    selected = next((r for r in rows if wanted is None or str(r.period.pk) == wanted), None)
    if selected is None:
        raise Http404
    context = {"unit": unit, "rows": rows, "selected": selected}
    context["follow_up"] = queries.follow_up(unit, selected.period)
    return render(request, "publication/unit.html", context)


@require_safe
def infographic(request: HttpRequest, code: str, period_id: int, fmt: str) -> HttpResponse:
    publication = get_object_or_404(queries.published(), unit__code=code, period_id=period_id)
    unit, period = publication.unit, publication.period
    stats = queries.follow_up(unit, period, items=False).stats
    svg = render_svg(unit, period, queries.result_of(unit, period), stats)
    response = _image(svg, fmt, f"infografis-{unit.code}-{period.pk}")
    patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    return response


@login_required
@require_safe
def manage(request: HttpRequest, code: str) -> HttpResponse:
    access = access_for(request.user)
    unit = access.require_view(get_object_or_404(Unit, code=code))
    context = {"unit": unit, "rows": queries.manage_rows(unit), "can_write": access.can_write(unit)}
    return render(request, "publication/manage.html", context)


@login_required
@require_POST
def publish(request: HttpRequest, code: str, period_id: int) -> HttpResponse:
    unit = access_for(request.user).require_write(get_object_or_404(Unit, code=code))
    period = get_object_or_404(Period, pk=period_id)
    try:
        actions.publish_period(acting_user(request), unit, period)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Hasil %(period)s diterbitkan.") % {"period": period.name})
    return redirect("publication:manage", unit.code)


@login_required
@require_POST
def unpublish(request: HttpRequest, code: str, period_id: int) -> HttpResponse:
    unit = access_for(request.user).require_write(get_object_or_404(Unit, code=code))
    period = get_object_or_404(Period, pk=period_id)
    try:
        actions.unpublish_period(acting_user(request), unit, period, request.POST.get("alasan", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Hasil %(period)s ditarik dari publik.") % {"period": period.name})
    return redirect("publication:manage", unit.code)


@login_required
@require_safe
def preview(request: HttpRequest, code: str, period_id: int, fmt: str) -> HttpResponse:
    unit = access_for(request.user).require_view(get_object_or_404(Unit, code=code))
    period = get_object_or_404(Period, pk=period_id)
    result = queries.result_of(unit, period)
    if result is None:
        raise Http404
    live = Publication.objects.live().filter(unit=unit, period=period).exists()
    stats = queries.follow_up(unit, period, items=False).stats
    svg = render_svg(unit, period, result, stats, preview=not live)
    response = _image(svg, fmt, f"pratinjau-{unit.code}-{period.pk}")
    patch_cache_control(response, private=True, no_store=True)
    return response


def _image(svg: str, fmt: str, name: str) -> HttpResponse:
    if fmt == "png":
        response = HttpResponse(render_png(svg), content_type="image/png")
    else:
        response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{name}.{fmt}"'
    # An SVG opened on its own is a document: it may run nothing and load nothing.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response
