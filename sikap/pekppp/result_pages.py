"""What the PEKPPP result pages and reports show, built from `results.results_of` (never recomputed):
which lokus a reader may see a result of, one unit's page (aspects, indicators with weight, level,
weighted value and note, gaps to 5, the radar of the six aspects), a cycle's ranking and its grade
distribution, and each lokus' F-03 link and progress."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext as _

from sikap.accounts.access import Access
from sikap.dashboards.charts import Cell, Figure
from sikap.indices import read
from sikap.indices.scope import Scope
from sikap.instruments.models import PublicLink
from sikap.instruments.profile import in_language
from sikap.pekppp.models import Assignment, Cycle, Indicator, Lokus, Recommendation, Score
from sikap.pekppp.results import LokusResult
from sikap.pekppp.results import results_of as results_of
from sikap.scoring.grades import PEKPPP_GRADES, PEKPPP_PRIORITY_GRADES

CERTIFICATE_GRADES = frozenset({"A", "A-"})  # a piagam goes to "Pelayanan Prima" and "Sangat Baik"


def cycle_lokus(access: Access, cycle: Cycle) -> list[Lokus]:
    """The cycle's lokus the user sees, with their unit, by unit path (one query)."""
    rows = list(access.visible_lokus(cycle).select_related("unit").order_by("unit__path"))
    for lokus in rows:
        lokus.cycle = cycle  # one cycle object: its framework version is read once per page
    return rows


def readable(access: Access, cycle: Cycle, lokus: list[Lokus]) -> list[Lokus]:
    """Those whose result the user may read: all of them for coordinators, validators and assigned
    evaluators (drafts included); only validated ones for the units' own people (one query)."""
    assigned = set(
        Assignment.objects.filter(lokus__cycle=cycle, evaluator_id=access.user.pk).values_list(
            "lokus_id", flat=True
        )
        if getattr(access.user, "pk", None)
        else []
    )
    return [
        row
        for row in lokus
        if row.stage == Lokus.Stage.VALIDATED or row.pk in assigned or access.sees_pekppp_drafts(row.unit)
    ]


# --- one unit -----------------------------------------------------------------------------------------


@dataclass
class IndicatorRow:
    number: int
    code: str
    name: str
    aspect: str
    weight: Any  # % within its aspect
    level: int | None
    weighted: Fraction | None  # weight / 100 x level
    note: str
    gap: int


@dataclass
class AspectRow:
    code: str
    name: str
    weight: Any  # % of F-02
    score: Fraction
    indicators: list[IndicatorRow] = field(default_factory=list)

    @property
    def weighted(self) -> Fraction:
        """Its share of F-02: aspect weight / 100 x score."""
        return Fraction(self.weight) / 100 * self.score


@dataclass
class UnitPage:
    found: LokusResult
    aspects: list[AspectRow]
    gaps: list[IndicatorRow]  # biggest gap to 5 first
    radar: Figure
    recommendations: list[Any]

    @property
    def result(self) -> Any:
        return self.found.result

    @property
    def lokus(self) -> Lokus:
        return self.found.lokus

    @property
    def certificate(self) -> bool:
        return bool(self.result.final and self.result.grade in CERTIFICATE_GRADES)


def unit_page(found: LokusResult, sees_aspect: Any = None) -> UnitPage:
    """One unit's page from its result; `sees_aspect(code)` hides the indicators of other aspects (an
    evaluator reads only its assigned aspects' levels and notes)."""
    lokus = found.lokus
    version = lokus.cycle.framework_version
    notes = dict(Score.objects.filter(lokus=lokus).values_list("indicator__code", "note"))
    gaps = found.gaps
    aspects = {
        a.code: AspectRow(
            a.code, in_language(a.name, a.name_en), a.weight, found.result.aspects.get(a.code, Fraction(0))
        )
        for a in version.aspects.order_by("order", "code")
    }
    indicator: Indicator
    for indicator in lokus.indicators():
        if sees_aspect is not None and not sees_aspect(indicator.aspect.code):
            continue
        level = found.levels.get(indicator.code)
        aspects[indicator.aspect.code].indicators.append(
            IndicatorRow(
                number=indicator.number,
                code=indicator.code,
                name=in_language(indicator.name, indicator.name_en),
                aspect=indicator.aspect.code,
                weight=indicator.weight,
                level=level,
                weighted=None if level is None else Fraction(indicator.weight) / 100 * level,
                note=notes.get(indicator.code, ""),
                gap=gaps.get(indicator.code, 5),
            )
        )
    rows = [row for aspect in aspects.values() for row in aspect.indicators]
    return UnitPage(
        found=found,
        aspects=list(aspects.values()),
        gaps=sorted(rows, key=lambda row: (-row.gap, row.number)),
        radar=radar(list(aspects.values())),
        recommendations=recommendations_of(lokus),
    )


def radar(aspects: list[AspectRow]) -> Figure:
    """The six aspect scores (0-5) as a radar, with the same numbers as its table."""
    values = [round(float(a.score), 2) for a in aspects]
    return Figure(
        key="aspects",
        title=_("Nilai per aspek (0-5)"),
        description=_("Diagram radar nilai enam aspek, skala 0 sampai 5."),
        columns=[_("Aspek"), _("Bobot (%)"), _("Nilai (0-5)")],
        rows=[[Cell(f"{a.code}. {a.name}"), Cell(a.weight, 0), Cell(a.score, 2)] for a in aspects],
        data={
            "type": "radar",
            "labels": [a.name for a in aspects],
            "datasets": [{"label": _("Nilai aspek"), "data": values}],
            "options": {"min": 0, "max": 5, "places": 2},
        },
    )


def recommendations_of(lokus: Lokus) -> list[Any]:
    """The evaluator's recommendations with their owner, deadline and follow-up item (one query)."""
    return list(
        Recommendation.objects.filter(lokus=lokus)
        .select_related("owner_unit", "followup_item")
        .order_by("deadline", "pk")
    )


# --- a cycle: ranking and summary ------------------------------------------------------------------


@dataclass
class RankRow:
    rank: int | None  # units without an IPP are not ranked
    found: LokusResult


@dataclass
class GradeCount:
    grade: str
    label: str
    count: int
    priority: bool


@dataclass
class Summary:
    grades: list[GradeCount]
    final: int
    not_final: int
    priority: int
    total: int


def ranking(results: Iterable[LokusResult]) -> list[RankRow]:
    """Highest IPP first (ties share a rank); units without an IPP after them, by unit path."""
    with_ipp = sorted(
        (r for r in results if r.result.ipp is not None),
        key=lambda r: (-(r.result.ipp or 0), r.lokus.unit.path),
    )
    without = sorted((r for r in results if r.result.ipp is None), key=lambda r: r.lokus.unit.path)
    rows: list[RankRow] = []
    for index, found in enumerate(with_ipp):
        same = rows and rows[-1].found.result.ipp == found.result.ipp
        rows.append(RankRow(rows[-1].rank if same else index + 1, found))
    rows += [RankRow(None, found) for found in without]
    return rows


def summary(results: list[LokusResult]) -> Summary:
    """Units per grade, A to F, as KemenPANRB's releases count them (final results only), with D-F as
    "prioritas pembinaan"."""
    final = [r for r in results if r.result.final and r.result.grade]
    counts = {band.grade: 0 for band in PEKPPP_GRADES.bands}
    for found in final:
        counts[str(found.result.grade)] += 1
    grades = [
        GradeCount(band.grade, _(band.label), counts[band.grade], band.grade in PEKPPP_PRIORITY_GRADES)
        for band in PEKPPP_GRADES.bands
    ]
    return Summary(
        grades=grades,
        final=len(final),
        not_final=len(results) - len(final),
        priority=sum(g.count for g in grades if g.priority),
        total=len(results),
    )


def cycle_results(access: Access, cycle: Cycle) -> list[LokusResult]:
    """Results of the cycle's lokus the user may read, in one bulk read."""
    return results_of(readable(access, cycle, cycle_lokus(access, cycle)))


# --- F-03 links and progress ------------------------------------------------------------------------


@dataclass
class F03Row:
    lokus: Lokus
    link: PublicLink | None
    respondents: int
    minimum: int
    url: str = ""  # the public form's full address, filled by the page

    @property
    def missing(self) -> int:
        return max(self.minimum - self.respondents, 0)


def f03_rows(cycle: Cycle, lokus: list[Lokus]) -> list[F03Row]:
    """Each lokus' public F-03 link and its respondents so far (two queries for any number of lokus)."""
    links = {}
    if cycle.campaign_id:
        links = {
            link.unit_id: link
            for link in PublicLink.objects.filter(
                campaign_id=cycle.campaign_id, unit__in=[row.unit_id for row in lokus], service__isnull=True
            ).select_related("campaign")
        }
    instrument = cycle.framework_version.f03_instrument
    counts: dict[Any, int] = {}
    if instrument is not None and lokus:
        scope = Scope(units=[row.unit_id for row in lokus], period=cycle.period, instrument=instrument.code)
        counts = read.respondents(scope, {row.unit_id: row.unit_id for row in lokus})
    return [
        F03Row(row, links.get(row.unit_id), int(counts.get(row.unit_id) or 0), cycle.f03_minimum)
        for row in lokus
    ]
