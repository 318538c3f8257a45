"""The workspace: each role's home page of today's work, and the index pages of the sections."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from sikap.accounts.access import access_for
from sikap.followup import queries as followup
from sikap.indices.queries import default_period
from sikap.workspace import homes
from sikap.workspace.menu import entries_for

UNITS_PER_PAGE = 50


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    role, context = homes.home_for(access, timezone.localdate())
    labels = {g.role_label for g in (*access.grants, *access.pic_grants)}
    context |= {"role": role, "role_labels": sorted(labels)}
    return render(request, f"workspace/home_{role or 'none'}.html", context)


@login_required
@require_GET
def operator_index(request: HttpRequest) -> HttpResponse:
    return render(request, "workspace/operator.html", _section(request, "survey"))


@login_required
@require_GET
def reports_index(request: HttpRequest) -> HttpResponse:
    return render(request, "workspace/reports.html", _section(request, "reports"))


@login_required
@require_GET
def followup_index(request: HttpRequest) -> HttpResponse:
    context = _section(request, "followup")
    period = context["period"] = default_period()
    ids = [u.pk for u in context["page"]]
    stats = followup.completion_stats(ids, period) if period is not None else {}
    context["rows"] = [(u, stats.get(u.pk, followup.EMPTY)) for u in context["page"]]
    return render(request, "workspace/followup.html", context)


@login_required
@require_GET
def internal_index(request: HttpRequest) -> HttpResponse:
    context = _section(request, "internal")
    context["period"] = default_period()
    return render(request, "workspace/internal.html", context)


def _section(request: HttpRequest, section: str) -> dict[str, Any]:
    """What a section's index lists: the section's entries the user may use, and the units in reach."""
    access = access_for(request.user)
    page = Paginator(homes.in_reach(access), UNITS_PER_PAGE).get_page(request.GET.get("halaman"))
    writable = {u.pk for u in access.writable_units().filter(pk__in=[u.pk for u in page])}
    return {"entries": entries_for(access, section), "page": page, "writable": writable}
