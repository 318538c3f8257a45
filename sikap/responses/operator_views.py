"""Operator pages: the response list and detail, review of suspect ones, paper entry, import, codes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sikap.accounts.access import Access, access_for
from sikap.audit.actors import acting_user
from sikap.instruments.models import Campaign
from sikap.instruments.queries import campaign_versions, public_path, unit_link_of_period
from sikap.lib.links import absolute_url
from sikap.organisation.models import Period, Service, Unit
from sikap.responses import actions, codes, import_jobs, importing, queries
from sikap.responses.forms import (
    CodesForm,
    FilterForm,
    ImportForm,
    PaperForm,
    ReviewForm,
    TemplateForm,
    answer_sheet,
)
from sikap.responses.import_template import template_xlsx
from sikap.responses.models import ImportJob, ServiceCode, Submission
from sikap.responses.validation import Cleaned, clean_submission

PER_PAGE = 50


@login_required
def submission_list(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    form = FilterForm(access, request.GET or None)
    page = Paginator(queries.filtered(access, form.filters()), PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "rows": queries.rows(page), "query": query.urlencode()}
    return render(request, "responses/operator/list.html", context)


@login_required
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    access = access_for(request.user)
    try:
        submission = queries.detail(pk)
    except Submission.DoesNotExist:
        raise Http404 from None
    access.require_view(submission.unit)
    # An internal (invited) submission is never read one by one: its number follows the order people
    # answered, so whoever knows who answered last could read that person's answers.
    if submission.channel == Submission.Channel.INTERNAL:
        raise Http404
    context = {
        "s": submission,
        "reasons": queries.reason_labels(submission.reasons or []),
        "profile": queries.profile_rows(submission),
        "history": queries.history(submission),
        "can_review": access.can_write(submission.unit),
        "review_form": ReviewForm(),
    }
    return render(request, "responses/operator/detail.html", context)


@login_required
def review_list(request: HttpRequest) -> HttpResponse:
    access = _writer(request)
    page = Paginator(queries.suspect_to_review(access), PER_PAGE).get_page(request.GET.get("page"))
    context = {"page": page, "rows": queries.rows(page), "review_form": ReviewForm()}
    return render(request, "responses/operator/review_list.html", context)


@login_required
@require_POST
def review_submit(request: HttpRequest, pk: int) -> HttpResponse:
    submission = get_object_or_404(Submission.objects.select_related("unit"), pk=pk)
    access_for(request.user).require_write(submission.unit)
    form = ReviewForm(request.POST)
    if form.is_valid():
        accept = form.cleaned_data["decision"] == "accept"
        actions.review(acting_user(request), submission, accept=accept, reason=form.cleaned_data["reason"])
        done = _("Kiriman #%(pk)s diterima.") if accept else _("Kiriman #%(pk)s ditolak.")
        messages.success(request, done % {"pk": pk})
        return redirect(_next(request, reverse("operator:review")))
    context = {"s": submission, "form": form, "next": request.POST.get("next", "")}
    return render(request, "responses/operator/review_form.html", context)


@login_required
def paper_choose(request: HttpRequest) -> HttpResponse:
    access = _writer(request)
    context = {"entries": queries.entry_campaigns(access)}
    return render(request, "responses/operator/paper_choose.html", context)


@login_required
def paper_entry(request: HttpRequest, campaign: int, unit: str) -> HttpResponse:
    unit_obj = access_for(request.user).require_write(get_object_or_404(Unit, code=unit))
    found = queries.entry_campaign(campaign, unit_obj)
    if found is None:
        raise Http404
    versions = campaign_versions(found)
    services = list(Service.objects.filter(unit=unit_obj, year=found.period.start.year, active=True))
    form = PaperForm(found.period, services, request.POST or None)
    data, errors = request.POST, {}
    if request.method == "POST":
        cleaned = clean_submission(versions, data, require_answers=False, enforce_required_fields=False)
        errors = cleaned.errors
        if form.is_valid() and not errors:
            _store_paper(request, found, unit_obj, form.cleaned_data, cleaned)
            return redirect(request.path)
    blocks, fields = answer_sheet(versions, data, errors)
    context = {"campaign": found, "unit": unit_obj, "form": form, "blocks": blocks, "fields": fields}
    context["general_error"] = errors.get("__all__", "")
    return render(request, "responses/operator/paper_form.html", context)


def _store_paper(request: HttpRequest, campaign: Campaign, unit: Unit, facts: dict, cleaned: Cleaned) -> None:
    visit = actions.Visit(
        campaign=campaign,
        unit=unit,
        key=facts["key"],
        channel=Submission.Channel.PAPER,
        service=facts["service"],
        answered_on=facts["answered_on"],
    )
    stored, created = actions.submit(acting_user(request), visit, cleaned)
    if created:
        note = _("Kuesioner tersimpan sebagai kiriman #%(pk)s.")
    else:
        note = _("Kuesioner ini sudah tersimpan sebelumnya (kiriman #%(pk)s); tidak disimpan dua kali.")
    messages.success(request, note % {"pk": stored.pk})


@login_required
def import_responses(request: HttpRequest) -> HttpResponse:
    access = _writer(request)
    form = ImportForm(access, request.POST or None, request.FILES or None)
    failed: importing.ImportFailed | None = None
    if request.method == "POST" and form.is_valid():
        c = form.cleaned_data
        upload = c["file"]
        try:
            target = importing.resolve_target(
                c["unit"], c["period"], service_name=c["service"], instrument_codes=c["instruments"]
            )
            actor = acting_user(request)
            result = import_jobs.import_or_queue(actor, target, upload, service_name=c["service"])
        except importing.ImportFailed as error:
            failed = error
        else:
            if isinstance(result, ImportJob):
                return redirect("operator:import_job", pk=result.pk)
            for warning in result.warnings:
                messages.warning(request, warning)
            messages.success(request, _summary(result))
            return redirect("operator:import")
    context = {
        "form": form,
        "failed": failed,
        "shown": failed.problems[:1000] if failed else [],
        "template_form": TemplateForm(access),
    }
    return render(request, "responses/operator/import_form.html", context)


@login_required
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    """A background import's progress (the page reloads itself until it ends), then its outcome."""
    _writer(request)
    job = get_object_or_404(ImportJob.objects.select_related("unit", "period"), pk=pk)
    if job.requested_by_id != request.user.pk:
        raise Http404  # a job is its importer's alone
    result, problems = import_jobs.outcome_of(job)
    summary = _summary(result) if result else ""
    context = {"job": job, "problems": problems, "summary": summary, "outcome": job.outcome or {}}
    return render(request, "responses/operator/import_job.html", context)


@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    """The XLSX template of the campaign a unit runs in a period: its headers and allowed codes."""
    form = TemplateForm(_writer(request), request.GET)
    if not form.is_valid():
        raise Http404
    unit, period = form.cleaned_data["unit"], form.cleaned_data["period"]
    try:
        target = importing.resolve_target(unit, period)
    except importing.ImportFailed as error:
        messages.error(request, "; ".join(p.message for p in error.problems))
        return redirect("operator:import")
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(template_xlsx(target), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="templat-impor-{unit.code}-{period.pk}.xlsx"'
    return response


@login_required
def service_codes(request: HttpRequest) -> HttpResponse:
    access = _writer(request)
    form = CodesForm(access, request.POST or None)
    if request.method == "POST" and form.is_valid():
        unit, period = form.cleaned_data["unit"], form.cleaned_data["period"]
        try:
            issued = actions.issue_codes(acting_user(request), unit, period, form.cleaned_data["count"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _codes_csv(issued, unit, period)
    context = {"form": form, "summary": queries.code_summary(access)}
    return render(request, "responses/operator/codes.html", context)


@login_required
def service_codes_download(request: HttpRequest, unit: str, period: int) -> HttpResponse:
    """The unused codes of a unit and period again, for when the first file was lost."""
    unit_obj = access_for(request.user).require_write(get_object_or_404(Unit, code=unit))
    period_obj = get_object_or_404(Period, pk=period)
    unused = ServiceCode.objects.filter(unit=unit_obj, period=period_obj, used_by__isnull=True).order_by(
        "code"
    )
    return _codes_csv(list(unused), unit_obj, period_obj)


@login_required
def service_codes_slips(request: HttpRequest, unit: str, period: int) -> HttpResponse:
    """The unused codes of a unit and period as A4 slips with cut lines, each with the survey's address."""
    unit_obj = access_for(request.user).require_write(get_object_or_404(Unit, code=unit))
    period_obj = get_object_or_404(Period, pk=period)
    unused = ServiceCode.objects.filter(unit=unit_obj, period=period_obj, used_by__isnull=True)
    if not unused.exists():
        raise Http404  # nothing left to print
    link = unit_link_of_period(unit_obj, period_obj.pk)
    url = absolute_url(public_path(link), request) if link else None
    pdf = codes.slips_pdf(
        list(unused.order_by("code").values_list("code", flat=True)), unit_obj, period_obj, url
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="slip-kode-{unit_obj.code}-{period_obj.pk}.pdf"'
    return response


def _codes_csv(issued: list[ServiceCode], unit: Unit, period: Period) -> HttpResponse:
    response = HttpResponse(codes.as_csv(issued, unit, period), content_type="text/csv; charset=utf-8")
    filename = f"kode-layanan-{unit.code}-{period.pk}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _writer(request: HttpRequest) -> Access:
    """The user's access, if they may change something somewhere; read-only users get 403."""
    access = access_for(request.user)
    if not access.writable_units().exists():
        raise PermissionDenied
    return access


def _next(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure())
    return target if target and safe else default


def _summary(result: importing.Result) -> str:
    text = _("%(stored)s baris tersimpan; %(skipped)s baris dilewati karena sudah pernah diimpor.") % {
        "stored": result.stored,
        "skipped": result.skipped,
    }
    if result.blanks:
        counts = ", ".join(f"{name} {n}" for name, n in result.blanks)
        text += " " + _("Baris yang mengosongkan unsur (tidak dihitung dalam NRR unsur itu): %(counts)s.") % {
            "counts": counts
        }
    return text
