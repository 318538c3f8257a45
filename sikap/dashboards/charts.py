"""Chart data for the dashboards: each figure holds the JSON that dashboard.js draws and the table of the
same numbers, both from values rounded once here, so a chart and its table cannot disagree.

`Figure.data` goes to the page as JSON (`json_script`); `Figure.rows` become the table beside the chart.
Suppressed cells of a breakdown go to `Figure.hidden` only: they are listed in the table as hidden and
never reach the chart data.
"""

from __future__ import annotations

import math
import textwrap
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sikap.indices.analysis import Breakdown, Equity
from sikap.indices.queries import UnitIndex
from sikap.indices.results import IndexResult
from sikap.scoring.ipa import IpaResult, Quadrant

QUADRANT_NAMES = {
    Quadrant.I: gettext_lazy("Prioritas utama"),
    Quadrant.II: gettext_lazy("Pertahankan prestasi"),
    Quadrant.III: gettext_lazy("Prioritas rendah"),
    Quadrant.IV: gettext_lazy("Berlebihan"),
}


@dataclass
class Cell:
    """One table cell: text (places None) or a number shown with `places` decimals."""

    value: Any
    places: int | None = None


@dataclass
class Figure:
    """A chart (canvas drawn by dashboard.js from `data`) with its caption and the table of its numbers."""

    key: str
    title: str
    description: str  # the canvas's aria-label
    columns: list[str]
    rows: list[list[Cell]]
    data: dict[str, Any]
    hidden: list[tuple[str, str]] = field(default_factory=list)  # table-only rows: label, why hidden
    note: str = ""

    @property
    def element_id(self) -> str:
        return f"chart-{self.key}"

    @property
    def drawable(self) -> bool:
        return bool(self.data.get("labels") or any(d["data"] for d in self.data.get("datasets", [])))

    @property
    def height(self) -> int:
        """Canvas height in CSS pixels: horizontal bars grow with their rows and their labels' lines (long
        labels are wrapped by dashboard.js at LABEL_WIDTH characters, never cut)."""
        if self.data.get("options", {}).get("horizontal"):
            labels = self.data.get("labels", [])
            lines = sum(len(wrap_label(str(label))) for label in labels)
            return max(160, 24 * len(labels) + 16 * lines + 60)
        return 300


LABEL_WIDTH = 18  # characters per line of a category label; dashboard.js wraps at the same width


def wrap_label(label: str) -> list[str]:
    """A category label as the lines dashboard.js draws (kept here to size the canvas)."""
    return textwrap.wrap(label, LABEL_WIDTH) or [label]


def value_axis(
    values: list[float | None], low: float, high: float, step: float, *, also: list[float] | None = None
) -> dict[str, Any]:
    """The value axis's bounds: the full scale, unless two or more values all sit high above its bottom;
    then the axis starts at a round step below the lowest value (or of `also`, such as the low ends of
    intervals, which must stay on the axis) so that differences show, and says so (`from_zero` False: the
    axis title and the figure's note say where it starts). One value has no difference to show."""
    present = [v for v in values if v is not None]
    full = {"min": low, "max": high, "from_zero": True}
    if len(present) < 2:
        return full
    start = math.floor((min(present + (also or [])) - step) / step) * step
    if start < low + 2 * step:  # too little to gain: keep the honest full scale
        return full
    return {"min": start, "max": high, "from_zero": False}


def score_title(axis: dict[str, Any]) -> str:
    """The score axis's title, with its range when it does not start at 0."""
    if axis["from_zero"]:
        return _("Skor 0-100")
    return _("Skor %(min)s-100 (bukan dari 0)") % {"min": axis["min"]}


def axis_note(axis: dict[str, Any]) -> str:
    if axis["from_zero"]:
        return ""
    return _("Sumbu nilai dimulai dari %(min)s, bukan 0, agar selisih terlihat.") % {"min": axis["min"]}


def _round(value: float | None, places: int) -> float | None:
    return None if value is None else round(float(value), places)


def _interval(ci: tuple[float, float] | None, places: int) -> list[float] | None:
    return [round(ci[0], places), round(ci[1], places)] if ci else None


def elements(result: IndexResult) -> Figure:
    """Mean answer per element with its 95 % confidence interval (error bars)."""
    version = result.version
    stats = [e for e in result.elements if e.mean is not None]
    means = [_round(e.mean, 3) for e in stats]
    intervals = [_interval(e.ci95, 3) for e in stats]
    rows = [
        [Cell(e.code), Cell(e.name), Cell(e.n, 0), Cell(m, 3), Cell(i and i[0], 3), Cell(i and i[1], 3)]
        for e, m, i in zip(stats, means, intervals, strict=True)
    ]
    data = {
        "type": "bar",
        "labels": [e.code for e in stats],
        "datasets": [
            {
                "label": _("Rata-rata"),
                "data": means,
                "intervals": intervals,
                "n": [e.n for e in stats],
                "names": [e.name for e in stats],
            }
        ],
        "options": {
            "min": version.scale_min,
            "max": version.scale_max,
            "places": 3,
            "value_title": _("Rata-rata jawaban"),
        },
    }
    return Figure(
        "elements",
        _("Nilai rata-rata per unsur dengan selang kepercayaan 95%"),
        _("Diagram batang nilai rata-rata tiap unsur, garis galat menunjukkan selang kepercayaan 95%."),
        [_("Kode"), _("Unsur"), "n", _("Rata-rata"), _("Batas bawah"), _("Batas atas")],
        rows,
        data,
        note=_("Skala %(low)s-%(high)s.") % {"low": version.scale_min, "high": version.scale_max},
    )


def trend(results: list[IndexResult]) -> Figure:
    """Score per period (oldest first), with its 95 % confidence interval."""
    repeated = Counter(r.period.pk for r in results)
    labels = [
        f"{r.period.name} (v{r.version.number})" if repeated[r.period.pk] > 1 else r.period.name
        for r in results
    ]
    scores = [_round(r.score, 2) for r in results]
    intervals = [_interval(r.ci95, 2) for r in results]
    # The interval's low ends count too: a whisker must never fall off the axis.
    axis = value_axis(scores, 0, 100, 10, also=[i[0] for i in intervals if i])
    rows = [
        [
            Cell(label),
            Cell(r.respondents, 0),
            Cell(s, 2),
            Cell(i and i[0], 2),
            Cell(i and i[1], 2),
            Cell(r.grade or "—"),
        ]
        for label, r, s, i in zip(labels, results, scores, intervals, strict=True)
    ]
    data = {
        "type": "line",
        "labels": labels,
        "datasets": [
            {
                "label": _("Skor"),
                "data": scores,
                "intervals": intervals,
                "n": [r.respondents for r in results],
            }
        ],
        "options": {**axis, "places": 2, "value_title": score_title(axis)},
    }
    return Figure(
        "trend",
        _("Perkembangan skor antarperiode"),
        _("Diagram garis skor tiap periode, dari yang terlama."),
        [_("Periode"), "n", _("Skor"), _("Batas bawah"), _("Batas atas"), _("Mutu")],
        rows,
        data,
        note=axis_note(axis),
    )


def progress(cards: list[UnitIndex]) -> Figure:
    """Respondents attained, expected by today and the minimum sample, per instrument."""
    states = [(c.result.version.instrument.code, c.progress) for c in cards]
    rows = [
        [
            Cell(code),
            Cell(p.attained, 0),
            Cell(p.expected_by_today, 0),
            Cell(p.target.minimum, 0),
            Cell(p.percent, 1),
            Cell(str(p.status.label)),
        ]
        for code, p in states
    ]
    data = {
        "type": "bar",
        "labels": [code for code, _p in states],
        "datasets": [
            {
                "label": _("Tercapai"),
                "data": [p.attained for _c, p in states],
                "percent": [p.percent for _c, p in states],
            },
            {"label": _("Seharusnya sampai hari ini"), "data": [p.expected_by_today for _c, p in states]},
            {"label": _("Target minimal"), "data": [p.target.minimum for _c, p in states]},
        ],
        "options": {"min": 0, "places": 0, "value_title": _("Responden")},
    }
    return Figure(
        "progress",
        _("Capaian target responden"),
        _("Diagram batang responden yang tercapai, yang seharusnya sampai hari ini, dan target minimal."),
        [
            _("Instrumen"),
            _("Tercapai"),
            _("Seharusnya hari ini"),
            _("Target"),
            _("Capaian (%)"),
            _("Status"),
        ],
        rows,
        data,
    )


def ipa(result: IpaResult) -> Figure:
    """Importance against performance per element, with the crosshair of their means."""
    rows = []
    datasets: dict[Quadrant, list[dict[str, Any]]] = {q: [] for q in Quadrant}
    for point in result.points:
        x, y = round(point.performance, 3), round(point.importance, 3)
        gap, conformity = round(point.gap, 3), _round(point.conformity, 1)
        rows.append(
            [
                Cell(point.code),
                Cell(x, 3),
                Cell(y, 3),
                Cell(gap, 3),
                Cell(conformity, 1),
                Cell(f"{point.quadrant} — {QUADRANT_NAMES[point.quadrant]}"),
            ]
        )
        datasets[point.quadrant].append({"x": x, "y": y, "code": point.code, "gap": gap, "conf": conformity})
    crosshair = {"x": round(result.performance_mean, 3), "y": round(result.importance_mean, 3)}
    data = {
        "type": "scatter",
        "datasets": [
            {"label": f"{q} — {QUADRANT_NAMES[q]}", "data": points}
            for q, points in datasets.items()
            if points
        ],
        "options": {
            "crosshair": crosshair,
            "places": 3,
            "x_title": _("Kinerja"),
            "y_title": _("Kepentingan"),
        },
    }
    return Figure(
        "ipa",
        _("Analisis kepentingan-kinerja (kuadran IPA)"),
        _("Diagram sebar tiap unsur: kinerja mendatar, kepentingan tegak, dibagi empat kuadran."),
        [_("Unsur"), _("Kinerja"), _("Kepentingan"), _("Kesenjangan"), _("Kesesuaian (%)"), _("Kuadran")],
        rows,
        data,
        note=_("Garis kuadran pada rata-rata kinerja %(x)s dan rata-rata kepentingan %(y)s.")
        % {"x": f"{crosshair['x']:.3f}".replace(".", ","), "y": f"{crosshair['y']:.3f}".replace(".", ",")},
    )


def breakdown(item: Breakdown, min_cell: int) -> Figure:
    """Score per group of respondents; suppressed groups are listed in the table only."""
    shown = [c for c in item.cells if not c.suppressed]
    scores = [_round(c.score, 2) for c in shown]
    axis = value_axis(scores, 0, 100, 10)
    hidden = [
        (
            c.label,
            _("disembunyikan (pelindung)")
            if c.complementary
            else _("disembunyikan (< %(m)s)") % {"m": min_cell},
        )
        for c in item.cells
        if c.suppressed
    ]
    data = {
        "type": "bar",
        "labels": [c.label for c in shown],
        "datasets": [{"label": _("Skor"), "data": scores, "n": [c.n for c in shown]}],
        "options": {**axis, "places": 2, "horizontal": True, "value_title": score_title(axis)},
    }
    return Figure(
        f"group-{item.dimension}",
        item.label,
        _("Diagram batang mendatar skor tiap kelompok: %(label)s.") % {"label": item.label},
        [_("Kelompok"), "n", _("Skor")],
        [[Cell(c.label), Cell(c.n, 0), Cell(s, 2)] for c, s in zip(shown, scores, strict=True)],
        data,
        hidden=hidden,
        note=axis_note(axis),
    )


def equity(result: Equity, key: str, title: str) -> Figure:
    """Units (each pooling its subtree) ranked by score, as horizontal bars."""
    rows_in = [r for r in result.rows if r.score is not None]
    scores = [_round(r.score, 2) for r in rows_in]
    axis = value_axis(scores, 0, 100, 10)
    data = {
        "type": "bar",
        "labels": [r.unit.name for r in rows_in],
        "datasets": [{"label": _("Skor"), "data": scores, "n": [r.n for r in rows_in]}],
        "options": {**axis, "places": 2, "horizontal": True, "value_title": score_title(axis)},
    }
    return Figure(
        key,
        title,
        _("Diagram batang mendatar skor tiap unit, dari yang tertinggi."),
        [_("Peringkat"), _("Unit"), "n", _("Skor"), _("Mutu")],
        [
            [Cell(str(rank)), Cell(r.unit.name), Cell(r.n, 0), Cell(s, 2), Cell(r.grade or "—")]
            for rank, (r, s) in enumerate(zip(rows_in, scores, strict=True), start=1)
        ],
        data,
        note=axis_note(axis),
    )
