"""How even service is across regions or units: the spread of their indices, and a weighted regional index.

Exact arithmetic (`Fraction`) inside, floats out. Values are indices or 0-100 scores, so they must not be
negative (a Gini coefficient and a coefficient of variation only mean something for non-negative data).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from sikap.scoring._numbers import NumberLike, to_fraction

WeightMode = Literal["pooled", "equal"]


@dataclass(frozen=True)
class Spread:
    """Summary of how far a set of indices lies apart.

    `mean`, `sd` and `gini` use the weights when given (weight n = the value repeated n times); `minimum`,
    `maximum` and `range` do not depend on weights. `sd` is the population standard deviation (divide by
    the total weight, not by n - 1): the set is every region, not a sample of regions.
    """

    count: int
    minimum: float
    maximum: float
    range: float
    mean: float
    sd: float
    cv: float | None  # sd / mean; None when the mean is 0
    gini: float | None  # 0 = perfectly even; None when every value is 0
    weighted: bool


def _values(values: Sequence[NumberLike]) -> list[Fraction]:
    exact = [to_fraction(v, "value") for v in values]
    if not exact:
        raise ValueError("need at least one value for a spread")
    if any(v < 0 for v in exact):
        raise ValueError("values must not be negative")
    return exact


def _weights(weights: Sequence[NumberLike] | None, count: int) -> list[Fraction]:
    if weights is None:
        return [Fraction(1)] * count
    exact = [to_fraction(w, "weight") for w in weights]
    if len(exact) != count:
        raise ValueError(f"got {len(exact)} weights for {count} values")
    if any(w < 0 for w in exact) or sum(exact) == 0:
        raise ValueError("weights must be >= 0 with a positive total")
    return exact


def gini(values: Sequence[NumberLike], weights: Sequence[NumberLike] | None = None) -> float | None:
    """Gini coefficient: the mean absolute difference between pairs, over twice the mean.

    G = sum_i sum_j w_i w_j |x_i - x_j| / (2 W^2 mean). Computed in O(n log n) over sorted values.
    None when every value is 0 (the ratio is undefined).
    """
    xs = _values(values)
    ws = _weights(weights, len(xs))
    pairs = sorted((x, w) for x, w in zip(xs, ws, strict=True) if w > 0)
    total_weight = sum((w for _, w in pairs), Fraction(0))
    total_value = sum((w * x for x, w in pairs), Fraction(0))
    if total_value == 0:
        return None
    # For each value, its difference to all smaller ones: x_i * (weight below) - (weighted sum below).
    below_weight, below_value, half_sum = Fraction(0), Fraction(0), Fraction(0)
    for x, w in pairs:
        half_sum += w * (x * below_weight - below_value)
        below_weight += w
        below_value += w * x
    return float(half_sum / (total_weight * total_value))


def spread(values: Sequence[NumberLike], weights: Sequence[NumberLike] | None = None) -> Spread:
    """Minimum, maximum, range, mean, population sd, coefficient of variation and Gini of the values."""
    xs = _values(values)
    ws = _weights(weights, len(xs))
    total_weight = sum(ws, Fraction(0))
    mean = sum((w * x for x, w in zip(xs, ws, strict=True)), Fraction(0)) / total_weight
    variance = sum((w * (x - mean) ** 2 for x, w in zip(xs, ws, strict=True)), Fraction(0)) / total_weight
    sd = math.sqrt(variance)
    return Spread(
        count=len(xs),
        minimum=float(min(xs)),
        maximum=float(max(xs)),
        range=float(max(xs) - min(xs)),
        mean=float(mean),
        sd=sd,
        cv=None if mean == 0 else float(Fraction(sd) / mean),
        gini=gini(xs, ws),
        weighted=weights is not None,
    )


@dataclass(frozen=True)
class GroupIndex:
    """One region's or respondent group's index and how many respondents it rests on."""

    key: str
    n: int
    index: NumberLike


@dataclass(frozen=True)
class WeightedIndex:
    """A regional index as a weighted mean of group indices, with the normalised weights it used."""

    index: float | None
    weights: dict[str, float]  # normalised to sum to 1, groups without respondents left out
    mode: str  # "pooled", "equal" or "custom"


def weighted_index(
    groups: Sequence[GroupIndex], weights: WeightMode | Mapping[str, NumberLike] = "pooled"
) -> WeightedIndex:
    """Combine group indices into one: sum of w_g x index_g over the sum of w_g.

    - "pooled" (default): w_g = n_g, every respondent counts the same, whichever group they are in. This is
      the pooled index when each group index is a respondent mean (for element-mean indices such as the IKM
      it equals the pooled index when every respondent answered every element).
    - "equal": every group counts the same, however many respondents it has (a mean of means).
    - a mapping: the configured weight of each group key; every group with respondents needs one.

    Groups with no respondents are left out and the remaining weights renormalised.
    """
    present = [g for g in groups if g.n > 0]
    if any(g.n < 0 for g in groups):
        raise ValueError("a group cannot have a negative number of respondents")
    if len({g.key for g in groups}) != len(groups):
        raise ValueError("group keys must be unique")
    if isinstance(weights, str):
        if weights not in ("pooled", "equal"):
            raise ValueError(f"unknown weighting {weights!r} (use pooled, equal or a mapping)")
        raw = {g.key: Fraction(g.n) if weights == "pooled" else Fraction(1) for g in present}
        mode: str = weights
    else:
        missing = [g.key for g in present if g.key not in weights]
        if missing:
            raise ValueError(f"no weight for group(s) {', '.join(missing)}")
        raw = {g.key: to_fraction(weights[g.key], f"weight of {g.key}") for g in present}
        if any(w < 0 for w in raw.values()):
            raise ValueError("weights must not be negative")
        mode = "custom"
    total = sum(raw.values(), Fraction(0))
    if not present or total == 0:
        return WeightedIndex(index=None, weights={}, mode=mode)
    index = sum((raw[g.key] * to_fraction(g.index, "index") for g in present), Fraction(0)) / total
    return WeightedIndex(index=float(index), weights={k: float(w / total) for k, w in raw.items()}, mode=mode)
