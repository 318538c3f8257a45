"""Forms of the report settings: the ministry's letterhead and a unit's signer."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sikap.reports.logo import validate_logo


class LetterheadForm(forms.Form):
    ministry_name = forms.CharField(
        label=_("Nama kementerian"), max_length=200, help_text=_("Misalnya Kementerian Hukum.")
    )
    ministry_name_en = forms.CharField(
        label=_("Nama kementerian (Inggris)"),
        max_length=200,
        required=False,
        help_text=_("Dipakai pada laporan berbahasa Inggris; kosong = nama dalam bahasa Indonesia."),
    )
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        validators=[validate_logo],
        help_text=_("PNG, JPEG atau SVG, paling besar 1 MB. Kosongkan untuk tetap memakai logo sekarang."),
        widget=forms.FileInput(attrs={"accept": ".png,.jpg,.jpeg,.svg"}),
    )
    remove_logo = forms.BooleanField(label=_("Hapus logo"), required=False)


class SignerForm(forms.Form):
    name = forms.CharField(label=_("Nama penanda tangan"), max_length=200)
    nip = forms.CharField(label=_("NIP"), max_length=24, help_text=_("Nomor Induk Pegawai, 18 angka."))
    position = forms.CharField(
        label=_("Jabatan"), max_length=200, help_text=_("Misalnya Kepala Kantor Wilayah Jawa Barat.")
    )
    place = forms.CharField(label=_("Tempat"), max_length=100, help_text=_("Misalnya Bandung."))
