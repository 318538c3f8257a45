"""Forms of the roster pages: the period chooser, the import upload and the headcount override."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sikap.accounts.access import Access
from sikap.internal.importing import MAX_BYTES, MAX_ROWS
from sikap.organisation.models import Period, Unit


class PeriodForm(forms.Form):
    """Which period the roster list shows (read from the query string)."""

    periode = forms.ModelChoiceField(Period.objects.all(), label=_("Periode"), required=False)


class RosterImportForm(forms.Form):
    period = forms.ModelChoiceField(Period.objects.all(), label=_("Periode"))
    unit = forms.ModelChoiceField(
        Unit.objects.none(),
        label=_("Unit"),
        required=False,
        help_text=_("Kosongkan bila berkas punya kolom unit berisi kode unit tiap baris."),
    )
    file = forms.FileField(label=_("Berkas XLSX atau CSV"))

    def __init__(self, access: Access, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = access.writable_units().order_by("path")  # type: ignore[attr-defined]
        self.fields["file"].help_text = gettext(
            "Satu baris per pegawai, paling banyak %(rows)s baris dan %(mb)s MB. Kolom (semuanya boleh "
            "tidak ada): nama, email, telepon, jenis_jabatan, perspektif, jenis_kelamin, kelompok_usia, "
            "masa_kerja, unit."
        ) % {"rows": f"{MAX_ROWS:,}".replace(",", "."), "mb": MAX_BYTES // 1024 // 1024}

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if (upload.size or 0) > MAX_BYTES:
            raise forms.ValidationError(
                _("Berkas terlalu besar (paling besar %(mb)s MB); bagi berkasnya."),
                params={"mb": MAX_BYTES // 1024 // 1024},
            )
        return upload


class HeadcountForm(forms.Form):
    """An admin's correction of a headcount, or its withdrawal; a reason either way."""

    override = forms.IntegerField(
        label=_("Jumlah pegawai (koreksi)"), min_value=0, max_value=1_000_000, required=False
    )
    reason = forms.CharField(
        label=_("Alasan"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2, "cols": 40})
    )
    clear = forms.BooleanField(
        label=_("Batalkan koreksi (pakai jumlah dalam daftar pegawai)"), required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("clear") and data.get("override") is None and "override" not in self.errors:
            self.add_error("override", _("Isi jumlah pegawai, atau pilih batalkan koreksi."))
        return data
