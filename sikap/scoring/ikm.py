"""IKM (Indeks Kepuasan Masyarakat) per PermenPANRB 14/2017, computed exactly from per-element rollups."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from sikap.scoring._numbers import NumberLike, round_half_up, to_fraction
from sikap.scoring.aggregate import (
    AnswerRow,
    NoAnswersError,
    aggregate_rows,
    check_aggregate,
    check_respondents,
)
from sikap.scoring.regulations import DEFAULT_REGULATION, Regulation, get_regulation

# Custom weights written as decimals (e.g. nine times 0.1111111111111111) may miss 1 by float noise only.
WEIGHT_SUM_TOLERANCE = Fraction(1, 10**9)


class WeightMode(StrEnum):
    """How element weights are chosen."""

    EXACT = "exact"  # 1/n for each of the regulation's n elements (the regulation's intent)
    LITERAL = "literal"  # the rounded weight printed in many reports (0.111 or 0.11): lowers the result
    CUSTOM = "custom"  # a unit's own weights, which must sum to 1


WeightsArg = WeightMode | str | Mapping[str, NumberLike]


@dataclass(frozen=True)
class Weights:
    """Resolved weights: the mode, weight per element code (in order) and a human label."""

    mode: WeightMode
    by_code: dict[str, Fraction]
    label: str


@dataclass(frozen=True)
class ElementScore:
    """One element's result: answers, sum, weight and NRR (exact, and rounded to 4 decimals)."""

    code: str
    name: str | None
    n: int
    total: int
    weight: Fraction
    nrr_exact: Fraction | None

    @property
    def nrr(self) -> Decimal | None:
        """NRR rounded half up to 4 decimals, as reports print it; None when nobody answered."""
        return None if self.nrr_exact is None else round_half_up(self.nrr_exact, 4)


@dataclass(frozen=True)
class IkmResult:
    """An IKM result stamped with the regulation and weight convention it was computed under."""

    regulation: str
    weight_mode: WeightMode
    weight_label: str
    respondents: int
    elements: tuple[ElementScore, ...]
    ikm_exact: Fraction
    score_exact: Fraction
    grade: str
    performance: str

    @property
    def ikm(self) -> Decimal:
        """IKM on the 1-4 scale, rounded half up to 4 decimals."""
        return round_half_up(self.ikm_exact, 4)

    @property
    def score(self) -> Decimal:
        """Converted score (IKM x 25, range 25-100), rounded half up to 2 decimals; the grade uses it."""
        return round_half_up(self.score_exact, 2)

    @property
    def nrr(self) -> dict[str, Decimal | None]:
        """NRR per element code, rounded to 4 decimals."""
        return {element.code: element.nrr for element in self.elements}

    def element(self, code: str) -> ElementScore:
        """The result for one element code."""
        for element in self.elements:
            if element.code == code:
                return element
        raise KeyError(code)


def _format_weight(value: Fraction) -> str:
    """Show a weight as a decimal when it is one, else as a fraction (1/9)."""
    decimal = value.limit_denominator(10**12)
    as_decimal = Decimal(decimal.numerator) / Decimal(decimal.denominator)
    if Fraction(as_decimal) == value:
        return str(as_decimal.normalize())
    return f"{value.numerator}/{value.denominator}"


def resolve_weights(
    weights: WeightsArg = WeightMode.EXACT,
    *,
    regulation: str | Regulation = DEFAULT_REGULATION,
    literal_weight: NumberLike | None = None,
) -> Weights:
    """Turn a weight mode or a custom mapping into exact weights per element code."""
    reg = get_regulation(regulation)
    if isinstance(weights, Mapping):
        return _custom_weights(weights)
    try:
        mode = WeightMode(weights)
    except ValueError:
        raise ValueError(f"unknown weight mode {weights!r}: use 'exact', 'literal' or a mapping") from None
    if mode is WeightMode.CUSTOM:
        raise ValueError("weight mode 'custom' needs a mapping of element code to weight")
    if mode is WeightMode.EXACT:
        share = Fraction(1, len(reg.codes))
        label = f"bobot tepat {_format_weight(share)} per unsur (exact weight {_format_weight(share)})"
        return Weights(mode, dict.fromkeys(reg.codes, share), label)
    raw = reg.literal_weight if literal_weight is None else literal_weight
    value = to_fraction(raw, "literal weight")
    if not 0 < value <= 1:
        raise ValueError(f"literal weight must be in (0, 1], got {raw!r}")
    shown = _format_weight(value)
    label = (
        f"bobot dibulatkan {shown.replace('.', ',')} per unsur, konvensi literal "
        f"(rounded weight {shown} per element, literal convention)"
    )
    return Weights(WeightMode.LITERAL, dict.fromkeys(reg.codes, value), label)


def _custom_weights(weights: Mapping[str, NumberLike]) -> Weights:
    """Validate a unit's own weights: non-negative, at least one positive, summing to 1."""
    if not weights:
        raise ValueError("custom weights must name at least one element")
    by_code: dict[str, Fraction] = {}
    for code, raw in weights.items():
        if not isinstance(code, str) or not code.strip():
            raise ValueError(f"custom weights: element code must be a non-empty string, got {code!r}")
        value = to_fraction(raw, f"weight of {code}")
        if value < 0:
            raise ValueError(f"custom weights: weight of {code} is negative ({raw!r})")
        by_code[code] = value
    total = sum(by_code.values(), Fraction(0))
    if abs(total - 1) > WEIGHT_SUM_TOLERANCE:
        raise ValueError(f"custom weights must sum to 1, they sum to {float(total):.10g}")
    return Weights(WeightMode.CUSTOM, by_code, "bobot khusus unit (custom weights)")


def ikm_from_aggregates(
    sums: Mapping[str, int],
    counts: Mapping[str, int],
    *,
    respondents: int | None = None,
    regulation: str | Regulation = DEFAULT_REGULATION,
    weights: WeightsArg = WeightMode.EXACT,
    literal_weight: NumberLike | None = None,
) -> IkmResult:
    """Compute the IKM from per-element answer sums and counts (missing codes count as unanswered).

    Only the elements in the weight set are read. An element with a non-zero weight and no answers raises
    NoAnswersError: weights are never silently renormalised; pass custom weights that leave it out.
    `respondents` defaults to the largest element n.
    """
    reg = get_regulation(regulation)
    resolved = resolve_weights(weights, regulation=reg, literal_weight=literal_weight)
    checked = {
        code: check_aggregate(code, sums.get(code, 0), counts.get(code, 0), reg.scale_min, reg.scale_max)
        for code in resolved.by_code
    }
    unanswered = [code for code, (_, n) in checked.items() if n == 0 and resolved.by_code[code] != 0]
    if unanswered:
        raise NoAnswersError(unanswered, "pass explicit weights that leave them out (or give them weight 0)")
    elements = tuple(
        ElementScore(
            code=code,
            name=reg.element_name(code),
            n=n,
            total=total,
            weight=resolved.by_code[code],
            nrr_exact=Fraction(total, n) if n else None,
        )
        for code, (total, n) in checked.items()
    )
    ikm_exact = sum(
        (e.nrr_exact * e.weight for e in elements if e.nrr_exact is not None and e.weight), Fraction(0)
    )
    score_exact = ikm_exact * reg.conversion_factor
    band = reg.grade_table.grade_for(score_exact)
    return IkmResult(
        regulation=reg.version,
        weight_mode=resolved.mode,
        weight_label=f"{resolved.label}, {reg.title}",
        respondents=check_respondents(respondents, {code: n for code, (_, n) in checked.items()}),
        elements=elements,
        ikm_exact=ikm_exact,
        score_exact=score_exact,
        grade=band.grade,
        performance=band.label,
    )


def ikm_from_rows(
    rows: Iterable[AnswerRow],
    *,
    regulation: str | Regulation = DEFAULT_REGULATION,
    weights: WeightsArg = WeightMode.EXACT,
    literal_weight: NumberLike | None = None,
) -> IkmResult:
    """Compute the IKM from answer rows (element code -> 1-4 or None); blanks leave only that element."""
    reg = get_regulation(regulation)
    resolved = resolve_weights(weights, regulation=reg, literal_weight=literal_weight)
    totals = aggregate_rows(rows, list(resolved.by_code), reg.scale_min, reg.scale_max)
    return ikm_from_aggregates(
        totals.sums,
        totals.counts,
        respondents=totals.respondents,
        regulation=reg,
        weights=resolved.by_code if resolved.mode is WeightMode.CUSTOM else resolved.mode,
        literal_weight=literal_weight,
    )
