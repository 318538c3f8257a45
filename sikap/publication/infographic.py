"""The one-page infographic of a unit's result for a period: SVG from a template, PNG from that SVG.

The layout (where each line goes) is measured here with the DejaVu fonts the image names, so long unit
and element names wrap instead of running off the page; the template draws it. The PNG is the same SVG
rasterised by CairoSVG (libcairo, no network: the SVG refers to nothing outside itself). Always in
Indonesian: it is made for notice boards and social media in Indonesia.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import cairosvg
from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from PIL import ImageFont

from sikap.followup.queries import Stats, weakest
from sikap.indices.results import ElementStat, IndexResult
from sikap.indices.templatetags.indices_tags import idnum
from sikap.lib.links import configured_base_url
from sikap.organisation.models import Period, Unit
from sikap.publication.queries import SAMPLE_BELOW_TARGET, Caution

WIDTH, HEIGHT, MARGIN = 1080, 1350, 72
FOOTER_TOP = HEIGHT - 90  # nothing of the flowing layout may pass this line
ROW, LINE, BOX = 58, 44, 88  # an element row, a further line of its name, the follow-up box
CAUTION_TOP, CAUTION_HEIGHT, CAUTION_SPACE = 28, 60, 80  # the band of a sample below its minimum
CAUTION_SIZES = (30, 28, 26, 24, 22)  # its one line takes the largest size that fits the page
GRADE_COLOURS = {"A": "#1e6b1e", "B": "#0b5394", "C": "#8a5a00", "D": "#a61b1b"}
FONT_FILES = {False: "DejaVuSans.ttf", True: "DejaVuSans-Bold.ttf"}
PNG_CACHE_SECONDS = 3600  # rasterising takes a few tenths of a second; the SVG itself is cheap


@functools.cache
def _font(size: int, bold: bool) -> Any:
    try:
        return ImageFont.truetype(FONT_FILES[bold], size)
    except OSError:  # font not installed: measure by a generous average width instead
        return None


def text_width(text: str, size: int, bold: bool = False) -> float:
    font = _font(size, bold)
    return float(font.getlength(text)) if font is not None else len(text) * size * (0.68 if bold else 0.62)


def wrap(text: str, width: float, size: int, bold: bool = False, max_lines: int = 2) -> list[str]:
    """Greedy word wrap to `width` pixels; the last allowed line ends with an ellipsis if text remains."""
    lines: list[str] = []
    words = text.split()
    while words and len(lines) < max_lines:
        line = words.pop(0)
        while words and text_width(f"{line} {words[0]}", size, bold) <= width:
            line = f"{line} {words.pop(0)}"
        lines.append(line)
    if words:
        last = lines[-1]
        while last and text_width(f"{last}…", size, bold) > width:
            last = last[:-1].rstrip()
        lines[-1] = f"{last}…"
    return lines


@dataclass
class Line:
    text: str
    y: int


@dataclass
class Row:
    value: str
    y: int
    lines: list[Line]


@dataclass
class Section:
    heading: str
    y: int
    colour: str
    tint: str
    rows: list[Row] = field(default_factory=list)


def extremes(elements: list[ElementStat], count: int) -> tuple[list[ElementStat], list[ElementStat]]:
    """The `count` best and weakest elements with answers, never the same element in both."""
    answered = [e for e in elements if e.mean is not None]
    count = min(count, len(answered) // 2)
    best = sorted(answered, key=lambda e: (-(e.mean or 0), e.code))[:count]
    return best, weakest(answered, count)


def _sections(best: list[ElementStat], worst: list[ElementStat], top: int) -> tuple[list[Section], int]:
    name_x = MARGIN + 160
    sections, y = [], top
    for heading, items, colour, tint in (
        (_("Unsur dengan nilai tertinggi"), best, "#1e6b1e", "#e4f1e4"),
        (_("Unsur yang perlu diperbaiki"), worst, "#a61b1b", "#fbe8e8"),
    ):
        if not items:
            continue
        y += 70
        section = Section(heading, y, colour, tint)
        for element in items:
            y += ROW
            names = wrap(element.name, WIDTH - MARGIN - name_x, 36)
            section.rows.append(
                Row(idnum(element.mean), y, [Line(t, y + LINE * i) for i, t in enumerate(names)])
            )
            y += LINE * (len(names) - 1)
        sections.append(section)
    return sections, y


def layout(
    unit: Unit,
    period: Period,
    result: IndexResult | None,
    stats: Stats,
    *,
    preview: bool,
    base_url: str = "",
    cautions: Sequence[Caution] = (),
) -> dict[str, Any]:
    """Everything the template draws, with positions; the elements shown shrink until the page fits.

    A sample below its minimum is stated in a band of one line between the header and the score, so it
    is read before the score and the grade; everything below moves down to make room."""
    names = wrap(unit.name, WIDTH - 2 * MARGIN, 50, bold=True, max_lines=3)
    unit_lines = [Line(t, 164 + 62 * i) for i, t in enumerate(names)]
    period_y = unit_lines[-1].y + 58
    top = period_y + 44
    caution = _caution_band(cautions, top)
    figures_top = top + (CAUTION_SPACE if caution else 0)
    score_y = figures_top + 240
    elements = result.elements if result is not None else []
    for count in (3, 2, 1, 0):
        sections, bottom = _sections(*extremes(elements, count), score_y + 110)
        if bottom + 36 + BOX + 12 <= FOOTER_TOP:
            break
    live = stats.total - stats.cancelled
    if live:
        follow_up = _("%(done)s dari %(live)s rencana tindak lanjut selesai") % {
            "done": stats.done,
            "live": live,
        }
    else:
        follow_up = _("Rencana tindak lanjut belum disusun")
    grade = result.grade if result is not None else ""
    note = _("NRR: rata-rata unsur, skala 1–4 · jawaban yang diterima")
    if result is not None and result.version.regulation:
        note = f"{note} · {result.version.regulation}"
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "margin": MARGIN,
        "right": WIDTH - MARGIN,
        "preview": preview,
        "unit_lines": unit_lines,
        "period": Line(period.name, period_y),
        "header_height": top,
        "caution": caution,
        # Every caution in words, said first in the image's description.
        "cautions": [c.text for c in cautions],
        "score_label_y": figures_top + 74,
        "score": idnum(result.score if result is not None else None),
        "score_y": score_y,
        "badge": {"x": WIDTH - MARGIN - 100, "y": score_y - 64, "colour": GRADE_COLOURS.get(grade, "#555")},
        "grade": grade,
        "label": result.label if result is not None else "",
        "mutu_y": score_y + 70,
        "respondents": idnum(result.respondents if result is not None else 0, 0),
        "sections": sections,
        "follow_up": follow_up,
        "box_y": bottom + 36,
        "box_height": BOX,
        "box_width": WIDTH - 2 * MARGIN,
        # The page's host when asked over the web; without one the printed address is the setting's.
        "address": (base_url or configured_base_url()) + reverse("publication:unit", args=[unit.code]),
        "note": wrap(note, WIDTH - 2 * MARGIN, 22, max_lines=1)[0],
    }


def _caution_band(cautions: Sequence[Caution], top: int) -> dict[str, Any] | None:
    """The band stating a sample below its minimum (`queries.warnings_of` decides), or None."""
    sample = next((c for c in cautions if c.code == SAMPLE_BELOW_TARGET), None)
    if sample is None:
        return None
    # `sample.short` is a whole sentence, too long for one line at a readable size: the image says the
    # condition with its figures, and its description says the whole caution.
    text = _("Sampel belum memenuhi minimal (%(attained)s dari %(minimum)s responden)") % {
        "attained": idnum(sample.attained, 0),
        "minimum": idnum(sample.minimum, 0),
    }
    room = WIDTH - 2 * MARGIN - 2 * 24
    size = next((s for s in CAUTION_SIZES if text_width(text, s, bold=True) <= room), CAUTION_SIZES[-1])
    return {
        "text": wrap(text, room, size, bold=True, max_lines=1)[0],
        "size": size,
        "y": top + CAUTION_TOP,
        "height": CAUTION_HEIGHT,
        "text_y": top + CAUTION_TOP + (CAUTION_HEIGHT + size * 7 // 10) // 2,
    }


def render_svg(
    unit: Unit,
    period: Period,
    result: IndexResult | None,
    stats: Stats,
    *,
    cautions: Sequence[Caution] = (),
    preview: bool = False,
    base_url: str = "",
) -> str:
    """The infographic as SVG text, in Indonesian whatever the reader's language; `cautions` (see
    `queries.warnings_of`) are written in Indonesian too, as they are read here."""
    with translation.override("id"):
        context = layout(unit, period, result, stats, preview=preview, base_url=base_url, cautions=cautions)
        return render_to_string("publication/infographic.svg", context)


def render_png(svg: str) -> bytes:
    """The SVG rasterised at 1080 x 1350; cached by the SVG's content, so a changed figure is a new key."""
    data = svg.encode("utf-8")
    key = f"publication:png:{hashlib.sha256(data).hexdigest()}"
    png = cache.get(key)
    if png is None:
        png = bytes(cairosvg.svg2png(bytestring=data, output_width=WIDTH, output_height=HEIGHT))
        cache.set(key, png, PNG_CACHE_SECONDS)
    return png
