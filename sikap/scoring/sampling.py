"""Minimum sample sizes (Krejcie & Morgan 1970, Slovin) and the margin of error a sample achieves."""

from __future__ import annotations

import math
from enum import StrEnum
from fractions import Fraction

from sikap.scoring._numbers import NumberLike, to_fraction

KM_CHI_SQUARE = Fraction("3.841")  # chi-square, 1 df, 95 %, as printed by Krejcie & Morgan
KM_PROPORTION = Fraction(1, 2)  # P = 0.5 maximises P(1-P), so the size is safe for any proportion
DEFAULT_MARGIN = Fraction(1, 20)  # d = e = 0.05
# The published table prints 384 for N = 100,000, the infinite-population limit, although the formula gives
# 382.63 there; no rounding rule reproduces that row. We follow the table: from this N on, use the limit.
KM_LARGE_POPULATION = 100_000
Z_95 = 1.96


class SampleMethod(StrEnum):
    """Sample-size formulas units may choose between."""

    KREJCIE_MORGAN = "krejcie-morgan"
    SLOVIN = "slovin"


def _check_population(population: object) -> int:
    """Population must be a whole number >= 0."""
    if isinstance(population, bool) or not isinstance(population, int) or population < 0:
        raise ValueError(f"population must be a whole number >= 0, got {population!r}")
    return population


def _check_margin(margin: NumberLike) -> Fraction:
    """Margin of error must lie strictly between 0 and 1."""
    value = to_fraction(margin, "margin of error")
    if not 0 < value < 1:
        raise ValueError(f"margin of error must be between 0 and 1 (exclusive), got {margin!r}")
    return value


def _round_half_up(value: Fraction) -> int:
    """Nearest whole number, halves up (values here are never negative)."""
    return math.floor(value + Fraction(1, 2))


def apply_floor(sample: int, population: int, floor: int | None) -> int:
    """Raise a sample to a floor (e.g. 30 respondents), but never above the population itself."""
    if floor is None:
        return sample
    if isinstance(floor, bool) or not isinstance(floor, int) or floor < 0:
        raise ValueError(f"floor must be a whole number >= 0, got {floor!r}")
    # A sample cannot exceed the population: with 20 users and a floor of 30, survey all 20.
    return min(max(sample, floor), population)


def krejcie_morgan_exact(
    population: int,
    *,
    margin: NumberLike = DEFAULT_MARGIN,
    chi_square: NumberLike = KM_CHI_SQUARE,
    proportion: NumberLike = KM_PROPORTION,
) -> Fraction:
    """The unrounded Krejcie-Morgan size s = X2 N P(1-P) / (d2 (N-1) + X2 P(1-P))."""
    n_pop = _check_population(population)
    d = _check_margin(margin)
    x2 = to_fraction(chi_square, "chi-square")
    p = to_fraction(proportion, "proportion")
    if x2 <= 0 or not 0 < p < 1:
        raise ValueError("chi-square must be > 0 and proportion between 0 and 1 (exclusive)")
    if n_pop == 0:
        return Fraction(0)
    spread = x2 * p * (1 - p)
    return spread * n_pop / (d * d * (n_pop - 1) + spread)


def krejcie_morgan(
    population: int,
    *,
    margin: NumberLike = DEFAULT_MARGIN,
    chi_square: NumberLike = KM_CHI_SQUARE,
    proportion: NumberLike = KM_PROPORTION,
    floor: int | None = None,
    table_convention: bool = True,
) -> int:
    """Krejcie & Morgan (1970) sample size, rounded to the nearest whole number as the published table is.

    Agrees with every row of the 1970 table. With `table_convention` (default) populations of 100,000 or
    more get the infinite-population size (384 at the defaults), as the table's N = 100,000 row does.
    """
    exact = krejcie_morgan_exact(population, margin=margin, chi_square=chi_square, proportion=proportion)
    sample = _round_half_up(exact)
    if table_convention and population >= KM_LARGE_POPULATION:
        spread = to_fraction(chi_square) * to_fraction(proportion) * (1 - to_fraction(proportion))
        limit = spread / (_check_margin(margin) ** 2)
        sample = min(max(sample, _round_half_up(limit)), population)
    return apply_floor(sample, population, floor)


def slovin_exact(population: int, margin: NumberLike = DEFAULT_MARGIN) -> Fraction:
    """The unrounded Slovin size n = N / (1 + N e2)."""
    n_pop = _check_population(population)
    e = _check_margin(margin)
    return n_pop / (1 + n_pop * e * e)


def slovin(population: int, margin: NumberLike = DEFAULT_MARGIN, *, floor: int | None = None) -> int:
    """Slovin sample size, rounded up; exact arithmetic so float noise can never push a whole result up."""
    sample = math.ceil(slovin_exact(population, margin))
    return apply_floor(sample, population, floor)


def sample_size(
    population: int,
    method: SampleMethod | str = SampleMethod.KREJCIE_MORGAN,
    margin: NumberLike = DEFAULT_MARGIN,
    floor: int | None = None,
) -> int:
    """Minimum sample for a population by the chosen method, optionally raised to a floor."""
    try:
        chosen = SampleMethod(method)
    except ValueError:
        raise ValueError(f"unknown sample-size method {method!r} (use krejcie-morgan or slovin)") from None
    if chosen is SampleMethod.SLOVIN:
        return slovin(population, margin, floor=floor)
    return krejcie_morgan(population, margin=margin, floor=floor)


def finite_population_correction(n: int, population: int | None) -> float:
    """Finite population correction sqrt((N-n)/(N-1)); 1 for an unknown (infinite) population."""
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"sample size must be a whole number >= 1, got {n!r}")
    if population is None:
        return 1.0
    n_pop = _check_population(population)
    if n > n_pop:
        raise ValueError(f"sample size {n} exceeds population {n_pop}")
    if n == n_pop:
        return 0.0  # a census has no sampling error
    return math.sqrt((n_pop - n) / (n_pop - 1))


def margin_of_error_mean(n: int, population: int | None, sd: float, *, z: float = Z_95) -> float:
    """Half-width of a z interval for a mean: z sd / sqrt(n) x sqrt((N-n)/(N-1))."""
    if not math.isfinite(sd) or sd < 0:
        raise ValueError(f"standard deviation must be a finite number >= 0, got {sd!r}")
    correction = finite_population_correction(n, population)  # validates n first
    return z * sd / math.sqrt(n) * correction


def margin_of_error_proportion(
    n: int, population: int | None, proportion: float = 0.5, *, z: float = Z_95
) -> float:
    """Half-width of a z interval for a proportion: z sqrt(p(1-p)/n) x sqrt((N-n)/(N-1))."""
    if not 0 <= proportion <= 1:
        raise ValueError(f"proportion must be between 0 and 1, got {proportion!r}")
    correction = finite_population_correction(n, population)  # validates n first
    return z * math.sqrt(proportion * (1 - proportion) / n) * correction


def margin_of_error_achieved(
    n: int,
    population: int | None,
    *,
    sd: float | None = None,
    proportion: float | None = None,
    z: float = Z_95,
) -> float:
    """Margin of error a sample of n achieves: for a mean when `sd` is given, else for a proportion.

    With neither, the proportion is 0.5 (the widest case). `population=None` means no finite correction.
    """
    if sd is not None and proportion is not None:
        raise ValueError("give either sd (for a mean) or proportion, not both")
    if sd is not None:
        return margin_of_error_mean(n, population, sd, z=z)
    return margin_of_error_proportion(n, population, 0.5 if proportion is None else proportion, z=z)
