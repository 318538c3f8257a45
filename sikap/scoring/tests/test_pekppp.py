"""PEKPPP computation against hand-worked cases, band edges after rounding, policies and properties."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sikap.scoring.pekppp import (
    F03Method,
    F03Policy,
    Framework,
    Indicator,
    Reason,
    WeightError,
    aspect_score,
    check_weights,
    compute,
    f03_score,
    indicator_gaps,
    rounded,
)

D = Decimal

# PEKPPP.md, counter variant of the 2022 regime: (aspect, weight %, [indicator weights % in order]).
REGIME_2022 = [
    ("a", 24, [17, 14, 7, 14, 10, 17, 7, 7, 7]),
    ("b", 25, [10, 20, 20, 20, 30]),
    ("c", 18, [15, 23, 20, 20, 11, 11]),
    ("d", 11, [30, 20, 20, 30]),
    ("e", 10, [20, 25, 25, 30]),
    ("f", 12, [50, 50]),
]
F03_ITEMS = {
    **dict.fromkeys(("1", "2", "3", "4"), "I"),
    **dict.fromkeys(("5", "6", "7"), "II"),
    **dict.fromkeys(("8", "9", "10", "11"), "III"),
    **dict.fromkeys(("12", "14"), "IV"),
    "15": "V",
}


def regime_2022() -> Framework:
    indicators, number = [], 0
    for aspect, _weight, weights in REGIME_2022:
        for w in weights:
            number += 1
            indicators.append(Indicator(str(number), aspect, D(w)))
    return Framework(
        aspect_weights={a: D(w) for a, w, _ in REGIME_2022}, indicators=tuple(indicators), f03_items=F03_ITEMS
    )


# A small framework worked by hand: aspect a 60 % (a1 40 %, a2 60 %), aspect b 40 % (b1 100 %);
# F-03 items 1 and 2 in aspect I, item 3 in aspect II.
SMALL = Framework(
    aspect_weights={"a": D(60), "b": D(40)},
    indicators=(Indicator("a1", "a", D(40)), Indicator("a2", "a", D(60)), Indicator("b1", "b", D(100))),
    f03_items={"1": "I", "2": "I", "3": "II"},
)
SMALL_LEVELS = {"a1": 3, "a2": 4, "b1": 2}
SMALL_F03 = {"1": (40, 10), "2": (30, 10), "3": (20, 10)}  # item means 4, 3, 2


def test_the_2022_weights_are_valid_and_all_fives_give_five() -> None:
    framework = regime_2022()
    result = compute(framework, dict.fromkeys((i.code for i in framework.indicators), 5), {"1": (50, 10)}, 10)
    assert result.f02 == 5 and result.ipp == D("5.00") and result.grade == "A"


def test_aspect_scores_f02_and_ipp_by_hand_with_the_aspect_mean() -> None:
    # a = 0,40x3 + 0,60x4 = 3,6; b = 2; F-02 = 0,60x3,6 + 0,40x2 = 2,96.
    # F-03: aspect I (4+3)/2 = 3,5, aspect II 2 -> (3,5+2)/2 = 2,75. IPP = 0,75x2,96 + 0,25x2,75 = 2,9075.
    result = compute(SMALL, SMALL_LEVELS, SMALL_F03, 10)
    assert result.aspects == {"a": Fraction(18, 5), "b": Fraction(2)}
    assert result.f02 == Fraction("2.96")
    assert result.f03 == Fraction("2.75")
    assert result.ipp == D("2.91")
    assert (result.grade, result.label, result.final, result.priority) == ("C", "Cukup", True, False)
    assert result.reason is Reason.COMPLETE and result.f03_method is F03Method.ASPECT_MEAN


def test_the_item_mean_pools_every_item_alike() -> None:
    # (4+3+2)/3 = 3; IPP = 2,22 + 0,75 = 2,97.
    result = compute(SMALL, SMALL_LEVELS, SMALL_F03, 10, method="item-mean")
    assert result.f03 == 3 and result.ipp == D("2.97") and result.f03_method is F03Method.ITEM_MEAN


def test_items_without_answers_and_unknown_items_are_left_out_of_f03() -> None:
    assert f03_score({"1": Fraction(4), "99": Fraction(0)}, SMALL.f03_items) == 4
    assert f03_score({}, SMALL.f03_items) is None


def one_indicator(f02_share: str = "0.75") -> Framework:
    return Framework(
        aspect_weights={"a": D(100)},
        indicators=(Indicator("x", "a", D(100)),),
        f03_items={"1": "I"},
        f02_share=D(f02_share),
        f03_share=1 - D(f02_share),
    )


@pytest.mark.parametrize(
    ("level", "f03", "ipp", "grade"),
    [
        (5, (302, 100), "4.51", "A"),  # 3,75 + 0,755 = 4,505 -> 4,51: A, though 4,505 < 4,51
        (5, (3019, 1000), "4.50", "A-"),  # 4,50475 -> 4,50
        (4, (196, 10000), "3.00", "C"),  # 3 + 0,0049 = 3,0049 -> 3,00: C, not B-
        (4, (2, 100), "3.01", "B-"),  # 3,005 -> 3,01
        (2, (2, 100), "1.51", "D"),  # 1,5 + 0,005 = 1,505 -> 1,51
        (2, (1, 100), "1.50", "E"),  # 1,5025 -> 1,50
        (0, (396, 100), "0.99", "F"),
    ],
)
def test_band_edges_are_read_after_rounding_half_up(
    level: int, f03: tuple[int, int], ipp: str, grade: str
) -> None:
    result = compute(one_indicator(), {"x": level}, {"1": f03}, 10)
    assert (result.ipp, result.grade) == (D(ipp), grade)
    assert result.priority is (grade in {"D", "E", "F"})


def test_too_few_f03_blocks_by_default_and_says_how_many_are_missing() -> None:
    result = compute(SMALL, SMALL_LEVELS, SMALL_F03, 4)
    assert result.ipp is None and result.grade is None and result.label is None
    assert not result.final and result.reason is Reason.F03_TOO_FEW_BLOCKED
    assert result.f03_missing == 6 and result.f03 == Fraction("2.75")  # measured, shown, not used


def test_too_few_f03_under_zero_counts_f03_as_zero() -> None:
    result = compute(SMALL, SMALL_LEVELS, SMALL_F03, 4, policy="zero")
    assert result.f03 == 0 and result.ipp == D("2.22") and result.grade == "C-" and result.final
    assert result.reason is Reason.F03_TOO_FEW_ZERO


def test_too_few_f03_under_f02_only_takes_f02_as_the_ipp() -> None:
    result = compute(SMALL, SMALL_LEVELS, {}, 0, policy=F03Policy.F02_ONLY)
    assert result.f03 is None and result.ipp == D("2.96") and result.grade == "C" and result.final
    assert result.reason is Reason.F03_TOO_FEW_F02_ONLY


def test_the_minimum_reached_applies_no_policy() -> None:
    for policy in F03Policy:
        assert compute(SMALL, SMALL_LEVELS, SMALL_F03, 10, policy=policy).ipp == D("2.91")


def test_missing_levels_count_zero_and_the_result_is_not_final() -> None:
    result = compute(SMALL, {"a1": 3}, SMALL_F03, 10)
    assert result.aspects["a"] == Fraction(6, 5) and not result.final
    assert result.missing_levels == ("a2", "b1") and result.reason is Reason.F02_INCOMPLETE


def test_levels_outside_zero_to_five_or_for_unknown_indicators_are_refused() -> None:
    with pytest.raises(ValueError, match="0-5"):
        compute(SMALL, {"a1": 6}, {}, 0)
    with pytest.raises(ValueError, match="unknown indicators: zz"):
        compute(SMALL, {"zz": 1}, {}, 0)


def test_weights_must_sum_to_exactly_100() -> None:
    check_weights({"a": D("33.3"), "b": D("33.3"), "c": D("33.4")})
    with pytest.raises(WeightError, match=r"sum to 99\.99"):
        check_weights({"a": D("33.33"), "b": D("33.33"), "c": D("33.33")})
    with pytest.raises(WeightError, match="negative"):
        check_weights({"a": D(110), "b": D(-10)})
    with pytest.raises(WeightError, match="aspect a"):
        Framework({"a": D(100)}, (Indicator("x", "a", D(90)),), {})
    with pytest.raises(WeightError, match="shares"):
        Framework({"a": D(100)}, (Indicator("x", "a", D(100)),), {}, f02_share=D("0.7"))


def test_the_2017_aspect_weights_sum_to_100() -> None:
    check_weights(dict(zip("abcdef", (30, 18, 15, 15, 15, 7), strict=True)))


def test_gaps_and_display_rounding() -> None:
    assert indicator_gaps({"a1": 3}, ["a1", "a2"]) == {"a1": 2, "a2": 5}
    assert rounded(Fraction(29075, 10000), 2) == 2.91 and rounded(None, 4) is None
    assert aspect_score({"a": 5}, {"a": D(50), "b": D(50)}) == Fraction(5, 2)


# --- properties ---------------------------------------------------------------------------------------

FRAMEWORK = regime_2022()
CODES = [i.code for i in FRAMEWORK.indicators]
levels_st = st.fixed_dictionaries({code: st.integers(0, 5) for code in CODES})
item_st = st.integers(1, 50).flatmap(lambda n: st.tuples(st.integers(0, 5 * n), st.just(n)))
moments_st = st.fixed_dictionaries(dict.fromkeys(F03_ITEMS, item_st))


@settings(max_examples=60, deadline=None)
@given(levels_st, moments_st, st.sampled_from(list(F03Method)))
def test_the_ipp_stays_within_zero_and_five(
    levels: dict[str, int], moments: dict[str, tuple[int, int]], method: F03Method
) -> None:
    result = compute(FRAMEWORK, levels, moments, 10, method=method)
    assert result.ipp is not None and D(0) <= result.ipp <= D(5)
    assert 0 <= result.f02 <= 5 and result.f03 is not None and 0 <= result.f03 <= 5


@settings(max_examples=60, deadline=None)
@given(levels_st, moments_st, st.sampled_from(CODES), st.sampled_from(list(F03Policy)))
def test_raising_a_level_never_lowers_the_ipp(
    levels: dict[str, int], moments: dict[str, tuple[int, int]], code: str, policy: F03Policy
) -> None:
    respondents = 5  # under the minimum: every policy but block still gives an IPP
    before = compute(FRAMEWORK, levels, moments, respondents, policy=policy)
    raised = {**levels, code: min(5, levels[code] + 1)}
    after = compute(FRAMEWORK, raised, moments, respondents, policy=policy)
    assert after.f02 >= before.f02
    if before.ipp is not None and after.ipp is not None:
        assert after.ipp >= before.ipp


@settings(max_examples=60, deadline=None)
@given(levels_st, moments_st, st.sampled_from(list(F03_ITEMS)))
def test_a_better_f03_answer_never_lowers_the_ipp(
    levels: dict[str, int], moments: dict[str, tuple[int, int]], item: str
) -> None:
    total, n = moments[item]
    raised = {**moments, item: (min(5 * n, total + 1), n)}
    better, worse = compute(FRAMEWORK, levels, raised, 10).ipp, compute(FRAMEWORK, levels, moments, 10).ipp
    assert better is not None and worse is not None and better >= worse
