"""The PEKPPP section: its index (the user's cycles and lokus) and a lokus' hub page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sikap.accounts.access import access_for
from sikap.pekppp import queries
from sikap.pekppp.lookup import lokus_for
from sikap.workspace.menu import entries_for


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    context = {
        "entries": entries_for(access, "pekppp"),
        "cycles": queries.my_lokus(access),
        "assignments": list(queries.assignments_of(request.user)),
        "coordinates": access.may_coordinate_pekppp(),
    }
    return render(request, "pekppp/index.html", context)


@login_required
@require_GET
def lokus(request: HttpRequest, pk: int) -> HttpResponse:
    found, reach = lokus_for(request, pk)
    aspects = [a for a in found.cycle.framework_version.aspects.all() if reach.sees_aspect(a.code)]
    context = {
        "lokus": found,
        "reach": reach,
        "aspects": aspects if reach.sees_drafts else [],
        "assignments": list(found.assignments.select_related("evaluator")) if reach.sees_drafts else [],
        "recommendations": queries.recommendations_shown(found, reach),
    }
    return render(request, "pekppp/lokus.html", context)
