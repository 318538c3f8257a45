"""Forms of the approval pages; they only collect input, the actions decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class ApproveForm(forms.Form):
    """The approver's confirmation: the warnings the page showed, and that they were read."""

    peringatan = forms.CharField(required=False, widget=forms.HiddenInput)
    sudah_dibaca = forms.BooleanField(
        label=_("Saya telah membaca peringatan di atas dan tetap menyetujui penerbitan."), required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.seen_warnings and not data.get("sudah_dibaca"):
            raise forms.ValidationError(
                _("Centang bahwa Anda telah membaca peringatannya sebelum menyetujui.")
            )
        return data

    @property
    def seen_warnings(self) -> list[str]:
        return [code for code in self.data.get("peringatan", "").split(",") if code]
