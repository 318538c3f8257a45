"""Running a cycle (pembina, central admin): create it, add lokus units, assign evaluators to aspects."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from sikap.accounts.access import access_for
from sikap.audit.actors import acting_user
from sikap.pekppp import actions
from sikap.pekppp.forms import AssignForm, CycleForm, LokusForm
from sikap.pekppp.lookup import lokus_for
from sikap.pekppp.models import Cycle
from sikap.pekppp.views_f01 import _refused


def _coordinator(request: HttpRequest) -> None:
    if not access_for(request.user).may_coordinate_pekppp():
        raise Http404


@login_required
def cycle_create(request: HttpRequest) -> HttpResponse:
    _coordinator(request)
    form = CycleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cycle = actions.create_cycle(acting_user(request), **form.cleaned_data)
            messages.success(request, _("Siklus %(c)s dibuat.") % {"c": cycle})
            return redirect("pekppp:cycle", pk=cycle.pk)
        except ValidationError as error:
            _refused(request, error)
    return render(request, "pekppp/cycle_form.html", {"form": form})


@login_required
def cycle(request: HttpRequest, pk: int) -> HttpResponse:
    _coordinator(request)
    found = get_object_or_404(Cycle.objects.select_related("framework_version"), pk=pk)
    form = LokusForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        access_for(request.user).require_coordinate(form.cleaned_data["unit"])
        try:
            actions.add_lokus(
                acting_user(request), found, form.cleaned_data["unit"], variant=form.cleaned_data["variant"]
            )
            messages.success(request, _("Unit lokus ditambahkan."))
            return redirect("pekppp:cycle", pk=found.pk)
        except ValidationError as error:
            _refused(request, error)
    lokus = (
        access_for(request.user)
        .visible_lokus(found)
        .select_related("unit")
        .prefetch_related("assignments__evaluator")
    )
    return render(request, "pekppp/cycle.html", {"cycle": found, "form": form, "lokus": lokus})


@login_required
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    lokus, reach = lokus_for(request, pk)
    if not reach.coordinate:
        raise PermissionDenied(
            _("Hanya pembina PEKPPP atau admin pusat yang dapat mengatur siklus evaluasi.")
        )
    form = AssignForm(lokus, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.assign_evaluator(
                acting_user(request), lokus, form.cleaned_data["evaluator"], form.cleaned_data["aspects"]
            )
            messages.success(request, _("Penugasan evaluator disimpan."))
            return redirect("pekppp:lokus", pk=lokus.pk)
        except ValidationError as error:
            _refused(request, error)
    return render(request, "pekppp/assign.html", {"lokus": lokus, "form": form})
