"""Charts of the internal-survey pages, as `charts.Figure` (drawn by dashboard.js, the same numbers in the
table beside): the figure per period, each with the condition it rests on."""

from __future__ import annotations

from collections import Counter

from django.utils.translation import gettext as _

from sikap.dashboards.charts import Cell, Figure, axis_note, score_title, value_axis
from sikap.dashboards.internal import TrendPoint


def trend(points: list[TrendPoint], title: str) -> Figure:
    """The score per period (oldest first); a period withheld under k is a gap in the line and says why
    in the table."""
    repeated = Counter(p.period.pk for p in points)
    labels = [
        f"{p.period.name} (v{p.version.number})" if repeated[p.period.pk] > 1 else p.period.name
        for p in points
    ]
    scores = [None if p.score is None else round(p.score, 2) for p in points]
    axis = value_axis(scores, 0, 100, 10)
    rows = [
        [Cell(label), Cell(p.index, 4), Cell(s, 2), Cell(p.grade or "—"), Cell(p.condition)]
        for label, p, s in zip(labels, points, scores, strict=True)
    ]
    data = {
        "type": "line",
        "labels": labels,
        "datasets": [{"label": _("Skor"), "data": scores, "n": [p.respondents for p in points]}],
        "options": {**axis, "places": 2, "value_title": score_title(axis)},
    }
    return Figure(
        "internal-trend",
        title,
        _("Diagram garis skor tiap periode, dari yang terlama."),
        [_("Periode"), _("Indeks"), _("Skor"), _("Kategori"), _("Syarat angka")],
        rows,
        data,
        note=axis_note(axis),
    )
