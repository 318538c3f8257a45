"""Mean and confidence interval of a mean from rollups (n, sum, sum of squares), without scipy.

The Student t quantile inverts the t CDF, computed from the regularised incomplete beta function
(continued fraction, Numerical Recipes 6.4) by bisection: accurate to about 1e-12 against published tables
for df >= 1. Above 10**6 degrees of freedom the normal quantile is used (difference below 3e-6).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from fractions import Fraction
from statistics import NormalDist

from sikap.scoring._numbers import NumberLike, to_fraction
from sikap.scoring.sampling import finite_population_correction

_LARGE_DF = 1e6
_CF_MAX_ITERATIONS = 10_000
_CF_EPSILON = 1e-16
_TINY = 1e-300


def _beta_continued_fraction(a: float, b: float, x: float) -> float:
    """Continued fraction for the incomplete beta function (modified Lentz)."""
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c = 1.0
    d = 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > _TINY else _TINY)
    h = d
    for m in range(1, _CF_MAX_ITERATIONS + 1):
        m2 = 2 * m
        for aa in (
            m * (b - m) * x / ((qam + m2) * (a + m2)),
            -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2)),
        ):
            d = 1.0 + aa * d
            d = 1.0 / (d if abs(d) > _TINY else _TINY)
            c = 1.0 + aa / c
            c = c if abs(c) > _TINY else _TINY
            step = d * c
            h *= step
        if abs(step - 1.0) < _CF_EPSILON:
            return h
    raise ArithmeticError("incomplete beta continued fraction did not converge")  # pragma: no cover


def regularized_incomplete_beta(a: float, b: float, x: float) -> float:
    """I_x(a, b) for a, b > 0 and 0 <= x <= 1."""
    if a <= 0 or b <= 0 or not 0 <= x <= 1:
        raise ValueError("incomplete beta needs a, b > 0 and 0 <= x <= 1")
    if x in (0.0, 1.0):
        return x
    log_front = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    front = math.exp(log_front)
    # The continued fraction converges fast only on this side; use the symmetry I_x(a,b) = 1 - I_1-x(b,a).
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _beta_continued_fraction(a, b, x) / a
    return 1.0 - front * _beta_continued_fraction(b, a, 1.0 - x) / b


def student_t_cdf(t: float, df: float) -> float:
    """P(T <= t) for Student's t with df degrees of freedom."""
    if df <= 0:
        raise ValueError(f"degrees of freedom must be > 0, got {df!r}")
    tail = 0.5 * regularized_incomplete_beta(df / 2.0, 0.5, df / (df + t * t))
    return 1.0 - tail if t > 0 else tail


def student_t_quantile(p: float, df: float) -> float:
    """The t value with P(T <= t) = p, by bisection on the CDF."""
    if not 0 < p < 1:
        raise ValueError(f"probability must be between 0 and 1 (exclusive), got {p!r}")
    if df <= 0:
        raise ValueError(f"degrees of freedom must be > 0, got {df!r}")
    if df > _LARGE_DF:
        return NormalDist().inv_cdf(p)
    if p < 0.5:
        return -student_t_quantile(1.0 - p, df)
    low, high = 0.0, 1.0
    while student_t_cdf(high, df) < p:
        low, high = high, high * 2.0
    for _ in range(200):
        middle = (low + high) / 2.0
        if middle in (low, high):
            break
        if student_t_cdf(middle, df) < p:
            low = middle
        else:
            high = middle
    return (low + high) / 2.0


# Pages ask for the same few degrees of freedom over and over; the bisection costs milliseconds.
@functools.lru_cache(maxsize=4096)
def t_critical(df: float, confidence: float = 0.95) -> float:
    """Two-sided critical value of t for a confidence level (df=10, 0.95 -> 2.2281)."""
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1 (exclusive), got {confidence!r}")
    return student_t_quantile(1.0 - (1.0 - confidence) / 2.0, df)


@dataclass(frozen=True)
class MeanInterval:
    """A sample mean with its standard deviation and a two-sided t confidence interval."""

    n: int
    mean: float
    sd: float
    standard_error: float
    critical_value: float
    half_width: float
    lower: float
    upper: float
    confidence: float
    population: int | None


def mean_sd_from_aggregates(n: int, total: NumberLike, sum_squares: NumberLike) -> tuple[Fraction, Fraction]:
    """Exact mean and sample variance (n - 1 denominator) from n, sum and sum of squares."""
    if isinstance(n, bool) or not isinstance(n, int) or n < 2:
        raise ValueError(f"need at least 2 observations for a variance, got n={n!r}")
    s1 = to_fraction(total, "sum")
    s2 = to_fraction(sum_squares, "sum of squares")
    # Exact arithmetic avoids the catastrophic cancellation of sum_squares - sum**2 / n in floats.
    squared_deviations = s2 - s1 * s1 / n
    if squared_deviations < 0:
        raise ValueError("sum of squares is smaller than sum**2 / n: the aggregates are inconsistent")
    return s1 / n, squared_deviations / (n - 1)


def mean_ci(
    n: int,
    total: NumberLike,
    sum_squares: NumberLike,
    *,
    confidence: float = 0.95,
    population: int | None = None,
) -> MeanInterval:
    """Mean and t confidence interval from rollups; `population` applies the finite population correction."""
    mean, variance = mean_sd_from_aggregates(n, total, sum_squares)
    sd = math.sqrt(variance)
    standard_error = sd / math.sqrt(n) * finite_population_correction(n, population)
    critical = t_critical(n - 1, confidence)
    half = critical * standard_error
    centre = float(mean)
    return MeanInterval(
        n=n,
        mean=centre,
        sd=sd,
        standard_error=standard_error,
        critical_value=critical,
        half_width=half,
        lower=centre - half,
        upper=centre + half,
        confidence=confidence,
        population=population,
    )
