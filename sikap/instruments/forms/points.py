"""One text input per scale point (Indonesian and English), turned into the label lists a version or an
element stores ([] when every point is left blank: the version's defaults, or the point's number)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

LABEL_MAX = 100


def add_point_fields(
    form: forms.BaseForm, points: Iterable[int], labels: Sequence[Any], labels_en: Sequence[Any]
) -> None:
    """Add `point_<p>` and `point_<p>_en` inputs, filled from the stored lists (lowest point first)."""
    for index, point in enumerate(points):
        for suffix, stored in (("", labels), ("_en", labels_en)):
            name = f"point_{point}{suffix}"
            form.fields[name] = forms.CharField(
                label=(gettext_lazy("Titik %(p)s (Inggris)") if suffix else gettext_lazy("Titik %(p)s"))
                % {"p": point},
                max_length=LABEL_MAX,
                required=False,
            )
            if isinstance(stored, list | tuple) and index < len(stored):
                form.initial.setdefault(name, str(stored[index] or ""))


def point_rows(form: forms.BaseForm, points: Iterable[int]) -> list[tuple[int, Any, Any]]:
    """(point, Indonesian input, English input) for a template's table."""
    return [(p, form[f"point_{p}"], form[f"point_{p}_en"]) for p in points]


def point_labels(
    form: forms.BaseForm, points: Sequence[int], *, all_or_none: bool = True
) -> tuple[list[str], list[str]]:
    """The Indonesian and English labels entered, each [] when all blank. With `all_or_none`, some points
    labelled and others not is an error on the first blank one."""
    data = form.cleaned_data
    labels = [str(data.get(f"point_{p}", "") or "").strip() for p in points]
    english = [str(data.get(f"point_{p}_en", "") or "").strip() for p in points]
    if all_or_none and any(labels) and not all(labels):
        blank = next(p for p, label in zip(points, labels, strict=True) if not label)
        form.add_error(f"point_{blank}", _("Beri label setiap titik skala, atau kosongkan semuanya."))
    if any(english) and not any(labels):
        first = next(p for p, label in zip(points, english, strict=True) if label)
        form.add_error(f"point_{first}", _("Label Inggris memerlukan label Indonesia untuk titik yang sama."))
    return (labels if any(labels) else []), (english if any(english) else [])
