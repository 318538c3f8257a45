"""Reads behind the internal-survey pages (the ILK and the integrity index) and their reports: a unit's own
result, or its subtree's headcount-weighted roll-up with its units as strata; the ILK's domain x aspect
table; breakdowns under k; equity across Kanwil and unit levels; the figure per period. Through the read
model (`sikap.indices.read`) and `strata` only, in a number of queries that does not grow with the units
(the trend of a roll-up costs one roll-up per period shown, at most `TREND_PERIODS`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import prefetch_related_objects
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sikap.indices import analysis, read, strata
from sikap.indices.methods import convention_label
from sikap.indices.queries import Choice, default_period, version_for
from sikap.indices.results import IndexResult, Part
from sikap.instruments.models import InstrumentVersion
from sikap.organisation.models import Period, Unit

TREND_PERIODS = 6
# The ILK's aspects: the item code after the domain's (KEP.K, KEP.T, KEP.A).
ASPECTS = (
    ("K", gettext_lazy("Kualitas")),
    ("T", gettext_lazy("Ketersediaan")),
    ("A", gettext_lazy("Aksesibilitas")),
)


def choose(params: Any, code: str) -> Choice:
    """The period asked for (`periode`, else the default one), the instrument's version answered in it
    and whether suspect answers count (`curiga`), as the dashboards' filter form reads them."""
    periods = list(Period.objects.order_by("-start"))
    wanted = params.get("periode") or ""
    period = next((p for p in periods if str(p.pk) == wanted), None) or default_period()
    choice = choice_for(period, code, params.get("curiga") == "1")
    choice.periods = periods
    return choice


def choice_for(period: Period | None, code: str, with_suspect: bool = False) -> Choice:
    """The instrument's version answered in the period (its elements prefetched), as a `Choice`."""
    version = version_for(code, period) if period is not None else None
    if version is not None:
        # Scored once per unit and per group: the elements read once, not by every score.
        prefetch_related_objects([version], "elements")
    versions = [version] if version is not None else []
    return Choice([period] if period else [], period, versions, version, with_suspect=with_suspect)


@dataclass
class Headline:
    """The figure a page leads with, and the conditions it rests on (said before the number)."""

    index: float | None
    score: float | None
    grade: str
    respondents: int
    k: int
    suppressed: bool
    rollup: strata.RollUp | None = None
    headcount: int | None = None

    @property
    def shown(self) -> bool:
        return not self.suppressed and self.index is not None


@dataclass
class GridRow:
    """One ILK domain: its score and the mean of each aspect's item (None without answers or under k)."""

    part: Part
    cells: list[tuple[float | None, int]] = field(default_factory=list)  # (mean 1-4, n) per aspect


@dataclass
class TrendPoint:
    """One period's figure with the condition it rests on (n, k, coverage of the headcount)."""

    period: Period
    version: InstrumentVersion
    index: float | None
    score: float | None
    grade: str
    respondents: int
    condition: str


def headline(
    unit: Unit, result: IndexResult, rollup: strata.RollUp | None, headcount: int | None
) -> Headline:
    k = result.k or 5
    if rollup is None:
        return Headline(
            result.index,
            result.score,
            result.grade,
            result.respondents,
            k,
            result.suppressed,
            None,
            headcount,
        )
    figure = rollup.weighted
    # Withheld under k only when no unit has k respondents; without headcounts it is merely not computable.
    hidden = rollup.suppressed or (figure.index is None and rollup.pooled.suppressed)
    return Headline(
        figure.index, figure.score, figure.grade, rollup.respondents, k, hidden, rollup, rollup.headcount
    )


def grid(result: IndexResult) -> list[GridRow]:
    """The domain x aspect table from the result's element means (element codes DOMAIN.ASPECT)."""
    domains = result.part("domains")
    if domains is None:
        return []
    by_code = {e.code: e for e in result.elements}
    rows = []
    for part in domains.rows:
        cells = []
        for aspect, _label in ASPECTS:
            stat = by_code.get(f"{part.code}.{aspect}")
            cells.append((stat.mean, stat.n) if stat is not None else (None, 0))
        rows.append(GridRow(part, cells))
    return rows


def weakest_parts(result: IndexResult) -> list[Part]:
    """The result's first parts (ILK domains, integrity dimensions) with a value, weakest first."""
    if not result.parts:
        return []
    rows = [r for r in result.parts[0].rows if r.value is not None]
    return sorted(rows, key=lambda r: (r.value, r.code))


def condition(result: IndexResult, rollup: strata.RollUp | None = None) -> str:
    """What a figure rests on, in words: respondents and k, or why it is withheld; a roll-up's coverage."""
    k = result.k or 5
    if result.suppressed or (rollup is not None and rollup.suppressed):
        return _("kurang dari k = %(k)s responden per unit: angka tidak ditampilkan") % {"k": k}
    said = _("%(n)s responden, k = %(k)s") % {"n": result.respondents, "k": k}
    if rollup is not None and rollup.coverage is None:
        said += "; " + _("jumlah pegawai belum tercatat")
    if rollup is not None and rollup.coverage is not None:
        said += "; " + _("mencakup %(p)s %% jumlah pegawai") % {
            "p": f"{100 * rollup.coverage:.1f}".replace(".", ",")
        }
    return said


def convention(result: IndexResult) -> str:
    """The convention the figure follows (the method's, when a withheld result carries none)."""
    return result.convention or convention_label(result.version)


def profile_title(result: IndexResult) -> str:
    """The integrity category profile's title (kept when the figures are withheld); "" for methods whose
    grade comes from no profile (the ILK's SKM grade table)."""
    from sikap.indices.methods_internal import INTEGRITY
    from sikap.scoring.integrity import PROFILES

    found = PROFILES.get(result.profile) if result.profile else None
    return found.title if found is not None and result.method.code == INTEGRITY.code else ""


def perspective_rows(result: IndexResult, k: int) -> list[tuple[Part, bool]]:
    """The ILK's perspectives, each with whether it is withheld (under k, or the complement of one that
    is: the read model decides, `results.hide_small_parts`)."""
    part = result.part("perspectives")
    return [(r, r.hidden) for r in part.rows] if part is not None else []


def unit_board(unit: Unit, units: list[Unit], choice: Choice) -> dict[str, Any]:
    """A unit's internal index: its own result (a unit without units below) or its subtree's roll-up,
    with the pooled result's parts, the strata, breakdowns and the figure per period."""
    period, version, suspect = choice.period, choice.version, choice.with_suspect
    assert period is not None and version is not None
    from sikap.internal.queries import headcounts

    ids = [u.pk for u in units]
    scope = read.Scope(ids, period, version, with_suspect=suspect)
    rollup = strata.rollup(unit, version, period, with_suspect=suspect) if len(units) > 1 else None
    result = rollup.pooled if rollup is not None else read.result(scope, intervals=False)
    people = None if rollup is not None else headcounts([unit.pk], period).get(unit.pk)
    min_cell = max(version.instrument.min_cell, result.k or 5)
    groups = analysis.breakdowns(scope, by_service=False)
    return {
        "result": result,
        "headline": headline(unit, result, rollup, people),
        "condition": condition(result, rollup),
        "convention": convention(result),
        "profile_title": profile_title(result),
        "perspectives": perspective_rows(result, min_cell),
        "grid": grid(result),
        "aspects": ASPECTS,
        "weakest": weakest_parts(result),
        "levels": strata.by_level(rollup) if rollup is not None else None,
        "min_cell": min_cell,
        "groups": groups,
        "trend": trend(
            unit, ids, version.instrument.code, suspect, rollup=rollup is not None, current=rollup
        ),
    }


def trend(
    unit: Unit,
    ids: list[int],
    code: str,
    with_suspect: bool,
    *,
    rollup: bool,
    current: strata.RollUp | None = None,
) -> list[TrendPoint]:
    """The figure per period, oldest first (the last `TREND_PERIODS`): a unit's own result, or its
    subtree's headcount-weighted roll-up (one roll-up per period; `current`, the page's own, is reused)."""
    found = read.trend(read.Scope(ids, instrument=code, with_suspect=with_suspect), intervals=False)
    points = []
    for result in found[-TREND_PERIODS:]:
        if not rollup:
            points.append(
                TrendPoint(
                    result.period,
                    result.version,
                    result.index,
                    result.score,
                    result.grade,
                    result.respondents,
                    condition(result),
                )
            )
            continue
        same = current is not None and (current.period.pk, current.version.pk) == (
            result.period.pk,
            result.version.pk,
        )
        each = (
            current
            if same and current is not None
            else strata.rollup(unit, result.version, result.period, with_suspect=with_suspect)
        )
        figure = each.weighted
        points.append(
            TrendPoint(
                result.period,
                result.version,
                None if each.suppressed else figure.index,
                None if each.suppressed else figure.score,
                "" if each.suppressed else figure.grade,
                each.respondents,
                condition(each.pooled, each),
            )
        )
    return points


@dataclass
class RankRow:
    """A Kanwil or a unit level on the ranking: its equity row and, for a Kanwil, its roll-up."""

    rank: int | None
    row: strata.EquityRow
    rollup: strata.RollUp | None = None


def ranking_board(top: Unit, units: list[Unit], choice: Choice) -> dict[str, Any]:
    """The Kanwil under `top` ranked by their headcount-weighted index, the unit levels, the equity
    measures of both and the top unit's figure per period. About a dozen queries for any number of
    Kanwil, plus one roll-up per period of the trend."""
    period, version, suspect = choice.period, choice.version, choice.with_suspect
    assert period is not None and version is not None
    kanwils = [u for u in units if u.kind == Unit.Kind.KANWIL and u.pk != top.pk]
    found = strata.rollups([top, *kanwils], version, period, with_suspect=suspect)
    overall = found[top.pk]
    regions = {k.pk: found[k.pk] for k in kanwils}
    across = strata.across(regions, overall) if regions else None
    by_code = {r.unit.code: r for r in regions.values()}
    levels = strata.by_level(overall)
    return {
        "overall": overall,
        "headline": headline(top, overall.pooled, overall, overall.headcount),
        "condition": condition(overall.pooled, overall),
        "convention": convention(overall.pooled),
        "result": overall.pooled,
        "across": across,
        "kanwil_rows": _ranked(across, by_code) if across else [],
        "levels": levels,
        "level_rows": _ranked(levels, {}),
        "trend": trend(
            top, [u.pk for u in units], version.instrument.code, suspect, rollup=True, current=overall
        ),
    }


def _ranked(equity: strata.Equity, rollups: dict[str, strata.RollUp]) -> list[RankRow]:
    rows, rank = [], 0
    for row in equity.rows:
        if row.index is not None:
            rank += 1
        rows.append(RankRow(rank if row.index is not None else None, row, rollups.get(row.key)))
    return rows
