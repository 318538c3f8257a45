"""Public results pages (no login), the operators' publication page and the leaders' approval pages
under /hasil/.

Public views reach data only through `queries.published`: a period that is not published (proposed,
returned or withdrawn) answers 404 on its infographic and appears on no page. Operators preview any
period of their scope. A refusal of the workflow is a message: the action's reason, or a 403 page
saying who may act.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from sikap.accounts.access import access_for
from sikap.audit.actors import acting_user
from sikap.lib.inputs import posted_text
from sikap.lib.links import base_url
from sikap.organisation.models import Period, Unit
from sikap.publication import actions, queries
from sikap.publication.forms import ApproveForm
from sikap.publication.infographic import render_png, render_svg
from sikap.publication.models import Publication

PER_PAGE = 50
# Shared caches may keep a public image this long, so a withdrawal reaches them within five minutes.
PUBLIC_MAX_AGE = 300


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()[:100]
    page = Paginator(queries.latest_per_unit(search), PER_PAGE).get_page(request.GET.get("halaman"))
    rows = queries.with_warnings(queries.with_results(list(page)))
    return render(request, "publication/index.html", {"page": page, "rows": rows, "search": search})


@require_safe
def unit_results(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_object_or_404(Unit, code=code)
    rows = queries.with_warnings(queries.with_results(queries.unit_publications(unit)))
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
    row = _image_figures(unit, period)
    stats = queries.follow_up(unit, period, items=False).stats
    svg = render_svg(unit, period, row.result, stats, cautions=row.warnings, base_url=base_url(request))
    response = _image(svg, fmt, f"infografis-{unit.code}-{period.pk}")
    patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    return response


def _refusals_as_pages(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A 403 of the workflow (wrong role) becomes a page that says who may act, never a bare error."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as refusal:
            context = {"message": str(refusal) or _("Peran Anda tidak mengizinkan tindakan ini.")}
            return render(request, "publication/refused.html", context, status=403)

    return wrapper


def _step(request: HttpRequest, step: Callable[[], Any], done: str) -> None:
    """Run one action; its refusal (missing reason, wrong state, own proposal) becomes the message."""
    try:
        step()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)


@login_required
@require_safe
def manage(request: HttpRequest, code: str) -> HttpResponse:
    access = access_for(request.user)
    unit = access.require_view(get_object_or_404(Unit, code=code))
    context = {
        "unit": unit,
        "rows": queries.manage_rows(unit),
        "can_write": access.can_write(unit),
        "can_approve": access.can_approve(unit),
        "can_publish": access.can_publish(unit),
        "approves_anywhere": access.can_approve_any(),
    }
    return render(request, "publication/manage.html", context)


@login_required
@require_POST
@_refusals_as_pages
def propose(request: HttpRequest, code: str, period_id: int) -> HttpResponse:
    unit = access_for(request.user).require_write(get_object_or_404(Unit, code=code))
    period = get_object_or_404(Period, pk=period_id)
    _step(
        request,
        lambda: actions.propose_publication(
            acting_user(request),
            unit,
            period,
            posted_text(request.POST, "catatan", limit=2000, label=_("Catatan")),
        ),
        _("Penerbitan %(period)s diajukan; menunggu persetujuan pimpinan.") % {"period": period.name},
    )
    return redirect("publication:manage", unit.code)


@login_required
@require_POST
@_refusals_as_pages
def publish(request: HttpRequest, code: str, period_id: int) -> HttpResponse:
    unit = access_for(request.user).require_publish(get_object_or_404(Unit, code=code))
    period = get_object_or_404(Period, pk=period_id)
    _step(
        request,
        lambda: actions.publish_period(acting_user(request), unit, period),
        _("Hasil %(period)s diterbitkan.") % {"period": period.name},
    )
    return redirect("publication:manage", unit.code)


@login_required
@require_POST
def unpublish(request: HttpRequest, code: str, period_id: int) -> HttpResponse:
    unit = access_for(request.user).require_write(get_object_or_404(Unit, code=code))
    period = get_object_or_404(Period, pk=period_id)
    _step(
        request,
        lambda: actions.unpublish_period(
            acting_user(request),
            unit,
            period,
            posted_text(request.POST, "alasan", limit=2000, label=_("Alasan")),
        ),
        _("Hasil %(period)s ditarik dari publik.") % {"period": period.name},
    )
    return redirect("publication:manage", unit.code)


@login_required
@require_safe
@_refusals_as_pages
def queue(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    if not access.can_approve_any():
        raise PermissionDenied(
            _("Daftar ini untuk pimpinan dan admin pusat yang memutuskan usulan penerbitan.")
        )
    rows = queries.waiting(access.approvable_units())
    return render(request, "publication/queue.html", {"rows": rows})


@login_required
@require_safe
@_refusals_as_pages
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    row = queries.proposal(pk)
    if row is None:
        raise Http404
    access_for(request.user).require_approve(row.unit)
    own = row.publication is not None and row.publication.proposed_by_id == request.user.pk
    context = {"row": row, "publication": row.publication, "form": ApproveForm(), "own": own}
    return render(request, "publication/decide.html", context)


def _proposal(request: HttpRequest, pk: int) -> Publication:
    publication = get_object_or_404(Publication.objects.select_related("unit", "period"), pk=pk)
    access_for(request.user).require_approve(publication.unit)
    return publication


@login_required
@require_POST
@_refusals_as_pages
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    publication = _proposal(request, pk)
    form = ApproveForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for e in form.non_field_errors()))
        return redirect("publication:decide", pk)
    _step(
        request,
        lambda: actions.approve_publication(
            acting_user(request), publication, seen_warnings=form.seen_warnings
        ),
        _("Disetujui: hasil %(unit)s %(period)s kini tampil di halaman publik.")
        % {"unit": publication.unit.name, "period": publication.period.name},
    )
    return redirect("publication:queue")


@login_required
@require_POST
@_refusals_as_pages
def send_back(request: HttpRequest, pk: int) -> HttpResponse:
    publication = _proposal(request, pk)
    _step(
        request,
        lambda: actions.return_publication(
            acting_user(request),
            publication,
            posted_text(request.POST, "alasan", limit=2000, label=_("Alasan")),
        ),
        _("Usulan %(unit)s %(period)s dikembalikan kepada operator.")
        % {"unit": publication.unit.name, "period": publication.period.name},
    )
    return redirect("publication:queue")


@login_required
@require_safe
def preview(request: HttpRequest, code: str, period_id: int, fmt: str) -> HttpResponse:
    unit = access_for(request.user).require_view(get_object_or_404(Unit, code=code))
    period = get_object_or_404(Period, pk=period_id)
    row = _image_figures(unit, period)
    if row.result is None:
        raise Http404
    live = Publication.objects.live().filter(unit=unit, period=period).exists()
    stats = queries.follow_up(unit, period, items=False).stats
    svg = render_svg(
        unit, period, row.result, stats, cautions=row.warnings, preview=not live, base_url=base_url(request)
    )
    response = _image(svg, fmt, f"pratinjau-{unit.code}-{period.pk}")
    patch_cache_control(response, private=True, no_store=True)
    return response


def _image_figures(unit: Unit, period: Period) -> queries.Row:
    """The figures and warnings an image draws, read in Indonesian as the image is drawn (the grade's
    words and the element names are resolved when read)."""
    with translation.override("id"):
        return queries.row_of(unit, period)


def _image(svg: str, fmt: str, name: str) -> HttpResponse:
    if fmt == "png":
        response = HttpResponse(render_png(svg), content_type="image/png")
    else:
        response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{name}.{fmt}"'
    # An SVG opened on its own is a document: it may run nothing and load nothing.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response
