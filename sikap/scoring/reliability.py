"""Cronbach's alpha from rollups (n, sum and sum of squares), without numpy or scipy.

alpha = k / (k - 1) x (1 - sum of item variances / variance of the total score)

The rollups this is fed from differ slightly from the textbook data matrix: each item's variance comes from
*every* answer to that item, while the variance of the total score can only come from *complete*
respondents (those who answered every item; a partial total is not comparable). When the form requires
every answer the two sets are the same people and the result is exactly the textbook alpha; with some
blanks it is a close pairwise-available estimate. Both variances use the n - 1 denominator, which cancels
in the ratio when the sets are equal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from sikap.scoring._numbers import NumberLike, to_fraction


@dataclass(frozen=True)
class Moments:
    """n, sum and sum of squares of one variable (an item's answers, or respondents' total scores)."""

    n: int
    total: NumberLike
    sum_squares: NumberLike


def sample_variance(moments: Moments) -> Fraction | None:
    """Exact sample variance (n - 1 denominator); None when n < 2."""
    n = moments.n
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise ValueError(f"n must be a whole number >= 0, got {n!r}")
    if n < 2:
        return None
    s1 = to_fraction(moments.total, "sum")
    s2 = to_fraction(moments.sum_squares, "sum of squares")
    squared_deviations = s2 - s1 * s1 / n
    if squared_deviations < 0:
        raise ValueError("sum of squares is smaller than sum**2 / n: the rollup is inconsistent")
    return squared_deviations / (n - 1)


def cronbach_alpha_exact(items: Sequence[Moments], totals: Moments) -> Fraction | None:
    """Cronbach's alpha as an exact fraction; None when undefined (k < 2, an item or the totals with
    n < 2, or no variance in the total score)."""
    k = len(items)
    if k < 2:
        return None
    variances = [sample_variance(item) for item in items]
    total_variance = sample_variance(totals)
    if total_variance is None or total_variance == 0:
        return None
    item_sum = Fraction(0)
    for variance in variances:
        if variance is None:
            return None
        item_sum += variance
    return Fraction(k, k - 1) * (1 - item_sum / total_variance)


def cronbach_alpha(items: Sequence[Moments], totals: Moments) -> float | None:
    """Cronbach's alpha as a float (it can be negative when items disagree); None when undefined."""
    exact = cronbach_alpha_exact(items, totals)
    return None if exact is None else float(exact)


def alpha_label(alpha: float | None) -> str:
    """The usual rule-of-thumb reading of alpha (George & Mallery), in Indonesian."""
    if alpha is None:
        return "tidak dapat dihitung"
    for limit, label in (
        (0.9, "sangat baik"),
        (0.8, "baik"),
        (0.7, "dapat diterima"),
        (0.6, "meragukan"),
        (0.5, "lemah"),
    ):
        if alpha >= limit:
            return label
    return "tidak dapat diterima"
