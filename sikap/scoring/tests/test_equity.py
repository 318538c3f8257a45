"""Spread of indices across regions (min, max, range, CV, Gini) and the weighted regional index."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sikap.scoring.equity import GroupIndex, gini, spread, weighted_index

scores = st.lists(st.integers(min_value=0, max_value=10_000).map(lambda v: Fraction(v, 100)), min_size=1)


def test_the_spread_of_a_small_set_matches_a_hand_computation() -> None:
    result = spread([80, 90, 100])
    assert (result.count, result.minimum, result.maximum, result.range) == (3, 80.0, 100.0, 20.0)
    assert result.mean == 90.0
    assert result.sd == pytest.approx(math.sqrt(200 / 3))  # population sd
    assert result.cv == pytest.approx(math.sqrt(200 / 3) / 90)
    # |80-90| + |80-100| + |90-100| = 40, doubled over ordered pairs = 80; 80 / (2 * 9 * 90)
    assert result.gini == pytest.approx(80 / (2 * 9 * 90))


def test_one_region_with_everything_has_a_gini_near_one() -> None:
    assert gini([0, 0, 0, 100]) == pytest.approx(0.75)  # (n - 1) / n for one non-zero of n


def test_weights_repeat_values() -> None:
    weighted = spread([80, 90], weights=[3, 1])
    repeated = spread([80, 80, 80, 90])
    assert weighted.mean == repeated.mean == 82.5
    assert weighted.sd == pytest.approx(repeated.sd)
    assert weighted.gini == pytest.approx(repeated.gini)
    assert weighted.weighted and not repeated.weighted


def test_all_zero_values_have_no_cv_or_gini() -> None:
    result = spread([0, 0])
    assert result.cv is None and result.gini is None


@pytest.mark.parametrize(
    ("values", "weights"),
    [([], None), ([-1, 2], None), ([1, 2], [1]), ([1, 2], [0, 0]), ([1, 2], [1, -1])],
)
def test_it_rejects_impossible_input(values: list[int], weights: list[int] | None) -> None:
    with pytest.raises(ValueError):
        spread(values, weights)


@given(scores)
def test_the_spread_is_ordered_and_the_gini_lies_between_0_and_1(values: list[Fraction]) -> None:
    result = spread(values)
    assert result.minimum <= result.mean + 1e-9 and result.mean <= result.maximum + 1e-9
    assert result.range == pytest.approx(result.maximum - result.minimum)
    assert result.sd >= 0
    if result.gini is not None:
        assert 0 <= result.gini < 1


@given(scores, st.integers(min_value=1, max_value=50))
def test_cv_and_gini_do_not_change_with_the_unit_of_measure(values: list[Fraction], factor: int) -> None:
    plain, scaled = spread(values), spread([v * factor for v in values])
    if plain.gini is None:
        assert scaled.gini is None
        return
    assert scaled.gini == pytest.approx(plain.gini)
    assert scaled.cv == pytest.approx(plain.cv)


@given(scores, st.randoms())
def test_order_does_not_matter(values: list[Fraction], rng) -> None:  # type: ignore[no-untyped-def]
    shuffled = list(values)
    rng.shuffle(shuffled)
    assert spread(shuffled) == spread(values)


@given(st.integers(min_value=0, max_value=100), st.integers(min_value=1, max_value=30))
def test_equal_values_are_perfectly_even(value: int, count: int) -> None:
    result = spread([value] * count)
    assert result.sd == 0 and result.range == 0
    assert result.gini in (0.0, None)


@given(st.lists(st.tuples(st.integers(0, 100), st.integers(1, 20)), min_size=1, max_size=12))
def test_integer_weights_equal_repeating_each_value(pairs: list[tuple[int, int]]) -> None:
    values = [v for v, _ in pairs]
    weights = [w for _, w in pairs]
    repeated = [v for v, w in pairs for _ in range(w)]
    assert gini(values, weights) == (None if gini(repeated) is None else pytest.approx(gini(repeated)))


def test_the_pooled_regional_index_counts_every_respondent_once() -> None:
    groups = [GroupIndex("jabar", 30, 80), GroupIndex("bali", 10, 90), GroupIndex("papua", 0, 50)]
    pooled = weighted_index(groups)
    assert pooled.index == pytest.approx((30 * 80 + 10 * 90) / 40)
    assert pooled.weights == {"jabar": 0.75, "bali": 0.25}  # no respondents in Papua: left out
    assert pooled.mode == "pooled"
    equal = weighted_index(groups, "equal")
    assert equal.index == 85.0


def test_configured_weights_are_normalised() -> None:
    groups = [GroupIndex("pegawai", 50, 70), GroupIndex("pejabat", 5, 90)]
    result = weighted_index(groups, {"pegawai": 1, "pejabat": 3})
    assert result.index == pytest.approx(85.0)
    assert result.weights == {"pegawai": 0.25, "pejabat": 0.75}
    assert result.mode == "custom"


def test_a_missing_weight_is_an_error_not_a_silent_zero() -> None:
    with pytest.raises(ValueError, match="pejabat"):
        weighted_index([GroupIndex("pegawai", 5, 70), GroupIndex("pejabat", 5, 90)], {"pegawai": 1})


def test_no_respondents_gives_no_index() -> None:
    assert weighted_index([GroupIndex("a", 0, 70)]).index is None


@given(st.lists(st.tuples(st.integers(0, 100), st.integers(0, 40)), min_size=1, max_size=10))
def test_the_weighted_index_lies_between_the_group_indices(pairs: list[tuple[int, int]]) -> None:
    groups = [GroupIndex(str(i), n, v) for i, (v, n) in enumerate(pairs)]
    present = [v for v, n in pairs if n > 0]
    for mode in ("pooled", "equal"):
        result = weighted_index(groups, mode)  # type: ignore[arg-type]
        if not present:
            assert result.index is None
        else:
            assert result.index is not None
            assert min(present) - 1e-9 <= result.index <= max(present) + 1e-9
            assert sum(result.weights.values()) == pytest.approx(1.0)
