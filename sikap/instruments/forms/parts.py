"""A draft's parts: an element (with optional labels per point), and a profile or feedback field with its
options (one row each: value, Indonesian and English label, other ways of writing it) and bands."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sikap.instruments.forms.points import add_point_fields, point_labels, point_rows
from sikap.instruments.models import Element, Field, InstrumentVersion
from sikap.instruments.profile import CATEGORY_MAX, band_errors

ROWS_MAX = 60  # options or bands one field may have; more rows than this are refused, not stored
VALUE_LIMIT = 10**9  # a profile number's bounds (an age, a count): far beyond any real answer
# Names the public form already uses for its own inputs: a field may not take them.
RESERVED_CODES = frozenset({"service", "service_code", "key", "start", "kiosk", "csrfmiddlewaretoken"})
element_code = RegexValidator(
    r"^[A-Za-z0-9_]+$", gettext_lazy("Pakai huruf, angka atau _ saja, misalnya U1 atau K3.")
)
field_code = RegexValidator(
    r"^[a-z][a-z0-9_]*$", gettext_lazy("Pakai huruf kecil, angka atau _, diawali huruf, misalnya usia.")
)


class ElementForm(forms.ModelForm):
    """An element; its label inputs override the version's default labels when any is filled."""

    weight = forms.DecimalField(
        label=gettext_lazy("Bobot"),
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(1),
        max_digits=7,
        decimal_places=6,
        help_text=gettext_lazy("Kosongkan untuk bobot sama; bila diisi, isi semua unsur dan jumlahnya 1."),
    )

    class Meta:
        model = Element
        fields = [
            "code",
            "name",
            "name_en",
            "question",
            "question_en",
            "ask_importance",
            "allow_na",
            "weight",
        ]
        widgets = {
            "question": forms.Textarea(attrs={"rows": 2}),
            "question_en": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, version: InstrumentVersion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.version = version
        self.fields["code"].validators.append(element_code)
        self.points = list(version.points)
        add_point_fields(self, self.points, self.instance.labels, self.instance.labels_en)

    def point_rows(self) -> list[tuple[int, Any, Any]]:
        return point_rows(self, self.points)

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        others = Element.objects.filter(version=self.instance.version, code__iexact=code)
        if others.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                _("Kode %(code)s sudah dipakai unsur lain versi ini.") % {"code": code}
            )
        return code

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        self.instance.labels, self.instance.labels_en = point_labels(self, self.points)
        return data


class FieldForm(forms.ModelForm):
    min_value = forms.IntegerField(
        label=gettext_lazy("Nilai terkecil"), required=False, min_value=-VALUE_LIMIT, max_value=VALUE_LIMIT
    )
    max_value = forms.IntegerField(
        label=gettext_lazy("Nilai terbesar"), required=False, min_value=-VALUE_LIMIT, max_value=VALUE_LIMIT
    )

    class Meta:
        model = Field
        fields = [
            *("code", "section", "kind", "label", "label_en", "required", "min_value", "max_value"),
            *("breakdown", "breakdown_label", "breakdown_label_en"),
        ]

    def __init__(self, *args: Any, version: InstrumentVersion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.version = version
        self.fields["code"].validators.append(field_code)
        self.fields["kind"].widget = forms.RadioSelect(choices=Field.Kind.choices)

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        if code in RESERVED_CODES:
            raise forms.ValidationError(
                _("Kode %(code)s dipakai formulir sendiri; pilih kode lain.") % {"code": code}
            )
        others = Field.objects.filter(version=self.instance.version, code=code).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(
                _("Kode %(code)s sudah dipakai isian lain versi ini.") % {"code": code}
            )
        return code

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        low, high = data.get("min_value"), data.get("max_value")
        if low is not None and high is not None and high < low:
            self.add_error("max_value", _("Nilai terbesar tidak boleh lebih kecil dari nilai terkecil."))
        return data


class OptionForm(forms.Form):
    value = forms.CharField(label=gettext_lazy("Nilai"), max_length=CATEGORY_MAX, required=False)
    label = forms.CharField(label=gettext_lazy("Label"), max_length=200, required=False)
    label_en = forms.CharField(label=gettext_lazy("Label (Inggris)"), max_length=200, required=False)
    synonyms = forms.CharField(
        label=gettext_lazy("Cara lain menulisnya"),
        max_length=500,
        required=False,
        help_text=gettext_lazy("Dipisah koma, misalnya: L, laki, pria"),
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        value, label = data.get("value", "").strip(), data.get("label", "").strip()
        if (value or label or data.get("label_en") or data.get("synonyms")) and not (value and label):
            raise forms.ValidationError(_("Setiap pilihan perlu nilai dan label."))
        return data


class BandForm(forms.Form):
    upper = forms.IntegerField(
        label=gettext_lazy("Di bawah"), required=False, min_value=-VALUE_LIMIT, max_value=VALUE_LIMIT
    )
    label = forms.CharField(label=gettext_lazy("Label kelompok"), max_length=CATEGORY_MAX, required=False)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("upper") is not None and not str(data.get("label", "")).strip():
            raise forms.ValidationError(_("Setiap kelompok perlu label."))
        return data


class Rows(forms.BaseFormSet):
    """Rows of a list; a form posted without its row count (tampered, or cut off) says so plainly."""

    default_error_messages = {
        "missing_management_form": gettext_lazy(
            "Daftar baris tidak terkirim utuh; muat ulang halaman dan isi kembali. Belum ada yang disimpan."
        ),
        "too_many_forms": gettext_lazy("Paling banyak %(num)d baris."),
    }


def _rows(form: type[forms.Form]) -> type[forms.BaseFormSet]:
    return forms.formset_factory(
        form, formset=Rows, extra=2, max_num=ROWS_MAX, absolute_max=ROWS_MAX, validate_max=True
    )


OptionFormSet = _rows(OptionForm)
BandFormSet = _rows(BandForm)


def option_initial(field: Field) -> list[dict[str, str]]:
    english = field.choices_en if isinstance(field.choices_en, dict) else {}
    synonyms: dict[str, list[str]] = {}
    for word, value in (field.synonyms if isinstance(field.synonyms, dict) else {}).items():
        synonyms.setdefault(str(value), []).append(str(word))
    rows = []
    for choice in field.choices:
        value = str(choice[0])
        label = str(choice[1]) if len(choice) > 1 else value
        rows.append(
            {
                "value": value,
                "label": label,
                "label_en": str(english.get(value, "")),
                "synonyms": ", ".join(synonyms.get(value, [])),
            }
        )
    return rows


def band_initial(field: Field) -> list[dict[str, Any]]:
    return [{"upper": upper, "label": label} for upper, label in field.bands]


def rows_of(formset: forms.BaseFormSet) -> list[dict[str, Any]]:
    """The filled rows of a valid formset, in order."""
    return [f.cleaned_data for f in formset.forms if f.cleaned_data and any(f.cleaned_data.values())]


def options_and_bands(
    form: FieldForm, options: forms.BaseFormSet, bands: forms.BaseFormSet
) -> dict[str, Any] | None:
    """The field's choices, choices_en, synonyms and bands from valid row formsets, or None after adding
    the errors to `form` (options only on a choice field, bands only on a number field)."""
    kind, code = form.cleaned_data["kind"], form.cleaned_data["code"]
    found: dict[str, Any] = {"choices": [], "choices_en": {}, "synonyms": {}, "bands": []}
    if kind == Field.Kind.CHOICE:
        seen: dict[str, str] = {}
        for row in rows_of(options):
            value = row["value"].strip()
            if value in seen.values():
                form.add_error(None, _("Nilai pilihan %(v)s tertulis dua kali.") % {"v": value})
            seen[value] = value
            found["choices"].append([value, row["label"].strip()])
            if row["label_en"].strip():
                found["choices_en"][value] = row["label_en"].strip()
            for word in (w.strip() for w in row["synonyms"].split(",")):
                if not word:
                    continue
                if found["synonyms"].get(word, value) != value:
                    form.add_error(None, _("“%(w)s” menunjuk ke dua pilihan.") % {"w": word})
                found["synonyms"][word] = value
        if not found["choices"]:
            form.add_error(None, _("Isian pilihan perlu paling sedikit satu pilihan."))
    if kind == Field.Kind.INTEGER:
        found["bands"] = [
            [row["upper"], row["label"].strip()] for row in rows_of(bands) if row["label"].strip()
        ]
        for error in band_errors(code, kind, found["bands"]):
            form.add_error(None, error)
    return None if form.errors else found
