"""Roll-ups of internal indices over units as strata, and how even they are ("penimbangan per wilayah").

Each unit with respondents is a stratum. The roll-up of a Kanwil, an Eselon I or the ministry is the
headcount-weighted mean of its strata's indices, W_u = N_u / sum N (N = the unit's headcount for the
period, `sikap.internal.queries.headcounts`); strata without respondents drop out and the roll-up says
how much of the headcount it covers. Beside it, labelled: the pooled index of all respondents and the
plain mean of the units' indices.

Anonymity: a unit with fewer than k respondents is no stratum, and its answers are in no figure of a
roll-up (the pooled index and breakdowns leave it out too, see `read._pooled`), so nothing about it can
be found by subtracting its siblings from the parent; its headcount counts as not covered.

Bulk first: `rollups` answers for many groups in a fixed number of queries (the units below, the
results per unit, the pooled results per group, the headcounts; about a dozen in all).
"""

from __future__ import annotations

import operator
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from functools import reduce
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sikap.indices import read
from sikap.indices.methods import method_of
from sikap.indices.results import IndexResult
from sikap.instruments.models import InstrumentVersion
from sikap.organisation.models import Period, Unit
from sikap.scoring.equity import Spread, spread
from sikap.scoring.ilk import headcount_weighted

HEADCOUNT_WEIGHTED = "headcount-weighted"
POOLED = "pooled"
PLAIN_MEAN = "plain-mean"
ROLLUP_LABELS = {
    HEADCOUNT_WEIGHTED: _("rata-rata tertimbang jumlah pegawai atas unit yang memiliki responden"),
    POOLED: _("gabungan seluruh responden"),
    PLAIN_MEAN: _("rata-rata sederhana antarunit"),
}


@dataclass
class Stratum:
    """One unit of a roll-up: its own result and headcount, its weight (None when it is no stratum:
    no respondents, fewer than k, or no headcount) and whether it lies too far below the roll-up."""

    unit: Unit
    result: IndexResult | None
    headcount: int | None
    weight: float | None = None
    flagged: bool = False

    @property
    def index(self) -> float | None:
        return None if self.result is None or self.result.suppressed else self.result.index


@dataclass
class Figure:
    """A roll-up figure under one convention: the index on its own scale, the score and the grade."""

    rollup: str
    index: float | None
    score: float | None
    grade: str = ""

    @property
    def label(self) -> str:
        return str(ROLLUP_LABELS[self.rollup])


@dataclass
class RollUp:
    """An internal index of a unit's subtree: the headline is headcount-weighted (`weighted`); the pooled
    result of all respondents and the plain mean of units are offered beside it."""

    unit: Unit
    version: InstrumentVersion
    period: Period
    weighted: Figure
    pooled: IndexResult
    plain: Figure
    headcount: int  # the subtree's population: every unit's headcount
    covered: int  # the headcount of the strata
    strata: list[Stratum] = field(default_factory=list)
    flag_below: float = 0.25
    suppressed: bool = False

    @property
    def coverage(self) -> float | None:
        """The share of the subtree's headcount in units with respondents (None without headcounts)."""
        return self.covered / self.headcount if self.headcount else None

    @property
    def respondents(self) -> int:
        return self.pooled.respondents

    @property
    def flagged(self) -> list[Stratum]:
        return [s for s in self.strata if s.flagged]

    def figures(self) -> list[Figure]:
        pooled = Figure(POOLED, self.pooled.index, self.pooled.score, self.pooled.grade)
        return [self.weighted, pooled, self.plain]


def flag_below(version: InstrumentVersion) -> float:
    """How far below its roll-up a unit is flagged: the version's `scoring["flag_below"]`, else the
    method's default (0,25 on the ILK's 1-4 scale)."""
    configured = (version.scoring or {}).get("flag_below")
    return float(configured) if configured is not None else method_of(version).flag_below


def rollups(
    groups: Iterable[Unit], version: InstrumentVersion, period: Period, *, with_suspect: bool = False
) -> dict[int, RollUp]:
    """Each group unit's roll-up over its subtree (by unit id), in a fixed number of queries."""
    groups = list(groups)
    if not groups:
        return {}
    from sikap.internal.queries import headcounts

    below = list(
        Unit.objects.filter(reduce(operator.or_, (Q(path__startswith=g.path) for g in groups), Q(pk__in=[])))
    )
    ids = [u.pk for u in below]
    scope = read.Scope(ids, period, version, with_suspect=with_suspect)
    own = read.results(scope, {pk: pk for pk in ids}, intervals=False)
    pooled = read.results(scope, read.Nested.subtrees(groups, below), intervals=False)
    people = headcounts(ids, period)
    _k, profile = read.floor_of(version, period)
    method, threshold = method_of(version), flag_below(version)
    found = {}
    for group in groups:
        members = [u for u in below if u.path.startswith(group.path)]
        strata = [Stratum(u, own.get(u.pk), people.get(u.pk)) for u in members]
        result = pooled.get(group.pk) or _empty(version, period, with_suspect)
        found[group.pk] = _rollup(group, version, period, result, strata, profile, method, threshold)
    return found


def rollup(unit: Unit, version: InstrumentVersion, period: Period, *, with_suspect: bool = False) -> RollUp:
    """`rollups` of one unit."""
    return rollups([unit], version, period, with_suspect=with_suspect)[unit.pk]


def _empty(version: InstrumentVersion, period: Period, with_suspect: bool) -> IndexResult:
    from sikap.indices.results import result_from_rows

    return result_from_rows(version, period, with_suspect, {}, {})


def _rollup(
    group: Unit,
    version: InstrumentVersion,
    period: Period,
    pooled: IndexResult,
    strata: list[Stratum],
    profile: str,
    method: Any,
    threshold: float,
) -> RollUp:
    usable = [s for s in strata if s.index is not None and s.headcount]
    headcount = sum(s.headcount or 0 for s in strata)
    covered = sum(s.headcount or 0 for s in usable)
    weighted = Figure(HEADCOUNT_WEIGHTED, None, None)
    plain = Figure(PLAIN_MEAN, None, None)
    if usable:
        values = {s.unit.code: (_exact(s.index), s.headcount or 0) for s in usable}
        mean, total = headcount_weighted(values)
        weighted = _figure(HEADCOUNT_WEIGHTED, mean, version, profile, method)
        for s in usable:
            s.weight = float(Fraction(s.headcount or 0) / total)
            s.flagged = (s.index or 0) < float(mean) - threshold
    scored = [s for s in strata if s.index is not None]
    if scored:
        plain_mean = sum((Fraction(str(s.index)) for s in scored), Fraction(0)) / len(scored)
        plain = _figure(PLAIN_MEAN, plain_mean, version, profile, method)
    return RollUp(
        group,
        version,
        period,
        weighted,
        pooled,
        plain,
        headcount,
        covered,
        strata,
        threshold,
        suppressed=not scored and pooled.respondents > 0,
    )


def _figure(rollup: str, index: Fraction, version: InstrumentVersion, profile: str, method: Any) -> Figure:
    if method.grade_index is None:
        return Figure(rollup, float(index), None)
    score, grade = method.grade_index(version, index, profile)
    return Figure(rollup, float(index), score, grade)


def _exact(value: float | None) -> Fraction:
    return Fraction(str(value))


# --- equity across Kanwil and across unit levels ----------------------------------------------------------


@dataclass
class EquityRow:
    """One region or unit level: its headcount-weighted index and the headcount it covers."""

    key: str
    label: str
    index: float | None
    score: float | None
    headcount: int
    flagged: bool = False


@dataclass
class Equity:
    """How even the rows are: min, max, range, headcount-weighted SD and CV (`spread`), rows more than
    `flag_below` under the reference (the roll-up above them) flagged."""

    rows: list[EquityRow]
    spread: Spread | None
    reference: float | None
    flag_below: float

    @property
    def flagged(self) -> list[EquityRow]:
        return [r for r in self.rows if r.flagged]


def _equity(rows: list[EquityRow], reference: float | None, threshold: float) -> Equity:
    scored = [r for r in rows if r.index is not None and r.headcount > 0]
    for row in scored:
        row.flagged = reference is not None and (row.index or 0) < reference - threshold
    values = [Fraction(str(r.index)) for r in scored]
    measured = spread(values, [r.headcount for r in scored]) if scored else None
    rows.sort(key=lambda r: (r.index is None, -(r.index or 0), r.label))
    return Equity(rows, measured, reference, threshold)


def across(regions: dict[int, RollUp], reference: RollUp | None = None) -> Equity:
    """Equity across regions (each Kanwil's roll-up), weighted by the headcount each covers, against the
    reference roll-up (the ministry or Eselon I above them)."""
    items = list(regions.values())
    threshold = items[0].flag_below if items else 0.25
    rows = [EquityRow(r.unit.code, r.unit.name, r.weighted.index, r.weighted.score, r.covered) for r in items]
    return _equity(rows, reference.weighted.index if reference else None, threshold)


def by_level(rollup: RollUp) -> Equity:
    """Equity across unit levels (Unit.kind: Eselon I, Kanwil, division, UPT...) within a roll-up: each
    level's headcount-weighted index over its strata."""
    levels: dict[str, list[Stratum]] = {}
    for stratum in rollup.strata:
        if stratum.index is not None and stratum.headcount:
            levels.setdefault(stratum.unit.kind, []).append(stratum)
    labels = dict(Unit.Kind.choices)
    rows = []
    for kind, strata in levels.items():
        mean, total = headcount_weighted({s.unit.code: (_exact(s.index), s.headcount or 0) for s in strata})
        grade_index = method_of(rollup.version).grade_index
        score = grade_index(rollup.version, mean, "")[0] if grade_index is not None else None
        rows.append(EquityRow(kind, str(labels.get(kind, kind)), float(mean), score, int(total)))
    return _equity(rows, rollup.weighted.index, rollup.flag_below)
