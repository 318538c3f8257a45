"""An instrument, and a draft version's settings with one label input per scale point."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from sikap.indices import methods
from sikap.instruments.forms.points import add_point_fields, point_labels, point_rows
from sikap.instruments.models import Instrument, InstrumentVersion

SCALE_LIMIT = 10  # the database bounds a stored answer to 0..10


def method_choices() -> list[tuple[str, Any]]:
    """The registered index methods an instrument may name, by their readable label."""
    allowed = set(Instrument.Method.values)
    return [(code, label) for code, label in methods.choices() if code in allowed]


class InstrumentForm(forms.ModelForm):
    method = forms.ChoiceField(label=_("Metode indeks"))

    class Meta:
        model = Instrument
        fields = ["code", "name", "name_en", "method"]
        help_texts = {
            "code": _("Huruf, angka, - atau _, misalnya SKM atau ILK. Dipakai di nama isian formulir.")
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["method"]).choices = method_choices()
        if self.instance.pk:
            # The code names every stored answer's form input and export column: it never changes.
            self.fields["code"].disabled = True


class VersionForm(forms.ModelForm):
    """A draft's settings. The label inputs follow the stored scale; a changed scale keeps each point's
    label and shows the new points to fill."""

    scale_min = forms.IntegerField(label=_("Skala terendah"), min_value=0, max_value=SCALE_LIMIT - 1)
    scale_max = forms.IntegerField(label=_("Skala tertinggi"), min_value=1, max_value=SCALE_LIMIT)
    method = forms.ChoiceField(label=_("Metode indeks"))

    class Meta:
        model = InstrumentVersion
        fields = [
            *("title", "title_en", "regulation", "intro", "intro_en"),
            *("scale_min", "scale_max", "display", "method"),
        ]
        widgets = {"intro": forms.Textarea(attrs={"rows": 3}), "intro_en": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["method"]).choices = methods.choices()
        self.fields["display"].widget = forms.RadioSelect(choices=InstrumentVersion.Display.choices)
        version = self.instance
        self.points = list(version.points)
        add_point_fields(self, self.points, version.scale_labels, version.scale_labels_en)

    def point_rows(self) -> list[tuple[int, Any, Any]]:
        return point_rows(self, self.points)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        low, high = data.get("scale_min"), data.get("scale_max")
        if low is not None and high is not None and high <= low:
            self.add_error("scale_max", _("Skala tertinggi harus lebih besar dari skala terendah."))
            return data
        new_points = list(range(low, high + 1)) if low is not None and high is not None else self.points
        same = new_points == self.points
        labels, english = point_labels(self, self.points, all_or_none=same)
        if not same:  # each point keeps its label; new points start blank, to fill on the next page
            by_point = dict(zip(self.points, labels, strict=False))
            by_point_en = dict(zip(self.points, english, strict=False))
            labels = [by_point.get(p, "") for p in new_points] if labels else []
            english = [by_point_en.get(p, "") for p in new_points] if english else []
        self.labels = labels, english
        return data

    def changes(self) -> dict[str, Any]:
        """The settings to give `update_draft` (call after `is_valid`)."""
        labels, english = self.labels
        changes = {name: self.cleaned_data[name] for name in self.Meta.fields}
        return changes | {"scale_labels": labels, "scale_labels_en": english}
