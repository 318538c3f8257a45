"""Helpers for the dashboard tests: controlled submissions, and reading a page's charts back."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from sikap.indices.tests.helpers import submit_answers
from sikap.responses.validation import answer_name, importance_name

FIGURE = re.compile(r'<figure class="chart" id="fig-(?P<key>[^"]+)">(?P<body>.*?)</figure>', re.S)
DATA = re.compile(r'<script id="chart-[^"]+" type="application/json">(?P<json>.*?)</script>', re.S)
ROW = re.compile(r"<tr[^>]*>(?P<cells>.*?)</tr>", re.S)
CELL = re.compile(r'<td(?P<num> class="num")?[^>]*>(?P<text>.*?)</td>', re.S)


def submit(
    campaign: Any, unit: Any, *, value: int = 3, importance: int = 0, service: Any = None, **profile: Any
):
    """One submission answering every element of every version with `value` (and `importance` where asked)."""
    data: dict[str, Any] = {}
    for version in campaign.ordered_versions():
        for element in version.elements.all():
            data[answer_name(version, element)] = min(max(value, version.scale_min), version.scale_max)
            if importance and element.ask_importance:
                data[importance_name(version, element)] = importance
    return submit_answers(campaign, unit, {**data, **profile}, service=service)


def number(text: str) -> float | None:
    """An Indonesian number from a table cell ("1.234,56" -> 1234.56); None for a dash."""
    text = re.sub(r"<[^>]+>", "", text).strip()
    if text in ("—", ""):
        return None
    return float(text.replace(".", "").replace(",", "."))


@dataclass
class Chart:
    """One figure of a page: its chart JSON (None when nothing is drawn) and its table."""

    key: str
    data: dict[str, Any] | None
    rows: list[list[tuple[bool, str]]]  # per row: (numeric?, cell text)
    html: str

    def table_numbers(self) -> list[float]:
        return sorted(v for row in self.rows for num, text in row if num and (v := number(text)) is not None)

    def chart_numbers(self) -> list[float]:
        """Every number the chart carries for its points (not its axis settings)."""
        found: list[float] = []

        def walk(value: Any) -> None:
            if isinstance(value, bool):
                return
            if isinstance(value, int | float):
                found.append(float(value))
            elif isinstance(value, list):
                for item in value:
                    walk(item)
            elif isinstance(value, dict):
                for item in value.values():
                    walk(item)

        walk((self.data or {}).get("datasets", []))
        return sorted(found)


def charts(page: str) -> dict[str, Chart]:
    found = {}
    for match in FIGURE.finditer(page):
        body = match["body"]
        data = DATA.search(body)
        tbody = body[body.index("<tbody>") :] if "<tbody>" in body else ""
        rows = [[(bool(c["num"]), c["text"]) for c in CELL.finditer(r["cells"])] for r in ROW.finditer(tbody)]
        found[match["key"]] = Chart(match["key"], json.loads(data["json"]) if data else None, rows, body)
    return found
