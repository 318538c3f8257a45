"""Forms of the follow-up pages; they only collect input, the actions decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sikap.accounts.models import User
from sikap.followup.evidence import validate_evidence
from sikap.followup.models import FollowUpItem
from sikap.indices.results import ElementStat

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PlanFields(forms.Form):
    """What every item carries: the action, who is responsible, by when, notes, and public display."""

    action = forms.CharField(
        label=_("Rencana aksi"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    owner = forms.CharField(
        label=_("Penanggung jawab"), max_length=200, required=False, help_text=_("Nama pejabat atau jabatan.")
    )
    owner_user = forms.ModelChoiceField(
        queryset=User.objects.none(), label=_("Pengguna penanggung jawab (pilihan)"), required=False
    )
    deadline = forms.DateField(label=_("Tenggat"), widget=DATE)
    notes = forms.CharField(label=_("Catatan"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    public = forms.BooleanField(
        label=_("Tampilkan di daftar publik 'Anda berkata, kami bertindak' setelah selesai"),
        required=False,
        help_text=_("Hanya rencana aksi yang ditampilkan, tidak pernah isi pengaduan atau saran responden."),
    )

    def __init__(self, *args: Any, owners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_user"].queryset = owners  # type: ignore[attr-defined]


class NewItemForm(PlanFields):
    """A new item for an SKM element; a feedback item comes from the inbox (the element is then absent)."""

    element_code = forms.ChoiceField(label=_("Unsur"), choices=())

    field_order = ["element_code"]

    def __init__(self, *args: Any, elements: list[ElementStat] | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if elements is None:
            del self.fields["element_code"]
            return
        self.fields["element_code"].choices = [  # type: ignore[attr-defined]
            (e.code, f"{e.code} {e.name} ({_mean(e.mean)})") for e in elements
        ]


def _mean(value: float | None) -> str:
    return f"{value:.3f}".replace(".", ",") if value is not None else "—"


class EditItemForm(PlanFields):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[c for c in FollowUpItem.Status.choices if c[0] != FollowUpItem.Status.CANCELLED],
    )

    field_order = ["status"]


class EvidenceForm(forms.Form):
    evidence = forms.FileField(
        label=_("Berkas bukti"),
        validators=[validate_evidence],
        help_text=_("PDF, JPG, PNG, DOCX atau XLSX, paling besar 10 MB."),
    )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan pembatalan"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class AnswerForm(forms.Form):
    text = forms.CharField(label=_("Jawaban"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)
