"""Analyses behind the index pages, read from the rollups only (never from submissions or answers).

Weakest elements, importance-performance quadrants, Cronbach's alpha, breakdowns with small-cell
suppression, the trend over periods, the margin of error achieved, and equity across Kanwil and units.
Every function does a fixed number of queries, whatever the number of units, elements or respondents.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext_lazy as _

from sikap import scoring
from sikap.indices import read
from sikap.indices.groups import units_with_k
from sikap.indices.methods import method_of
from sikap.indices.read import ElementMoments
from sikap.indices.results import ElementStat, IndexResult, result_from_rows
from sikap.indices.targets import population
from sikap.instruments.models import Field, InstrumentVersion
from sikap.instruments.queries import breakdown_fields
from sikap.organisation.models import Period, Service, Unit
from sikap.scoring.equity import GroupIndex, Spread, WeightedIndex, spread, weighted_index
from sikap.scoring.ipa import IpaInput, IpaResult, ipa
from sikap.scoring.reliability import Moments, alpha_label, cronbach_alpha
from sikap.scoring.statistics import mean_sd_from_aggregates

SERVICE_LABEL = _("Jenis layanan")
ALPHA_LABELS = {
    "sangat baik": _("sangat baik"),
    "baik": _("baik"),
    "dapat diterima": _("dapat diterima"),
    "meragukan": _("meragukan"),
    "lemah": _("lemah"),
    "tidak dapat diterima": _("tidak dapat diterima"),
    "tidak dapat dihitung": _("tidak dapat dihitung"),
}
BLANK = _("(tidak diisi)")


def to_score(version: InstrumentVersion, mean: float) -> float:
    """A mean answer on the version's scale as 0-100, the way the index's CI is mapped (IKM: x 25)."""
    return method_of(version).to_score(version, mean)


def weakest_elements(result: IndexResult, limit: int | None = None) -> list[ElementStat]:
    """Elements from the lowest mean up (ties by code): the priorities for improvement."""
    ranked = sorted((e for e in result.elements if e.mean is not None), key=lambda e: (e.mean, e.code))
    return ranked[:limit] if limit is not None else ranked


# --- per-respondent moments ---------------------------------------------------------------------------


def respondent_moments(scope: read.Scope) -> Moments:
    """One query: complete respondents' total scores as n, sum and sum of squares."""
    totals = read.totals_of(read.people(scope))
    return Moments(totals.n, totals.total, totals.sumsq)


def importance_performance(
    version: InstrumentVersion, moments: dict[int, ElementMoments]
) -> IpaResult | None:
    """IPA over the elements with importance answers; performance from the same (paired) answers.

    None when no element was rated for importance.
    """
    inputs = [
        IpaInput(e.code, Fraction(m.paired_total, m.paired_n), Fraction(m.importance_total, m.paired_n))
        for e in version.elements.all()
        if (m := moments.get(e.pk)) is not None and m.paired_n > 0
    ]
    return ipa(inputs) if inputs else None


@dataclass
class Reliability:
    alpha: float | None
    label: str
    k: int
    n: int  # complete respondents


def reliability(version: InstrumentVersion, items: dict[int, ElementMoments], totals: Moments) -> Reliability:
    """Cronbach's alpha: item variances from all answers, total variance from complete respondents."""
    elements = list(version.elements.all())
    moments = [
        Moments(m.n, m.total, m.sumsq) if (m := items.get(e.pk)) else Moments(0, 0, 0) for e in elements
    ]
    alpha = cronbach_alpha(moments, totals)
    label = alpha_label(alpha)
    return Reliability(alpha, str(ALPHA_LABELS.get(label, label)), len(elements), totals.n)


@dataclass
class Margin:
    """The margin of error a sample achieves, with the finite population correction when N is known."""

    population: int | None
    n: int
    score: float | None  # half-width on the 0-100 score, for the mean
    proportion: float  # e of a proportion at p = 0.5, the e the targets are set with
    corrected: bool
    population_too_small: bool = False


def achieved_margin(scope: read.Scope, respondents: int, totals: Moments) -> Margin | None:
    """Margin of error for the score (from respondents' totals) and for a proportion, given N."""
    if respondents < 1:
        return None
    version = scope.version
    assert version is not None and scope.period is not None
    people = population(scope.units, scope.period)
    too_small = people is not None and people < respondents
    usable = None if too_small else people
    k = len(version.elements.all())
    score_margin = None
    if totals.n >= 2 and k and (usable is None or totals.n <= usable):
        _mean, variance = mean_sd_from_aggregates(totals.n, totals.total, totals.sum_squares)
        # sd of a respondent's mean answer, stretched onto the 0-100 score (a linear map).
        slope = to_score(version, 1.0) - to_score(version, 0.0)
        score_margin = scoring.margin_of_error_achieved(
            totals.n, usable, sd=float(variance) ** 0.5 / k * slope
        )
    proportion = scoring.margin_of_error_achieved(respondents, usable)
    return Margin(people, respondents, score_margin, proportion, usable is not None, too_small)


# --- breakdowns with suppression ----------------------------------------------------------------------


@dataclass
class Cell:
    """One category of a breakdown; a suppressed cell carries no n and no mean at all."""

    category: str
    label: str
    n: int | None
    mean: float | None  # mean answer of complete respondents, on the version's scale
    score: float | None
    suppressed: bool = False
    complementary: bool = False


@dataclass
class Breakdown:
    dimension: str
    label: str
    cells: list[Cell] = field(default_factory=list)

    @property
    def suppressed(self) -> int:
        return sum(c.suppressed for c in self.cells)


def suppress(cells: list[Cell], min_cell: int) -> list[Cell]:
    """Hide every cell under `min_cell` respondents; when exactly one is hidden, hide the next smallest
    too, so its values cannot be recovered by subtracting the others from the total."""
    primary = [c for c in cells if c.n is not None and 0 < c.n < min_cell]
    hidden = list(primary)
    if len(primary) == 1:
        rest = sorted((c for c in cells if c is not primary[0] and c.n), key=lambda c: (c.n or 0, c.category))
        if rest:
            rest[0].complementary = True
            hidden.append(rest[0])
    for cell in hidden:
        cell.suppressed, cell.n, cell.mean, cell.score = True, None, None, None
    return cells


def _cell(
    version: InstrumentVersion,
    category: str,
    label: str,
    row: dict[str, Any],
    k: int,
    scored: IndexResult | None = None,
) -> Cell:
    if scored is not None:
        return Cell(category, label, row["n_"] or 0, scored.index, scored.score)
    complete = row["complete_"] or 0
    mean = (row["total"] or 0) / (complete * k) if complete and k else None
    return Cell(category, label, row["n_"] or 0, mean, to_score(version, mean) if mean is not None else None)


def profile_groups(
    version: InstrumentVersion, rows: Iterable[dict[str, Any]]
) -> list[tuple[Field, list[tuple[dict[str, Any], str]]]]:
    """The group rows of each breakdown field of the version, with their labels, in the defined order:
    the field's options (or bands) as defined, values it no longer defines after them by name, blank last.
    Labels are in the reader's language. Reads the version's fields (prefetched by `with_parts`)."""
    fields = breakdown_fields(version.pk)
    by_dimension: dict[str, list[dict[str, Any]]] = {f.dimension: [] for f in fields}
    for row in rows:
        if row["dimension"] in by_dimension and row["n_"]:
            by_dimension[row["dimension"]].append(row)
    groups = []
    for spec in fields:
        known = spec.categories()
        position = {category: i for i, (category, _label) in enumerate(known)}
        labels = dict(known)
        found = sorted(
            by_dimension[spec.dimension],
            key=lambda r: (r["category"] == "", position.get(r["category"], len(known)), r["category"]),
        )
        groups.append((spec, [(r, labels.get(r["category"]) or r["category"] or str(BLANK)) for r in found]))
    return groups


def breakdowns(scope: read.Scope, *, by_service: bool = True) -> list[Breakdown]:
    """n and mean score per group of each breakdown field of the version (sex, age band, education,
    occupation for the standard ones) and per service, small cells suppressed.

    The threshold is the instrument's `min_cell` (default 5). Two queries, three with services.

    An internal survey's version (`Method.internal`) uses its k when larger (one query more), pools only
    units with at least k respondents (one more), and, when its method keeps element groups, scores each
    cell by the method (the ILK or integrity index of the group; two queries instead of one).
    """
    version = scope.version
    assert version is not None and scope.period is not None
    k = len(version.elements.all())
    method = method_of(version)
    min_cell = version.instrument.min_cell
    if method.internal:
        floor, _profile = read.floor_of(version, scope.period)
        min_cell = max(min_cell, floor)
        scope = scope.replace(units=units_with_k(scope, floor))
    scored = _scored_groups(scope, version) if method.element_groups else {}
    by_dimension = {}
    for spec, rows in profile_groups(version, read.group_rows(scope)):
        breakdown = by_dimension[spec.dimension] = Breakdown(spec.dimension, spec.title())
        breakdown.cells = [
            _cell(version, row["category"], label, row, k, scored.get((spec.dimension, row["category"])))
            for row, label in rows
        ]
    if not by_service:
        result = list(by_dimension.values())
        for breakdown in result:
            suppress(breakdown.cells, min_cell)
        return result
    service_rows = read.service_rows(scope)
    names = dict(
        Service.objects.filter(
            pk__in=[r["service_key"] for r in service_rows if r["service_key"]]
        ).values_list("pk", "name")
    )
    services = Breakdown("service", str(SERVICE_LABEL))
    for row in sorted(service_rows, key=lambda r: (r["service_key"] == 0, names.get(r["service_key"], ""))):
        label = names.get(row["service_key"]) or str(BLANK)
        services.cells.append(_cell(version, str(row["service_key"]), label, row, k))
    result = [*by_dimension.values(), services]
    for breakdown in result:
        suppress(breakdown.cells, min_cell)
    return result


def _scored_groups(scope: read.Scope, version: InstrumentVersion) -> dict[tuple[str, str], IndexResult]:
    """Each (breakdown, category) scored by the version's method from its element moments (one query
    more than the group rows): the group's index on the method's own scale, with its score."""
    assert scope.period is not None
    elements = list(version.elements.all())
    return {
        key: result_from_rows(
            version,
            scope.period,
            scope.with_suspect,
            group.elements,
            {"people": group.respondents},
            intervals=False,
            elements=elements,
        )
        for key, group in read.element_groups(scope).items()
    }


# --- equity across Kanwil and units -------------------------------------------------------------------


@dataclass
class EquityRow:
    unit: Unit
    n: int
    score: float | None
    grade: str
    weight: float | None = None  # share in the weighted regional index


@dataclass
class Equity:
    """Indices of comparable units (each Kanwil pooling its subtree, or single units) and their spread."""

    rows: list[EquityRow]
    spread: Spread | None
    spread_by_n: Spread | None  # weighted by respondents
    regional: WeightedIndex | None

    @property
    def best(self) -> float:
        return max((r.score for r in self.rows if r.score is not None), default=0.0)


def kanwil_members(units: Iterable[Unit]) -> tuple[dict[int, Unit], dict[int, int]]:
    """The Kanwil among `units` and, for every unit below one, the Kanwil it pools into.

    `units` must be closed under subtrees (an access scope is), so no query is needed.
    """
    units = list(units)
    kanwils = {u.pk: u for u in units if u.kind == Unit.Kind.KANWIL}
    by_path = {u.path: u.pk for u in kanwils.values()}
    members: dict[int, int] = {}
    for unit in units:
        # The longest Kanwil path that prefixes the unit's path (Kanwil do not nest, but be safe).
        owner = max((p for p in by_path if unit.path.startswith(p)), key=len, default=None)
        if owner is not None:
            members[unit.pk] = by_path[owner]
    return kanwils, members


def equity(
    units: dict[int, Unit],
    members: dict[int, int],
    version: InstrumentVersion,
    period: Period,
    *,
    with_suspect: bool = False,
    weights: str = "pooled",
    unit_filter: Any = None,
) -> Equity:
    """Results per group unit (ranked best first) with the spread of their scores and a regional index."""
    ids = unit_filter if unit_filter is not None else list(members)
    results = read.results(
        read.Scope(ids, period, version, with_suspect=with_suspect), members, intervals=False
    )
    rows = [EquityRow(units[pk], r.respondents, r.score, r.grade) for pk, r in results.items() if pk in units]
    rows.sort(key=lambda r: (r.score is None, -(r.score or 0), r.unit.name))
    scored = [r for r in rows if r.score is not None]
    if not scored:
        return Equity(rows, None, None, None)
    values = [Fraction(str(r.score)) for r in scored]
    groups = [GroupIndex(r.unit.code, r.n, Fraction(str(r.score))) for r in scored]
    regional = weighted_index(groups, regional_weights(weights, groups, period))
    for row in scored:
        row.weight = regional.weights.get(row.unit.code, 0.0)
    by_n = spread(values, [r.n for r in scored]) if sum(r.n for r in scored) else None
    return Equity(rows, spread(values), by_n, regional)


def regional_weights(mode: str, groups: list[GroupIndex], period: Period) -> Any:
    """ "pooled" (default), "equal", or "custom": the period's own regional weights (unit code -> weight;
    a unit left out weighs 0)."""
    if mode == "custom":
        configured = period.regional_weights or {}
        return {g.key: configured.get(g.key, 0) for g in groups}
    return mode if mode in ("pooled", "equal") else "pooled"
