"""Checking what a respondent (or a paper form, or an imported row) sent against an instrument version.

The same small functions serve the public form, paper entry and file import, so a value is judged by
one rule wherever it comes from. Messages go through gettext: Indonesian first, English when active.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from sikap.instruments.models import Element, Field, InstrumentVersion

FEEDBACK_COLUMNS = {"suggestion", "complaint"}


@dataclass
class Cleaned:
    """Valid values of one submission, and every error keyed by the input name it belongs to."""

    answers: dict[int, dict[int, tuple[int, int | None]]] = field(default_factory=dict)
    profile: dict[str, Any] = field(default_factory=dict)
    feedback: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def answer_values(self) -> dict[int, dict[int, int]]:
        return {v: {e: pair[0] for e, pair in answers.items()} for v, answers in self.answers.items()}


def answer_name(version: InstrumentVersion, element: Element) -> str:
    """The form input name of an element: the instrument code and element code, e.g. SKM-U1."""
    return f"{version.instrument.code}-{element.code}"


def importance_name(version: InstrumentVersion, element: Element) -> str:
    return f"{answer_name(version, element)}-imp"


def clean_score(raw: Any, version: InstrumentVersion, *, required: bool) -> tuple[int | None, str | None]:
    """A score on the version's scale: (value, None), (None, None) if blank and allowed, or (None, error)."""
    text = "" if raw is None else str(raw).strip()
    if text.endswith(".0"):  # spreadsheets turn 4 into 4.0
        text = text[:-2]
    if not text:
        return None, (_("Wajib diisi.") if required else None)
    if not text.lstrip("-").isdigit():
        return None, _("Nilai “%(value)s” bukan angka bulat.") % {"value": text[:20]}
    value = int(text)
    if not version.scale_min <= value <= version.scale_max:
        return None, _("Nilai %(value)s di luar skala %(low)s-%(high)s.") % {
            "value": value,
            "low": version.scale_min,
            "high": version.scale_max,
        }
    return value, None


def clean_field(raw: Any, spec: Field) -> tuple[Any, str | None]:
    """A profile or feedback value checked against its field definition."""
    text = "" if raw is None else str(raw).strip()
    if not text:
        return None, (_("Wajib diisi.") if spec.required else None)
    if spec.kind == Field.Kind.INTEGER:
        if text.endswith(".0"):
            text = text[:-2]
        if not text.isdigit():
            return None, _("Harus berupa angka bulat.")
        value = int(text)
        too_low = spec.min_value is not None and value < spec.min_value
        too_high = spec.max_value is not None and value > spec.max_value
        if too_low or too_high:
            return None, _("Harus antara %(low)s dan %(high)s.") % {
                "low": spec.min_value,
                "high": spec.max_value,
            }
        return value, None
    if spec.kind == Field.Kind.CHOICE:
        # The value itself, or an option's label in either language (a file may say "Male").
        english = spec.choices_en if isinstance(spec.choices_en, dict) else {}
        allowed = {str(label).lower(): str(value) for value, label in english.items()}
        allowed.update({str(choice[-1]).lower(): str(choice[0]) for choice in spec.choices})
        allowed.update({str(choice[0]).lower(): str(choice[0]) for choice in spec.choices})
        if text.lower() not in allowed:
            return None, _("Pilihan “%(value)s” tidak dikenal.") % {"value": text[:30]}
        return allowed[text.lower()], None
    limit = 4000 if spec.kind == Field.Kind.LONG_TEXT else 200
    if len(text) > limit:
        return None, _("Terlalu panjang (paling banyak %(n)s karakter).") % {"n": limit}
    return text, None


def merged_fields(versions: Sequence[InstrumentVersion]) -> list[Field]:
    """The profile and feedback fields of a bundle, each code once (the first version's wins)."""
    seen: dict[str, Field] = {}
    for version in versions:
        for spec in version.fields.all():
            seen.setdefault(spec.code, spec)
    return sorted(seen.values(), key=lambda f: (f.section != Field.Section.PROFILE, f.order, f.code))


def clean_submission(
    versions: Sequence[InstrumentVersion],
    data: Mapping[str, Any],
    *,
    require_answers: bool = True,
    name_of: Callable[[InstrumentVersion, Element], str] = answer_name,
    enforce_required_fields: bool = True,
) -> Cleaned:
    """Check every answer and field of a bundle; collect all errors rather than stopping at the first."""
    cleaned = Cleaned()
    for version in versions:
        answers: dict[int, tuple[int, int | None]] = {}
        for element in version.elements.all():
            name = name_of(version, element)
            value, error = clean_score(data.get(name), version, required=require_answers)
            if error:
                cleaned.errors[name] = error
            importance = None
            if element.ask_importance:
                imp_name = f"{name}-imp"
                importance, error = clean_score(data.get(imp_name), version, required=False)
                if error:
                    cleaned.errors[imp_name] = error
            if value is not None:
                answers[element.pk] = (value, importance)
        cleaned.answers[version.pk] = answers
    for spec in merged_fields(versions):
        if not enforce_required_fields and spec.required:
            spec = Field(
                **{
                    **{f.attname: getattr(spec, f.attname) for f in Field._meta.concrete_fields},
                    "required": False,
                }
            )
        value, error = clean_field(data.get(spec.code), spec)
        if error:
            cleaned.errors[spec.code] = error
        elif value is not None:
            target = cleaned.feedback if spec.section == Field.Section.FEEDBACK else cleaned.profile
            target[spec.code] = value
    if not any(cleaned.answers.values()) and not cleaned.errors:
        cleaned.errors["__all__"] = _("Tidak ada satu pun unsur yang dijawab.")
    return cleaned
