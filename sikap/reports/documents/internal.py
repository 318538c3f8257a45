"""The internal surveys' reports (the integrity survey, the ILK) as plain rows: the figure with its
condition first (k, respondents, the roll-up and its coverage), the parts weakest first, the strata,
the breakdowns under k and the figure per period. The rows come from the same read as the pages
(`sikap.dashboards.internal`), so a report and its page cannot disagree."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sikap.dashboards import internal
from sikap.indices.analysis import Breakdown
from sikap.indices.results import Part
from sikap.indices.strata import RollUp
from sikap.organisation.models import Period, Service, Unit
from sikap.reports.documents.common import ProgressFn, ReportError, no_progress, num
from sikap.reports.documents.heading import ReportHeading, heading

TITLES = {
    "INTEGRITAS": gettext_lazy("Laporan Survei Integritas Internal"),
    "ILK": gettext_lazy("Laporan Indeks Layanan Kesekretariatan (ILK)"),
}


@dataclass
class PartRow:
    code: str
    label: str
    value: float | None  # on the index's own scale
    score: float | None  # 0-100
    n: int | None = None
    weight: float | None = None
    hidden: bool = False  # a perspective under k (or its protector): no figure


@dataclass
class FigureRow:
    label: str
    index: float | None
    score: float | None
    grade: str


@dataclass
class StratumRow:
    unit_name: str
    unit_code: str
    respondents: int
    index: float | None
    score: float | None
    grade: str
    headcount: int | None
    weight: float | None
    flagged: bool
    suppressed: bool


@dataclass
class GroupCell:
    label: str
    n: int | None  # None when hidden
    score: float | None
    hidden: bool


@dataclass
class GroupRows:
    label: str
    cells: list[GroupCell]


@dataclass
class TrendRow:
    period_name: str
    index: float | None
    score: float | None
    grade: str
    condition: str


@dataclass
class InternalReport(ReportHeading):
    code: str
    convention: str
    condition: str
    k: int
    respondents: int
    suppressed: bool
    index: float | None
    score: float | None
    grade: str
    profile_title: str
    headcount: int | None
    parts_title: str
    parts: list[PartRow]  # weakest first
    perspectives: list[PartRow] = field(default_factory=list)
    renormalised: bool = False
    figures: list[FigureRow] = field(default_factory=list)  # a roll-up's three conventions
    covered: int | None = None
    coverage: float | None = None
    strata: list[StratumRow] = field(default_factory=list)
    groups: list[GroupRows] = field(default_factory=list)
    min_cell: int = 5
    trend: list[TrendRow] = field(default_factory=list)
    conclusion: list[str] = field(default_factory=list)

    @property
    def rollup(self) -> bool:
        return bool(self.figures)

    @property
    def on_100(self) -> bool:
        """Whether the index is itself the 0-100 score (the integrity index): one column then."""
        return bool(self.parts) and all(p.value == p.score for p in self.parts)

    @property
    def shown(self) -> bool:
        return not self.suppressed and self.index is not None


def _parts(rows: list[Part]) -> list[PartRow]:
    return [PartRow(r.code, r.label, r.value, r.score, r.n, r.weight) for r in rows]


def _groups(items: list[Breakdown]) -> list[GroupRows]:
    return [
        GroupRows(b.label, [GroupCell(c.label, c.n, c.score, c.suppressed) for c in b.cells])
        for b in items
        if b.cells
    ]


def internal_report(
    unit: Unit,
    period: Period,
    *,
    code: str,
    subtree: bool = False,
    service: Service | None = None,
    with_suspect: bool = False,
    place: str = "",
    today: datetime.date | None = None,
    progress: ProgressFn = no_progress,
) -> InternalReport:
    """The report of a unit's own internal index, or of its subtree's roll-up (`subtree`)."""
    choice = internal.choice_for(period, code, with_suspect)
    if choice.version is None:
        raise ReportError(_("Instrumen %(code)s belum diterbitkan.") % {"code": code})
    units = list(Unit.objects.subtree_of(unit)) if subtree else [unit]
    board = internal.unit_board(unit, units, choice)
    progress(60)
    result, head = board["result"], board["headline"]
    perspectives = board["perspectives"]
    report = InternalReport(
        **heading(
            str(TITLES[code]),
            choice.version.regulation or "",
            unit,
            period,
            None,
            pooled=head.rollup is not None,
            place=place,
            today=today,
        ),
        code=code,
        convention=board["convention"],
        condition=board["condition"],
        k=head.k,
        respondents=head.respondents,
        suppressed=head.suppressed,
        index=head.index if head.shown else None,
        score=head.score if head.shown else None,
        grade=head.grade if head.shown else "",
        profile_title=board["profile_title"],
        headcount=head.headcount,
        parts_title=result.parts[0].title if result.parts else "",
        parts=_parts(board["weakest"]),
        perspectives=[
            PartRow(r.code, r.label, None, None, None, r.weight, True)
            if hidden
            else PartRow(r.code, r.label, r.value, r.score, r.n, r.weight)
            for r, hidden in perspectives
        ],
        renormalised=result.renormalised,
        groups=_groups(board["groups"]),
        min_cell=board["min_cell"],
        trend=[TrendRow(p.period.name, p.index, p.score, p.grade, p.condition) for p in board["trend"]],
    )
    if head.rollup is not None:
        _rollup(report, head.rollup)
    report.conclusion = conclusion(report)
    progress(95)
    return report


def _rollup(report: InternalReport, rollup: RollUp) -> None:
    hidden = rollup.suppressed
    report.figures = [
        FigureRow(
            f.label, None if hidden else f.index, None if hidden else f.score, "" if hidden else f.grade
        )
        for f in rollup.figures()
    ]
    report.covered, report.coverage = rollup.covered, rollup.coverage
    for s in rollup.strata:
        r = s.result
        withheld = r is not None and r.suppressed
        report.strata.append(
            StratumRow(
                s.unit.name,
                s.unit.code,
                r.respondents if r is not None else 0,
                None if r is None or withheld else r.index,
                None if r is None or withheld else r.score,
                "" if r is None or withheld else r.grade,
                s.headcount,
                s.weight,
                s.flagged,
                withheld,
            )
        )


def conclusion(report: InternalReport) -> list[str]:
    where = {"unit": report.unit_name, "period": report.period_name, "k": report.k}
    if report.suppressed:
        return [
            _(
                "Indeks %(unit)s periode %(period)s tidak dilaporkan: kurang dari %(k)s responden yang "
                "dapat dihitung, sehingga angka akan dapat mengenali pegawai."
            )
            % where
        ]
    if report.index is None:
        return [_("Belum ada jawaban untuk %(unit)s pada periode %(period)s.") % where]
    said = _(
        "Dengan syarat %(condition)s, nilai %(unit)s periode %(period)s adalah %(score)s "
        "(kategori %(grade)s)."
    ) % {
        **where,
        "condition": report.condition,
        "score": num(report.score, 2),
        "grade": report.grade,
    }
    sentences = [said]
    if report.parts:
        weakest = ", ".join(f"{p.code} {p.label} ({num(p.score, 2)})" for p in report.parts[:3])
        sentences.append(_("Bagian terlemah, dasar rencana aksi: %(parts)s.") % {"parts": weakest})
    return sentences
