"""The export page: choose a scope and a format, get the anonymised responses as a download.

Every role may export what it may read (its unit's subtree), evaluators and leaders included: exporting
is reading. Units outside the user's reach answer 404. Each export is audited.
"""

from __future__ import annotations

import os
import tempfile
from typing import Any, cast

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from sikap.accounts.access import Access, access_for
from sikap.instruments.models import Instrument
from sikap.organisation.models import Period, Unit
from sikap.reports.actions import record_export
from sikap.reports.exports import Export, Scope, statuses
from sikap.reports.exports.jobs import inline_limit, too_large_for_a_request
from sikap.reports.tasks import request_export

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "sav": "application/x-spss-sav",
}


class ExportForm(forms.Form):
    # A plain code, not a ModelChoiceField: a unit outside the user's reach must answer 404, not a form error.
    unit = forms.CharField(label=_("Unit (beserta unit di bawahnya)"), widget=forms.Select)
    period = forms.ModelChoiceField(label=_("Periode"), queryset=Period.objects.all(), empty_label=None)
    instrument = forms.ChoiceField(label=_("Instrumen"), required=False)
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("csv", _("CSV (UTF-8)")), ("xlsx", _("Excel (XLSX)")), ("sav", _("SPSS (.sav)"))],
    )
    with_suspect = forms.BooleanField(label=_("Ikutkan kiriman yang diragukan"), required=False)
    with_rejected = forms.BooleanField(label=_("Ikutkan kiriman yang ditolak"), required=False)
    free_text = forms.BooleanField(
        label=_("Ikutkan saran dan pengaduan"),
        required=False,
        initial=True,
        help_text=_("Teks bebas dapat memuat data pribadi (nama, nomor telepon): bagikan dengan hati-hati."),
    )

    def __init__(self, access: Access, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = access.units().order_by("path").values_list("code", "name")
        self.fields["unit"].widget.choices = list(units)
        codes = [(i.code, i.display_name()) for i in Instrument.objects.order_by("code")]
        cast(forms.ChoiceField, self.fields["instrument"]).choices = [("", _("Semua instrumen")), *codes]

    def scope(self, unit: Unit) -> Scope:
        data = self.cleaned_data
        chosen = statuses(data["with_suspect"], data["with_rejected"])
        return Scope(unit, data["period"], data["instrument"], chosen, data["free_text"])


@login_required
@require_http_methods(["GET", "POST"])
def export_responses(request: HttpRequest) -> HttpResponseBase:
    access = access_for(request.user)
    if request.method == "POST":
        form = ExportForm(access, request.POST)
        if form.is_valid():
            unit = access.require_view(get_object_or_404(Unit, code=form.cleaned_data["unit"]))
            scope, fmt = form.scope(unit), form.cleaned_data["format"]
            record_export(request.user, scope, fmt)
            export = Export(scope)
            if too_large_for_a_request(export, fmt):
                return redirect("report_job", pk=request_export(request.user, scope, fmt).pk)
            return download(export, fmt)
    else:
        form = ExportForm(access, initial={"unit": request.GET.get("unit", "")})
    return render(
        request,
        "reports/export.html",
        {"form": form, "inline_limit": f"{inline_limit():,}".replace(",", ".")},
    )


def download(export: Export, fmt: str) -> HttpResponseBase:
    """CSV streams as it is read; XLSX and .sav are written to a temporary file first, then sent."""
    name = export.scope.filename(fmt)
    if fmt == "csv":
        response = StreamingHttpResponse(export.csv(), content_type=CONTENT_TYPES["csv"])
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    fd, path = tempfile.mkstemp(suffix=f".{fmt}")
    os.close(fd)
    try:
        export.write(fmt, path)
        handle = open(path, "rb")  # noqa: SIM115 - FileResponse closes it when sent
    finally:
        os.unlink(path)  # the open handle keeps the data until the response is sent
    return FileResponse(handle, as_attachment=True, filename=name, content_type=CONTENT_TYPES[fmt])
