"""PEKPPP (PermenPANRB 29/2022): aspect scores, F-02, F-03, the Indeks Pelayanan Publik and its grade.

Numbers in, numbers out, exact throughout (`Fraction`); the IPP alone is rounded, half up to 2 decimals,
at the very end, and graded on that rounded value (`PEKPPP_GRADES`). Weights are data (percentages that
must sum to exactly 100 among siblings; F-02/F-03 shares that must sum to exactly 1), passed in by the
caller from the framework version it evaluates.

- Aspect score = sum over its indicators of (indicator weight % / 100 x level 0-5).
- F-02 = sum over aspects of (aspect weight % / 100 x aspect score).
- F-03 = the mean of the F-03 aspect means, each the mean of its item means ("aspect-mean", default), or
  the mean of all item means ("item-mean").
- IPP = w02 x F-02 + w03 x F-03; with fewer F-03 respondents than the minimum the cycle's policy says:
  `block` (no IPP, not final, how many are missing), `zero` (F-03 counts 0), `f02-only` (IPP = F-02).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from sikap.scoring._numbers import NumberLike, round_half_up, to_fraction
from sikap.scoring.grades import PEKPPP_GRADES, PEKPPP_PRIORITY_GRADES

LEVELS = range(0, 6)  # an F-02 level and an F-03 answer are 0..5
IPP_PLACES = 2


class F03Policy(StrEnum):
    """What a result does when F-03 has fewer respondents than the minimum."""

    BLOCK = "block"  # no IPP: the result is not final (default)
    ZERO = "zero"  # F-03 counts as 0
    F02_ONLY = "f02-only"  # IPP = F-02


class F03Method(StrEnum):
    """How F-03 pools its item means."""

    ASPECT_MEAN = "aspect-mean"  # mean of the aspect means, each the mean of its item means (default)
    ITEM_MEAN = "item-mean"  # mean of all item means


class Reason(StrEnum):
    """Why a result is what it is (the Django side words it in the reader's language)."""

    COMPLETE = "complete"
    F02_INCOMPLETE = "f02-incomplete"  # some indicators have no level yet (counted 0, not final)
    F03_TOO_FEW_BLOCKED = "f03-too-few-blocked"
    F03_TOO_FEW_ZERO = "f03-too-few-zero"
    F03_TOO_FEW_F02_ONLY = "f03-too-few-f02-only"


class WeightError(ValueError):
    """A weight set whose siblings do not sum to exactly 100 % (or F-02/F-03 shares not to 1)."""


@dataclass(frozen=True)
class Indicator:
    """An F-02 indicator: its code, its aspect's code and its weight within the aspect (%)."""

    code: str
    aspect: str
    weight: Decimal


@dataclass(frozen=True)
class Framework:
    """What a computation needs from a framework version: weights and the F-03 structure."""

    aspect_weights: Mapping[str, Decimal]  # aspect code (a..f) -> % of F-02
    indicators: tuple[Indicator, ...]
    f03_items: Mapping[str, str]  # F-03 item code ("1".."15") -> F-03 aspect (I..V)
    f02_share: Decimal = Decimal("0.75")
    f03_share: Decimal = Decimal("0.25")
    f03_minimum: int = 10

    def __post_init__(self) -> None:
        check_weights(self.aspect_weights, "aspect weights")
        for aspect in self.aspect_weights:
            check_weights(
                {i.code: i.weight for i in self.indicators if i.aspect == aspect},
                f"indicator weights of aspect {aspect}",
            )
        strays = sorted({i.aspect for i in self.indicators} - set(self.aspect_weights))
        if strays:
            raise WeightError(f"indicators name unknown aspects: {', '.join(strays)}")
        if to_fraction(self.f02_share) + to_fraction(self.f03_share) != 1:
            raise WeightError(f"F-02 and F-03 shares must sum to 1, not {self.f02_share + self.f03_share}")
        if self.f03_minimum < 0:
            raise ValueError("the F-03 minimum cannot be negative")


def check_weights(weights: Mapping[str, NumberLike], what: str = "weights") -> None:
    """Refuse sibling weights (%) that are negative or do not sum to exactly 100."""
    if not weights:
        raise WeightError(f"{what}: no weights")
    values = {code: to_fraction(value, f"{what} {code}") for code, value in weights.items()}
    negative = sorted(code for code, value in values.items() if value < 0)
    if negative:
        raise WeightError(f"{what}: negative weight for {', '.join(negative)}")
    total = sum(values.values(), Fraction(0))
    if total != 100:
        raise WeightError(f"{what}: sum to {_plain(total)} %, not 100 %")


def weights_sum(weights: Iterable[NumberLike]) -> Fraction:
    """The exact sum of weights (to tell a user by how much a set misses 100 %)."""
    return sum((to_fraction(w) for w in weights), Fraction(0))


def _plain(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else f"{float(value):g}"


def _level(value: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value not in LEVELS:
        raise ValueError(f"{what}: a level is an integer 0-5, got {value!r}")
    return value


def aspect_score(levels: Mapping[str, int], weights: Mapping[str, NumberLike]) -> Fraction:
    """Sum of (weight % / 100 x level) over the aspect's indicators; a missing level counts 0."""
    return sum(
        (to_fraction(w) / 100 * _level(levels.get(code, 0), code) for code, w in weights.items()),
        Fraction(0),
    )


def f02_score(aspect_scores: Mapping[str, Fraction], aspect_weights: Mapping[str, NumberLike]) -> Fraction:
    """Sum of (aspect weight % / 100 x aspect score)."""
    return sum(
        (to_fraction(w) / 100 * aspect_scores.get(code, Fraction(0)) for code, w in aspect_weights.items()),
        Fraction(0),
    )


def item_means(moments: Mapping[str, tuple[int, int]]) -> dict[str, Fraction]:
    """Each F-03 item's mean from its (sum, count) of answers; items without answers are left out."""
    return {code: Fraction(total, n) for code, (total, n) in moments.items() if n}


def f03_score(
    means: Mapping[str, Fraction],
    item_aspects: Mapping[str, str],
    method: F03Method = F03Method.ASPECT_MEAN,
) -> Fraction | None:
    """F-03 from the item means (items outside `item_aspects` are ignored); None without any answer."""
    known = {code: mean for code, mean in means.items() if code in item_aspects}
    if not known:
        return None
    if F03Method(method) is F03Method.ITEM_MEAN:
        return sum(known.values(), Fraction(0)) / len(known)
    by_aspect: dict[str, list[Fraction]] = {}
    for code, mean in known.items():
        by_aspect.setdefault(item_aspects[code], []).append(mean)
    aspect_means = [sum(values, Fraction(0)) / len(values) for values in by_aspect.values()]
    return sum(aspect_means, Fraction(0)) / len(aspect_means)


@dataclass(frozen=True)
class Result:
    """One unit's PEKPPP result. Exact figures; `ipp` is the rounded index (None when blocked)."""

    aspects: dict[str, Fraction]
    f02: Fraction
    f03: Fraction | None  # the F-03 that entered the IPP (0 under `zero`); the measured one otherwise
    f03_respondents: int
    f03_minimum: int
    f03_method: F03Method
    policy: F03Policy
    ipp: Decimal | None
    grade: str | None
    label: str | None
    final: bool
    reason: Reason
    missing_levels: tuple[str, ...] = field(default_factory=tuple)

    @property
    def f03_missing(self) -> int:
        """How many more F-03 respondents the minimum asks for (0 when reached)."""
        return max(0, self.f03_minimum - self.f03_respondents)

    @property
    def priority(self) -> bool:
        """ "Prioritas pembinaan": graded D, E or F."""
        return self.grade in PEKPPP_PRIORITY_GRADES


def indicator_gaps(levels: Mapping[str, int], codes: Iterable[str]) -> dict[str, int]:
    """How far each indicator's level is from 5 (a missing level is 5 away)."""
    return {code: 5 - _level(levels.get(code, 0), code) for code in codes}


def compute(
    framework: Framework,
    levels: Mapping[str, int],
    f03_moments: Mapping[str, tuple[int, int]],
    f03_respondents: int,
    *,
    policy: F03Policy | str = F03Policy.BLOCK,
    method: F03Method | str = F03Method.ASPECT_MEAN,
) -> Result:
    """The whole result: aspect scores, F-02, F-03, IPP (rounded at the end), grade and finality.

    `levels` maps indicator code -> level 0-5 (missing: counted 0, result not final); `f03_moments`
    maps F-03 item code -> (sum of answers, count of answers); `f03_respondents` counts respondents.
    """
    policy, method = F03Policy(policy), F03Method(method)
    unknown = sorted(set(levels) - {i.code for i in framework.indicators})
    if unknown:
        raise ValueError(f"levels for unknown indicators: {', '.join(unknown)}")
    aspects = {
        aspect: aspect_score(levels, {i.code: i.weight for i in framework.indicators if i.aspect == aspect})
        for aspect in framework.aspect_weights
    }
    f02 = f02_score(aspects, framework.aspect_weights)
    missing = tuple(i.code for i in framework.indicators if i.code not in levels)
    measured = f03_score(item_means(f03_moments), framework.f03_items, method)
    enough = f03_respondents >= framework.f03_minimum and measured is not None
    w02, w03 = to_fraction(framework.f02_share), to_fraction(framework.f03_share)
    f03: Fraction | None = measured
    exact: Fraction | None
    if enough:
        assert measured is not None
        exact, reason = w02 * f02 + w03 * measured, Reason.COMPLETE
    elif policy is F03Policy.ZERO:
        f03, exact, reason = Fraction(0), w02 * f02, Reason.F03_TOO_FEW_ZERO
    elif policy is F03Policy.F02_ONLY:
        exact, reason = f02, Reason.F03_TOO_FEW_F02_ONLY
    else:
        exact, reason = None, Reason.F03_TOO_FEW_BLOCKED
    if missing and reason in (Reason.COMPLETE, Reason.F03_TOO_FEW_ZERO, Reason.F03_TOO_FEW_F02_ONLY):
        reason = Reason.F02_INCOMPLETE
    ipp = round_half_up(exact, IPP_PLACES) if exact is not None else None
    band = PEKPPP_GRADES.grade_for(ipp) if ipp is not None else None
    return Result(
        aspects=aspects,
        f02=f02,
        f03=f03,
        f03_respondents=f03_respondents,
        f03_minimum=framework.f03_minimum,
        f03_method=method,
        policy=policy,
        ipp=ipp,
        grade=band.grade if band else None,
        label=band.label if band else None,
        final=ipp is not None and not missing,
        reason=reason,
        missing_levels=missing,
    )


def rounded(value: Fraction | Decimal | None, places: int) -> float | None:
    """A figure rounded half up for display or JSON (aspects, F-02, F-03 to 4; the IPP already is)."""
    if value is None:
        return None
    return float(round_half_up(to_fraction(value), places))


__all__ = [
    "F03Method",
    "F03Policy",
    "Framework",
    "Indicator",
    "Reason",
    "Result",
    "WeightError",
    "aspect_score",
    "check_weights",
    "compute",
    "f02_score",
    "f03_score",
    "indicator_gaps",
    "item_means",
    "rounded",
    "weights_sum",
]
