"""The F-01 page's fields: one input per question of an indicator (`Indicator.questions`), read back
into the answers `save_self_assessment` takes, and shown as rows for the evaluator."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from sikap.lib.inputs import parse_integer, refuse_control
from sikap.pekppp.models import Indicator

MAX_TEXT = 4000


def field_name(indicator: Indicator, key: str) -> str:
    return f"q-{indicator.code}-{key}"


def _read(question: Mapping[str, Any], values: list[str]) -> Any:
    kind, options = question.get("kind"), question.get("options") or []
    raw = values[-1].strip() if values else ""
    if kind == "checklist":
        return [o for o in options if o in values]
    if raw == "":
        return None
    if kind == "yes_no":
        return {"ya": True, "tidak": False}.get(raw)
    if kind in ("number", "choice"):
        number = parse_integer(raw)
        if number is None or not 0 <= number < 1_000_000:
            return None
        return number if kind == "number" or number < len(options) else None
    return refuse_control(raw[:MAX_TEXT], label=str(question.get("label") or question.get("key") or ""))


def read_answers(indicators: Iterable[Indicator], data: Any) -> dict[str, dict[str, Any]]:
    """The posted answers per indicator code; a value that does not fit its question is left empty."""
    answers: dict[str, dict[str, Any]] = {}
    for indicator in indicators:
        given = {}
        for question in indicator.questions:
            value = _read(question, data.getlist(field_name(indicator, question["key"])))
            if value not in (None, []):
                given[question["key"]] = value
        note = refuse_control(
            (data.get(f"q-{indicator.code}-catatan") or "").strip()[:MAX_TEXT],
            label=f"{indicator.code} catatan",
        )
        if note:
            given["catatan"] = note
        answers[indicator.code] = given
    return answers


@dataclass(frozen=True)
class Row:
    """One question with its input name and the answer given (for the form and for reading)."""

    key: str
    kind: str
    label: str
    name: str
    options: list[tuple[int, str, bool]]  # (index, text, chosen)
    value: Any
    shown: str


def _shown(kind: str, options: list[str], value: Any) -> str:
    if value is None or value == []:
        return "—"
    if kind == "yes_no":
        return str(_("Ya") if value is True else _("Tidak"))
    if kind == "choice" and isinstance(value, int) and 0 <= value < len(options):
        return f"{value}: {options[value]}"
    if kind == "checklist" and isinstance(value, list):
        return "; ".join(map(str, value))
    return str(value)


def rows(indicator: Indicator, answers: Mapping[str, Any]) -> list[Row]:
    """The indicator's questions with the answers given."""
    found = []
    for q in indicator.questions:
        options = list(q.get("options") or [])
        value = answers.get(q["key"])
        if q.get("kind") == "checklist":
            chosen = [i for i, o in enumerate(options) if isinstance(value, list) and o in value]
        else:
            chosen = [value] if isinstance(value, int) and not isinstance(value, bool) else []
        found.append(
            Row(
                key=q["key"],
                kind=q.get("kind", "text"),
                label=q.get("label", q["key"]),
                name=field_name(indicator, q["key"]),
                options=[(i, o, i in chosen) for i, o in enumerate(options)],
                value=value,
                shown=_shown(q.get("kind", "text"), options, value),
            )
        )
    return found
