"""Forms of the operator pages: list filters, review, paper entry, import and service codes."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sikap.accounts.access import Access
from sikap.instruments.models import Element, Field, Instrument, InstrumentVersion
from sikap.lib import uploads
from sikap.organisation.models import Period, Service, Unit
from sikap.responses.codes import MAX_PER_BATCH
from sikap.responses.models import Submission
from sikap.responses.queries import Filters
from sikap.responses.validation import NA_CODE, answer_name, is_na, merged_fields

ALL = [("", _("Semua"))]


class FilterForm(forms.Form):
    """The response list's filters, read from the query string."""

    unit = forms.ModelChoiceField(Unit.objects.none(), label=_("Unit (dengan sub-unit)"), required=False)
    period = forms.ModelChoiceField(Period.objects.all(), label=_("Periode"), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=ALL + Submission.Status.choices, required=False)
    channel = forms.ChoiceField(label=_("Kanal"), choices=ALL + Submission.Channel.choices, required=False)
    verified = forms.ChoiceField(
        label=_("Kode layanan"),
        choices=[*ALL, ("1", _("Terverifikasi")), ("0", _("Tidak terverifikasi"))],
        required=False,
    )
    q = forms.CharField(label=_("Cari dalam saran/pengaduan"), required=False, max_length=100)

    def __init__(self, access: Access, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = access.units().order_by("path")  # type: ignore[attr-defined]

    def filters(self) -> Filters:
        if not self.is_valid():
            return Filters()
        data = self.cleaned_data
        verified = {"1": True, "0": False}.get(data["verified"])
        return Filters(
            data["unit"], data["period"], data["status"], data["channel"], verified, data["q"].strip()
        )


class ReviewForm(forms.Form):
    """An operator's decision on one submission; the reason is required and goes to the audit trail."""

    decision = forms.ChoiceField(
        label=_("Keputusan"), choices=[("accept", _("Terima")), ("reject", _("Tolak"))]
    )
    reason = forms.CharField(
        label=_("Alasan"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2, "cols": 40})
    )


class PaperForm(forms.Form):
    """The facts of a paper questionnaire besides its answers: service, date, and the idempotency key."""

    key = forms.UUIDField(widget=forms.HiddenInput)
    service = forms.ModelChoiceField(Service.objects.none(), label=_("Layanan"), required=False)
    answered_on = forms.DateField(
        label=_("Tanggal pengisian"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, period: Period, services: Sequence[Service], *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"key": uuid.uuid4(), "answered_on": _default_day(period)})
        super().__init__(*args, **kwargs)
        self.period = period
        service_field = self.fields["service"]
        service_field.queryset = Service.objects.filter(pk__in=[s.pk for s in services])  # type: ignore[attr-defined]
        service_field.required = bool(services)

    def clean_answered_on(self) -> datetime.date:
        day: datetime.date = self.cleaned_data["answered_on"]
        if not self.period.start <= day <= self.period.end:
            raise forms.ValidationError(
                _("Tanggal harus di dalam periode %(period)s (%(start)s s.d. %(end)s)."),
                params={"period": self.period.name, "start": self.period.start, "end": self.period.end},
            )
        if day > timezone.localdate():
            raise forms.ValidationError(_("Tanggal pengisian tidak boleh di masa depan."))
        return day


def _default_day(period: Period) -> datetime.date:
    return min(max(timezone.localdate(), period.start), period.end)


class ImportForm(forms.Form):
    unit = forms.ModelChoiceField(Unit.objects.none(), label=_("Unit"))
    period = forms.ModelChoiceField(Period.objects.all(), label=_("Periode"))
    service = forms.CharField(
        label=_("Layanan (untuk baris tanpa kolom layanan)"),
        required=False,
        max_length=200,
        help_text=_("Nama layanan persis seperti di katalog unit. Boleh kosong."),
    )
    instruments = forms.MultipleChoiceField(
        label=_("Instrumen"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kosongkan untuk mengimpor setiap instrumen yang kolom unsurnya ada di berkas."),
    )
    file = forms.FileField(
        label=_("Berkas XLSX atau CSV"),
        help_text=_(
            "Baris pertama berisi judul kolom: kode unsur (U1..U9, K1..K8, A1..A5), tanggal, "
            "layanan, usia, jenis_kelamin, pendidikan, pekerjaan, saran, pengaduan."
        ),
    )

    def __init__(self, access: Access, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = access.writable_units().order_by("path")  # type: ignore[attr-defined]
        codes = Instrument.objects.order_by("code").values_list("code", flat=True)
        self.fields["instruments"].choices = [(c, c) for c in codes]  # type: ignore[attr-defined]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        uploads.check_size(upload, "import")  # before anything reads it
        return upload


class TemplateForm(forms.Form):
    """Which unit and period an import template is for (its campaign decides the instruments)."""

    unit = forms.ModelChoiceField(Unit.objects.none(), label=_("Unit"))
    period = forms.ModelChoiceField(Period.objects.all(), label=_("Periode"))

    def __init__(self, access: Access, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "templat")
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = access.writable_units().order_by("path")  # type: ignore[attr-defined]


class CodesForm(forms.Form):
    unit = forms.ModelChoiceField(Unit.objects.none(), label=_("Unit"))
    period = forms.ModelChoiceField(Period.objects.all(), label=_("Periode"))
    count = forms.IntegerField(label=_("Jumlah kode"), min_value=1, max_value=MAX_PER_BATCH, initial=100)

    def __init__(self, access: Access, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = access.writable_units().order_by("path")  # type: ignore[attr-defined]


# The answer sheet of the paper form: plain inputs named as clean_submission reads them ------------


@dataclass
class ScoreInput:
    name: str
    element: Element
    low: int
    high: int
    value: str = ""
    error: str = ""
    importance: ScoreInput | None = None
    # Where the element allows "tidak berlaku / tidak tahu": a box posting `na_code` under the same name.
    allow_na: bool = False
    na_checked: bool = False
    na_code: str = NA_CODE


@dataclass
class Block:
    version: InstrumentVersion
    inputs: list[ScoreInput] = field(default_factory=list)


@dataclass
class FieldInput:
    spec: Field
    value: str = ""
    error: str = ""

    @property
    def name(self) -> str:
        return self.spec.code

    @property
    def choices(self) -> list[str]:
        return [str(choice[0]) for choice in self.spec.choices]

    @property
    def options(self) -> list[tuple[str, str]]:
        """(value, label) in the defined order, labels in the reader's language."""
        return self.spec.options()


def answer_sheet(
    versions: Sequence[InstrumentVersion], data: Mapping[str, Any], errors: Mapping[str, str]
) -> tuple[list[Block], list[FieldInput]]:
    """The inputs of a paper form for a bundle, with what was entered and the error of each kept."""

    def score(name: str, element: Element, version: InstrumentVersion, low: int) -> ScoreInput:
        getlist = getattr(data, "getlist", None)
        posted = [str(v) for v in (getlist(name) if getlist else [data.get(name, "")]) if v is not None]
        number = next((v for v in posted if not is_na(v)), "")
        cell = ScoreInput(name, element, low, version.scale_max, number, errors.get(name, ""))
        cell.na_checked = any(is_na(v) for v in posted)
        return cell

    blocks = []
    for version in versions:
        block = Block(version)
        for element in version.elements.all():
            name = answer_name(version, element)
            cell = score(name, element, version, version.scale_min)
            cell.allow_na = element.allow_na
            if element.ask_importance:
                cell.importance = score(f"{name}-imp", element, version, max(1, version.scale_min))
            block.inputs.append(cell)
        blocks.append(block)
    fields = [
        FieldInput(spec, str(data.get(spec.code, "")), errors.get(spec.code, ""))
        for spec in merged_fields(versions)
    ]
    return blocks, fields
