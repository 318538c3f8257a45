"""Roster pages: the list per period, a unit's roster with its headcount, the import, its template."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sikap.accounts.access import Access, access_for
from sikap.audit.actors import acting_user
from sikap.indices.queries import default_period
from sikap.internal import actions, importing, queries
from sikap.internal.forms import HeadcountForm, PeriodForm, RosterImportForm
from sikap.internal.models import RosterUpload
from sikap.internal.template import roster_template_xlsx
from sikap.organisation.models import Period, Unit
from sikap.workspace.homes import in_reach

UNITS_PER_PAGE = 50
ENTRIES_PER_PAGE = 100
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_GET
def rosters(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    form = PeriodForm(request.GET or None)
    period = (form.cleaned_data["periode"] if form.is_valid() else None) or default_period()
    page = Paginator(in_reach(access), UNITS_PER_PAGE).get_page(request.GET.get("halaman"))
    rows = queries.roster_rows(list(page), period) if period else []
    form = PeriodForm(initial={"periode": period})
    context = {"form": form, "period": period, "page": page, "rows": rows, "can_import": _may_import(access)}
    return render(request, "internal/rosters.html", context)


@login_required
@require_GET
def roster_unit(request: HttpRequest, unit: str, period: int) -> HttpResponse:
    access = access_for(request.user)
    unit_obj = access.require_view(get_object_or_404(Unit, code=unit))
    period_obj = get_object_or_404(Period, pk=period)
    contacts = access.can_see_contacts(unit_obj)
    found = queries.entries(unit_obj, period_obj, with_contacts=contacts)
    row = queries.roster_row(unit_obj, period_obj)
    context = {
        "unit": unit_obj,
        "period": period_obj,
        "row": row,
        "mix": queries.mix(unit_obj, period_obj),
        "page": Paginator(found, ENTRIES_PER_PAGE).get_page(request.GET.get("halaman")),
        "contacts": contacts,
        "can_import": access.can_write(unit_obj),
        "headcount_form": HeadcountForm() if access.can_administer(unit_obj) else None,
        "history": queries.headcount_history(row.headcount),
    }
    return render(request, "internal/roster_unit.html", context)


@login_required
@require_POST
def headcount(request: HttpRequest, unit: str, period: int) -> HttpResponse:
    unit_obj = access_for(request.user).require_write(get_object_or_404(Unit, code=unit))
    period_obj = get_object_or_404(Period, pk=period)
    form = HeadcountForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        override = None if data["clear"] else data["override"]
        try:
            actions.set_headcount(acting_user(request), unit_obj, period_obj, override, data["reason"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Jumlah pegawai disimpan beserta alasannya."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("internal:roster_unit", unit=unit_obj.code, period=period_obj.pk)


@login_required
def roster_import(request: HttpRequest) -> HttpResponse:
    access = _importer(request)
    form = RosterImportForm(access, request.POST or None, request.FILES or None)
    failed: importing.ImportFailed | None = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        content = data["file"].read()
        try:
            plan = importing.read_roster(
                acting_user(request), data["period"], data["file"].name, content, unit=data["unit"]
            )
        except importing.ImportFailed as error:
            failed = error
        else:
            upload = actions.stage_upload(acting_user(request), data["period"], data["unit"], plan, content)
            return redirect("internal:roster_confirm", pk=upload.pk)
    context = {"form": form, "failed": failed, "shown": failed.problems[:1000] if failed else []}
    return render(request, "internal/roster_import.html", context)


@login_required
def roster_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """The checked file's summary, and the importer's confirmation (or cancellation) of it."""
    _importer(request)
    upload = get_object_or_404(RosterUpload.objects.select_related("period", "unit"), pk=pk)
    if upload.uploaded_by_id != request.user.pk:
        raise Http404  # a waiting file is its importer's alone
    if request.method == "POST" and "batal" in request.POST:
        actions.discard_upload(acting_user(request), upload)
        messages.info(request, _("Impor dibatalkan; berkas tidak disimpan."))
        return redirect("internal:roster_import")
    try:
        plan = importing.read_roster(
            acting_user(request), upload.period, upload.filename, bytes(upload.content), unit=upload.unit
        )
        if request.method == "POST":
            done = actions.replace_rosters(acting_user(request), plan, upload=upload)
            total = sum(d.entries for d in done)
            messages.success(
                request,
                _("%(n)s pegawai tersimpan di daftar %(units)s unit.") % {"n": total, "units": len(done)},
            )
            if len(done) == 1:
                return redirect("internal:roster_unit", unit=done[0].unit.code, period=upload.period.pk)
            return redirect(f"{reverse('internal:rosters')}?periode={upload.period.pk}")
    except (importing.ImportFailed, ValidationError) as error:
        problems = error.problems if isinstance(error, importing.ImportFailed) else error.messages
        messages.error(request, "; ".join(str(p) for p in problems[:20]))
        return redirect("internal:roster_import")
    context = {"upload": upload, "plan": plan, "summary": plan.summary()}
    return render(request, "internal/roster_confirm.html", context)


@login_required
@require_GET
def roster_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(roster_template_xlsx(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="templat-daftar-pegawai.xlsx"'
    return response


def _may_import(access: Access) -> bool:
    return access.writable_units().exists()


def _importer(request: HttpRequest) -> Access:
    """The user's access, if it may import a roster somewhere; read-only users get 403."""
    access = access_for(request.user)
    if not _may_import(access):
        raise PermissionDenied
    return access
