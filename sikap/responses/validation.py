"""Checking what a respondent (or a paper form, or an imported row) sent against an instrument version.

The same small functions serve the public form, paper entry and file import, so a value is judged by
one rule wherever it comes from. Messages go through gettext: Indonesian first, English when active.

An element's answer is a score on its version's scale (0-5 is as valid as 1-4) or, only where the
element allows it, "tidak berlaku / tidak tahu" (not applicable / don't know): cleaned as the value
None, stored as `Answer.not_applicable`, and never a score.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from sikap.instruments.models import Element, Field, InstrumentVersion
from sikap.lib.inputs import LONG_TEXT_MAX as LONG_TEXT_MAX
from sikap.lib.inputs import TEXT_MAX as TEXT_MAX
from sikap.lib.inputs import clean_text, parse_integer, printable

FEEDBACK_COLUMNS = {"suggestion", "complaint"}


# What the form posts, exports write and imports read for "not applicable / don't know".
NA_CODE = "TT"
# Accepted spellings of it (compared in lower case with spaces normalised), from forms and files.
NA_CODES = frozenset(
    {"tt", "n/a", "na", "tidak tahu", "tidak berlaku", "tidak berlaku/tidak tahu", "tidak tahu/tidak berlaku"}
)


def is_na(raw: Any) -> bool:
    """Whether a cell or posted value means "not applicable / don't know" (any accepted spelling)."""
    if raw is None:
        return False
    text = " ".join(str(raw).split()).lower().replace(" / ", "/")
    return text in NA_CODES


@dataclass
class Cleaned:
    """Valid values of one submission, and every error keyed by the input name it belongs to."""

    # version id -> element id -> (score, importance); score None = "not applicable / don't know"
    answers: dict[int, dict[int, tuple[int | None, int | None]]] = field(default_factory=dict)
    profile: dict[str, Any] = field(default_factory=dict)
    feedback: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def answer_values(self) -> dict[int, dict[int, int]]:
        """The scores per version (answers "not applicable" left out: they are no score)."""
        return {
            v: {e: pair[0] for e, pair in answers.items() if pair[0] is not None}
            for v, answers in self.answers.items()
        }


def answer_name(version: InstrumentVersion, element: Element) -> str:
    """The form input name of an element: the instrument code and element code, e.g. SKM-U1."""
    return f"{version.instrument.code}-{element.code}"


def importance_name(version: InstrumentVersion, element: Element) -> str:
    return f"{answer_name(version, element)}-imp"


def clean_score(
    raw: Any,
    version: InstrumentVersion,
    *,
    required: bool,
    element: Element | None = None,
    low: int | None = None,
) -> tuple[int | None, str | None]:
    """A score on the version's scale: (value, None), (None, None) if blank and allowed, or (None, error).

    With `element` a value off the scale is refused naming the element; `low` raises the scale's lower
    end (importance is asked from 1 even where a scale starts at 0).
    """
    text = "" if raw is None else str(raw).strip()
    if text.endswith(".0"):  # spreadsheets turn 4 into 4.0
        text = text[:-2]
    if not text:
        return None, (_("Wajib diisi.") if required else None)
    value = parse_integer(text)
    if value is None:
        return None, _("Nilai “%(value)s” bukan angka bulat.") % {"value": printable(text[:20])}
    bottom = version.scale_min if low is None else max(low, version.scale_min)
    if not bottom <= value <= version.scale_max:
        values = {"value": value, "low": bottom, "high": version.scale_max}
        if element is not None:
            message = _("Unsur %(code)s (%(name)s): nilai %(value)s di luar skala %(low)s-%(high)s.")
            return None, message % {**values, "code": element.code, "name": element.display_name()}
        return None, _("Nilai %(value)s di luar skala %(low)s-%(high)s.") % values
    return value, None


def clean_answer(
    raw: Any, version: InstrumentVersion, element: Element, *, required: bool, name_element: bool = True
) -> tuple[int | None, bool, str | None]:
    """An element's answer: (score, False, None), (None, True, None) for "not applicable / don't know"
    where the element allows it, (None, False, None) if blank and allowed, or (None, False, error)."""
    if is_na(raw):
        if element.allow_na:
            return None, True, None
        message = _(
            "Unsur %(code)s (%(name)s) tidak menyediakan jawaban “tidak berlaku / tidak tahu”; "
            "isi nilai %(low)s-%(high)s."
        )
        values = {"code": element.code, "name": element.display_name()}
        return None, False, message % {**values, "low": version.scale_min, "high": version.scale_max}
    value, error = clean_score(raw, version, required=required, element=element if name_element else None)
    return value, False, error


def answer_input(data: Mapping[str, Any], name: str) -> tuple[Any, str | None]:
    """The posted answer of one element. Paper entry posts a number and a "TT" box under one name: both
    filled is refused rather than one of them silently winning."""
    getlist = getattr(data, "getlist", None)
    if getlist is None:
        return data.get(name), None
    values = [v for v in getlist(name) if str(v).strip()]
    if len(values) > 1:
        return None, _("Isi nilai atau pilih “tidak berlaku / tidak tahu”, jangan keduanya.")
    return (values[0] if values else None), None


def clean_field(raw: Any, spec: Field) -> tuple[Any, str | None]:
    """A profile or feedback value checked against its field definition."""
    text = "" if raw is None else str(raw).strip()
    if not text:
        return None, (_("Wajib diisi.") if spec.required else None)
    if spec.kind == Field.Kind.INTEGER:
        if text.endswith(".0"):
            text = text[:-2]
        value = parse_integer(text)
        if value is None or value < 0:
            return None, _("Harus berupa angka bulat.")
        too_low = spec.min_value is not None and value < spec.min_value
        too_high = spec.max_value is not None and value > spec.max_value
        if too_low or too_high:
            return None, _("Harus antara %(low)s dan %(high)s.") % {
                "low": spec.min_value,
                "high": spec.max_value,
            }
        return value, None
    if spec.kind == Field.Kind.CHOICE:
        found = choice_inputs(spec).get(choice_key(text))
        if found is None:
            values = ", ".join(str(choice[0]) for choice in spec.choices)
            message = _("Pilihan “%(value)s” tidak dikenal; pilih salah satu: %(values)s.")
            return None, message % {"value": printable(text[:30]), "values": values}
        return found, None
    return clean_text(text, long=spec.kind == Field.Kind.LONG_TEXT)


def choice_key(text: str) -> str:
    """How an option is compared: spaces normalised, case ignored ("laki  LAKI" = "Laki Laki")."""
    return " ".join(text.split()).casefold()


def choice_inputs(spec: Field) -> dict[str, str]:
    """Every accepted way of writing an option of a choice field -> the option's value, keyed by
    `choice_key`: the field's synonyms (codes and words of paper forms: L, S1, SWASTA), an option's
    label in either language ("Male"), and the value itself, each later one winning a clash."""
    values = {str(choice[0]) for choice in spec.choices}
    found: dict[str, str] = {}
    synonyms = spec.synonyms if isinstance(spec.synonyms, dict) else {}
    found.update({choice_key(str(w)): str(v) for w, v in synonyms.items() if str(v) in values})
    english = spec.choices_en if isinstance(spec.choices_en, dict) else {}
    found.update({choice_key(str(label)): str(v) for v, label in english.items() if str(v) in values})
    found.update({choice_key(str(choice[-1])): str(choice[0]) for choice in spec.choices})
    found.update({choice_key(str(choice[0])): str(choice[0]) for choice in spec.choices})
    return found


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
    name_elements: bool = True,
) -> Cleaned:
    """Check every answer and field of a bundle; collect all errors rather than stopping at the first.

    `name_elements=False` leaves the element out of a score's message (an import names its column).
    """
    cleaned = Cleaned()
    for version in versions:
        answers: dict[int, tuple[int | None, int | None]] = {}
        for element in version.elements.all():
            name = name_of(version, element)
            raw, error = answer_input(data, name)
            value, na, error = (
                (None, False, error)
                if error
                else clean_answer(raw, version, element, required=require_answers, name_element=name_elements)
            )
            if error:
                cleaned.errors[name] = error
            importance = None
            # Importance pairs with a score: an answer "not applicable" keeps none (it has no pair).
            if element.ask_importance and not na:
                imp_name = f"{name}-imp"
                importance, error = clean_score(data.get(imp_name), version, required=False, low=1)
                if error:
                    cleaned.errors[imp_name] = error
            if value is not None or na:
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
