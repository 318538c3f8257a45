"""Pages of the organisation: the user's scope, a unit with its catalogue, catalogue edits."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from sikap.accounts.access import access_for
from sikap.audit.actors import acting_user
from sikap.organisation import actions, queries
from sikap.organisation.forms import ServiceForm, UserCountForm
from sikap.organisation.models import Service, Unit


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    term = request.GET.get("q", "").strip()
    context = {
        "top_units": queries.top_units_with_counts(access),
        "term": term,
        "results": queries.search_units(access, term) if term else None,
        "roles": access.grants,
    }
    return render(request, "organisation/unit_list.html", context)


@login_required
def unit_detail(request: HttpRequest, code: str) -> HttpResponse:
    access = access_for(request.user)
    unit = access.require_view(get_object_or_404(Unit, code=code))
    years = queries.catalogue_years(unit)
    year = _int_or_none(request.GET.get("tahun")) or (years[0] if years else timezone.localdate().year)
    context = {
        "unit": unit,
        "ancestors": [a for a in unit.ancestors() if access.can_view(a)],
        "children": queries.visible_children(access, unit),
        "services": queries.catalogue(unit, year),
        "years": years,
        "year": year,
        "can_write": access.can_write(unit),
        "provinces": unit.provinces.all(),
    }
    return render(request, "organisation/unit_detail.html", context)


@login_required
def service_create(request: HttpRequest, code: str) -> HttpResponse:
    unit = access_for(request.user).require_write(get_object_or_404(Unit, code=code))
    form = ServiceForm(request.POST or None, initial={"year": timezone.localdate().year})
    form.instance.unit = unit
    if request.method == "POST" and form.is_valid() and _saved(request, form):
        return redirect(f"{unit_url(unit)}?tahun={form.instance.year}")
    return render(request, "organisation/service_form.html", {"unit": unit, "form": form})


@login_required
def service_edit(request: HttpRequest, pk: int) -> HttpResponse:
    service = get_object_or_404(Service.objects.select_related("unit"), pk=pk)
    unit = access_for(request.user).require_write(service.unit)
    form = ServiceForm(request.POST or None, instance=service)
    if request.method == "POST" and form.is_valid() and _saved(request, form):
        return redirect(f"{unit_url(unit)}?tahun={form.instance.year}")
    return render(request, "organisation/service_form.html", {"unit": unit, "form": form, "service": service})


@login_required
def service_user_count(request: HttpRequest, pk: int) -> HttpResponse:
    service = get_object_or_404(Service.objects.select_related("unit"), pk=pk)
    unit = access_for(request.user).require_write(service.unit)
    form = UserCountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.set_user_count(
                acting_user(request),
                service,
                form.cleaned_data["period"],
                form.cleaned_data["users"],
                form.cleaned_data["source"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(f"{unit_url(unit)}?tahun={service.year}")
    return render(
        request, "organisation/user_count_form.html", {"unit": unit, "service": service, "form": form}
    )


def _saved(request: HttpRequest, form: ServiceForm) -> bool:
    """Save through the action; rules the form cannot see (uniqueness per unit) come back as form errors."""
    try:
        actions.save_service(acting_user(request), form.instance)
    except ValidationError as error:
        form.add_error(None, error)
        return False
    return True


def unit_url(unit: Unit) -> str:
    from django.urls import reverse

    return reverse("unit_detail", args=[unit.code])


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None
