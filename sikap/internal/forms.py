"""Forms of the roster pages: the period chooser, the import upload and the headcount override."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sikap.accounts.access import Access
from sikap.instruments.models import InstrumentVersion
from sikap.internal.importing import MAX_ROWS
from sikap.internal.invitations import LOCKED_FIELDS
from sikap.internal.models import MIN_K, InternalSettings
from sikap.lib import uploads
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
        ) % {"rows": f"{MAX_ROWS:,}".replace(",", "."), "mb": uploads.megabytes(uploads.max_bytes("import"))}

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        uploads.check_size(upload, "import")
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


class InternalSettingsForm(forms.ModelForm):
    """An internal campaign's settings; the anonymity ones are shown but cannot change once locked."""

    class Meta:
        model = InternalSettings
        fields = [
            "k",
            "reminder_days",
            "target",
            "target_percent",
            "integrity_profile",
            "free_text_in_exports",
        ]

    def __init__(self, *args: Any, locked: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reminder_days"].widget.attrs["max"] = 90
        self.fields["k"].widget.attrs["min"] = MIN_K
        if locked:
            for name in LOCKED_FIELDS:
                self.fields[name].disabled = True

    def changed_fields(self) -> list[str]:
        return [name for name in self.changed_data if not self.fields[name].disabled]

    def clean_k(self) -> int:
        k = self.cleaned_data["k"]
        if k is None or k < MIN_K or k > 100:
            raise forms.ValidationError(
                gettext("Ambang anonimitas harus %(min)s sampai 100.") % {"min": MIN_K}
            )
        return int(k)

    def clean_reminder_days(self) -> int:
        days = self.cleaned_data["reminder_days"]
        if days is None or days > 90:
            raise forms.ValidationError(gettext("Jarak pengingat 0 sampai 90 hari."))
        return int(days)


class VersionChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.instrument.code} v{obj.number} — {obj.display_title()}"


class InternalCampaignForm(forms.Form):
    """A new internal campaign: its name, period, instruments and the units whose rosters it invites."""

    name = forms.CharField(label=_("Nama kampanye"), max_length=200)
    period = forms.ModelChoiceField(label=_("Periode"), queryset=Period.objects.order_by("-start"))
    versions = VersionChoices(
        label=_("Instrumen"),
        queryset=InstrumentVersion.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Versi terbit; dijawab berurutan dalam satu kunjungan."),
    )
    units = forms.ModelMultipleChoiceField(
        label=_("Unit"), queryset=Unit.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, units: list[Unit], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        versions = self.fields["versions"]
        assert isinstance(versions, forms.ModelMultipleChoiceField)
        versions.queryset = (
            InstrumentVersion.objects.published()
            .exclude(status=InstrumentVersion.Status.RETIRED)
            .select_related("instrument")
            .order_by("instrument__order", "instrument__code", "-number")
        )
        chosen = self.fields["units"]
        assert isinstance(chosen, forms.ModelMultipleChoiceField)
        chosen.queryset = Unit.objects.filter(pk__in=[u.pk for u in units]).order_by("path")
