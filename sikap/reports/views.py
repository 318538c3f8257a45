"""Report pages: choose a report for a unit, get it now (one unit) or follow its background job (subtree);
the job pages serve report and export jobs alike."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from sikap.accounts.access import Use, access_for
from sikap.audit.actors import acting_user
from sikap.indices.queries import default_period
from sikap.indices.views import ROLLUP_KINDS
from sikap.lib import evidence
from sikap.organisation.models import Period, Service, Unit
from sikap.reports import actions, letterhead
from sikap.reports.documents import INLINE_KINDS, build
from sikap.reports.documents.common import ReportError
from sikap.reports.forms import LetterheadForm, SignerForm
from sikap.reports.models import ReportJob
from sikap.reports.tasks import request_report

RECENT_JOBS = 10
K, F = ReportJob.Kind, ReportJob.Format
REPORT_KINDS = [
    (K.SKM.value, K.SKM.label),
    (K.SPKP_SPAK.value, K.SPKP_SPAK.label),
    ("integritas", _("Laporan survei integritas internal")),
    ("ilk", _("Laporan ILK (Indeks Layanan Kesekretariatan)")),
]
REPORT_FORMATS = [(F.PDF.value, F.PDF.label), (F.XLSX.value, F.XLSX.label)]


class ReportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis laporan"), choices=REPORT_KINDS)
    format = forms.ChoiceField(label=_("Format"), choices=REPORT_FORMATS)
    period = forms.ModelChoiceField(label=_("Periode"), queryset=Period.objects.all(), empty_label=None)
    service = forms.ModelChoiceField(
        label=_("Jenis layanan"),
        queryset=Service.objects.none(),
        required=False,
        empty_label=_("Semua layanan"),
    )
    subtree = forms.BooleanField(
        label=_("Sertakan semua unit di bawahnya (dibuat di latar belakang)"), required=False
    )
    language = forms.ChoiceField(
        label=_("Bahasa laporan"),
        choices=[("id", _("Bahasa Indonesia")), ("en", _("English"))],
        required=False,
        help_text=_("Laporan resmi disusun dalam bahasa Indonesia; versi bahasa Inggris untuk mitra asing."),
    )

    def __init__(self, unit: Unit, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["service"].queryset = Service.objects.filter(unit=unit).order_by("-year", "name")  # type: ignore[attr-defined]
        self.fields["period"].initial = default_period()
        # The reader's language unless they choose otherwise.
        self.fields["language"].initial = (
            "en" if (translation.get_language() or "").startswith("en") else "id"
        )
        if not unit.children.exists():
            del self.fields["subtree"]
        else:
            self.fields["subtree"].initial = unit.kind in ROLLUP_KINDS


@login_required
@require_http_methods(["GET", "POST"])
def report_page(request: HttpRequest, code: str) -> HttpResponse:
    unit = access_for(request.user).require_view(get_object_or_404(Unit, code=code))
    form = ReportForm(unit, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        choice = {"kind": data["kind"], "fmt": data["format"], "unit": unit, "period": data["period"]}
        if data.get("subtree") and data["service"] is None and data["kind"] not in INLINE_KINDS:
            job = request_report(
                request.user,
                subtree=True,
                language=data["language"] or translation.get_language() or "id",
                **choice,
            )
            return redirect("report_job", pk=job.pk)
        try:
            built = build(
                **choice,
                service=data["service"],
                subtree=bool(data.get("subtree")) and data["kind"] in INLINE_KINDS,
                language=data["language"] or translation.get_language() or "id",
            )
        except ReportError as error:
            form.add_error(None, str(error))
        else:
            response = HttpResponse(built.content, content_type=built.content_type)
            response["Content-Disposition"] = f'attachment; filename="{built.filename}"'
            return response
    jobs = (
        ReportJob.objects.filter(unit=unit).exclude(kind=K.RESPONSES).select_related("period")[:RECENT_JOBS]
    )
    context = {"unit": unit, "form": form, "jobs": jobs, "signer": letterhead.signer_of(unit)}
    return render(request, "reports/report_form.html", context)


def _visible_job(request: HttpRequest, pk: int) -> ReportJob:
    job = get_object_or_404(ReportJob.objects.select_related("unit", "period", "service"), pk=pk)
    access_for(request.user).require_view(job.unit)
    if job.is_export and job.requested_by_id != request.user.pk:
        raise Http404  # respondents' data: only for the user who exported it (and audited as theirs)
    return job


@login_required
@require_GET
def job_page(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "reports/report_job.html", {"job": _visible_job(request, pk)})


@login_required
@require_GET
def job_file(request: HttpRequest, pk: int) -> FileResponse:
    job = _visible_job(request, pk)
    if job.status != ReportJob.Status.DONE or not job.file:
        raise Http404
    name = job.file.name.rsplit("/", 1)[-1]
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=name)


@login_required
@require_http_methods(["GET", "POST"])
def letterhead_page(request: HttpRequest) -> HttpResponse:
    """The ministry's name and logo on report covers: central admins only (others: no such page)."""
    if not access_for(request.user).may(Use.CENTRAL):
        raise Http404
    current = letterhead.current()
    initial = {"ministry_name": getattr(current, "ministry_name", ""), "ministry_name_en": ""}
    initial["ministry_name_en"] = getattr(current, "ministry_name_en", "")
    form = LetterheadForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.set_letterhead(acting_user(request), **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Kop laporan disimpan."))
            return redirect("report_letterhead")
    return render(request, "reports/letterhead_form.html", {"form": form, "letterhead": current})


@login_required
@require_GET
def letterhead_logo(request: HttpRequest) -> FileResponse:
    """The stored logo, for the settings page's preview (it is on every report, so any signed-in user)."""
    current = letterhead.current()
    if current is None or not current.logo:
        raise Http404
    response = evidence.download(current.logo)
    response["Content-Disposition"] = "inline"
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def signer_page(request: HttpRequest, code: str) -> HttpResponse:
    """Who signs the unit's reports: seen by whoever sees the unit, changed by those who may write it."""
    access = access_for(request.user)
    unit = access.require_view(get_object_or_404(Unit, code=code))
    signer = letterhead.signer_of(unit)
    initial = {f: getattr(signer, f) for f in ("name", "nip", "position", "place")} if signer else {}
    form = SignerForm(request.POST or None, initial=initial)
    if request.method == "POST":
        access.require_write(unit)
        if form.is_valid():
            try:
                actions.set_signer(acting_user(request), unit, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Penanda tangan laporan disimpan."))
                return redirect("report_unit", code=unit.code)
    context = {"unit": unit, "form": form, "signer": signer, "can_write": access.can_write(unit)}
    return render(request, "reports/signer_form.html", context)
