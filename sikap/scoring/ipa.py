"""Importance-performance analysis (Martilla & James 1977), as Indonesian SKM reports use it.

Each element is placed against the crosshair of the overall means: the mean of the elements' performance
means and the mean of their importance means. A point exactly on a mean line counts as high on that axis.

| quadrant | importance | performance | label |
|---|---|---|---|
| I | high | low | Prioritas utama (concentrate here) |
| II | high | high | Pertahankan prestasi (keep up the good work) |
| III | low | low | Prioritas rendah (low priority) |
| IV | low | high | Berlebihan (possible overkill) |
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from sikap.scoring._numbers import NumberLike, to_fraction


class Quadrant(StrEnum):
    """The four IPA quadrants, numbered as in Indonesian reports."""

    I = "I"  # noqa: E741 - the quadrant's published name
    II = "II"
    III = "III"
    IV = "IV"


QUADRANT_LABELS: dict[Quadrant, str] = {
    Quadrant.I: "Prioritas utama",
    Quadrant.II: "Pertahankan prestasi",
    Quadrant.III: "Prioritas rendah",
    Quadrant.IV: "Berlebihan",
}


@dataclass(frozen=True)
class IpaInput:
    """One element's mean performance and mean importance (on the same scale)."""

    code: str
    performance: NumberLike
    importance: NumberLike


@dataclass(frozen=True)
class IpaPoint:
    """One element placed in its quadrant, with its gap and conformity level."""

    code: str
    performance: float
    importance: float
    quadrant: Quadrant
    gap: float  # performance - importance (negative: below expectation)
    conformity: float | None  # tingkat kesesuaian, 100 x performance / importance, in percent

    @property
    def label(self) -> str:
        return QUADRANT_LABELS[self.quadrant]


@dataclass(frozen=True)
class IpaResult:
    """Every element's quadrant and the crosshair (overall means) it was placed against."""

    points: list[IpaPoint]
    performance_mean: float
    importance_mean: float

    def in_quadrant(self, quadrant: Quadrant) -> list[IpaPoint]:
        return [p for p in self.points if p.quadrant is quadrant]


def quadrant(
    performance: NumberLike, importance: NumberLike, performance_mean: NumberLike, importance_mean: NumberLike
) -> Quadrant:
    """The quadrant of one point against the crosshair (on a line counts as high)."""
    high_importance = to_fraction(importance) >= to_fraction(importance_mean)
    high_performance = to_fraction(performance) >= to_fraction(performance_mean)
    if high_importance:
        return Quadrant.II if high_performance else Quadrant.I
    return Quadrant.IV if high_performance else Quadrant.III


def ipa(elements: Sequence[IpaInput]) -> IpaResult:
    """Place every element in its quadrant relative to the means over all elements."""
    if not elements:
        raise ValueError("importance-performance analysis needs at least one element")
    if len({e.code for e in elements}) != len(elements):
        raise ValueError("element codes must be unique")
    perf = [to_fraction(e.performance, f"performance of {e.code}") for e in elements]
    imp = [to_fraction(e.importance, f"importance of {e.code}") for e in elements]
    perf_mean = sum(perf, Fraction(0)) / len(perf)
    imp_mean = sum(imp, Fraction(0)) / len(imp)
    points = [
        IpaPoint(
            code=e.code,
            performance=float(p),
            importance=float(i),
            quadrant=quadrant(p, i, perf_mean, imp_mean),
            gap=float(p - i),
            conformity=None if i == 0 else float(100 * p / i),
        )
        for e, p, i in zip(elements, perf, imp, strict=True)
    ]
    return IpaResult(points=points, performance_mean=float(perf_mean), importance_mean=float(imp_mean))
