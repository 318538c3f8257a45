"""IPKP / IPAK: mean of item means on 1-6, labelled linear conversion, and the 3.60 threshold."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from sikap.scoring import (
    SPAK,
    SPKP,
    Conversion,
    NoAnswersError,
    meets_threshold,
    perception_from_aggregates,
    perception_from_rows,
)

K = SPKP.codes


def test_the_index_is_the_mean_of_item_means_not_of_all_answers() -> None:
    # K1 has 2 answers averaging 6, the others 10 answers averaging 5: mean of means is 41/8, not pooled.
    sums = {**dict.fromkeys(K, 50), "K1": 12}
    counts = {**dict.fromkeys(K, 10), "K1": 2}
    result = perception_from_aggregates(sums, counts)
    assert result.index_6_exact == Fraction(6 + 5 * 7, 8)
    assert result.index_name == "IPKP"
    assert result.respondents == 10


def test_the_linear_conversion_maps_1_6_onto_1_4_and_0_100() -> None:
    # Two answers per item summing to 2, 12 and 7 give item means 1, 6 and 3.5.
    cases = [
        (2, Fraction(1), Fraction(0)),
        (12, Fraction(4), Fraction(100)),
        (7, Fraction(5, 2), Fraction(50)),
    ]
    for total, x4, pct in cases:
        result = perception_from_aggregates(dict.fromkeys(K, total), dict.fromkeys(K, 2))
        assert (result.index_4_exact, result.index_100_exact) == (x4, pct)
        assert result.conversion == "linear"
        assert "x4 = 1 + 3(m6 - 1)/5" in result.conversion_label


def test_the_threshold_is_3_60_on_the_1_4_scale_compared_as_shown() -> None:
    # m6 = 5.3333 gives x4 = 3.6 exactly; m6 = 5.3 gives 3.58.
    passing = perception_from_aggregates(dict.fromkeys(K, 16), dict.fromkeys(K, 3))
    assert passing.index_4_exact == Fraction(18, 5)
    assert passing.passed
    failing = perception_from_aggregates(dict.fromkeys(K, 53), dict.fromkeys(K, 10))
    assert failing.index_4 == Decimal("3.5800")
    assert not failing.passed
    assert perception_from_aggregates(dict.fromkeys(K, 53), dict.fromkeys(K, 10), threshold="3.5").passed
    assert meets_threshold(Decimal("3.595"))
    assert not meets_threshold(Decimal("3.5949"))


def test_spak_from_rows_with_blanks() -> None:
    rows: list[dict[str, int | None]] = [
        {"A1": 6, "A2": 6, "A3": 5, "A4": 6, "A5": 6},
        {"A1": 4, "A2": None, "A3": 5, "A4": 6, "A5": 6},
        {"A1": None, "A2": None, "A3": None, "A4": None, "A5": None},
    ]
    result = perception_from_rows(rows, instrument="spak")
    assert result.respondents == 2
    assert [item.n for item in result.items] == [2, 1, 2, 2, 2]
    assert result.index_6_exact == (5 + 6 + 5 + 6 + 6) / Fraction(len(SPAK.codes))
    assert result.index_name == "IPAK"


def test_an_item_nobody_answered_raises_unless_left_out() -> None:
    sums, counts = dict.fromkeys(K, 50), dict.fromkeys(K, 10)
    sums["K5"] = counts["K5"] = 0
    with pytest.raises(NoAnswersError, match="K5"):
        perception_from_aggregates(sums, counts)
    result = perception_from_aggregates(sums, counts, items=[c for c in K if c != "K5"])
    assert result.index_6_exact == 5


def test_values_outside_1_6_are_rejected() -> None:
    with pytest.raises(ValueError, match="outside scale 1-6"):
        perception_from_rows([{"K1": 7}], items=["K1"])


def test_a_custom_conversion_is_used_and_unknown_names_rejected() -> None:
    half = Conversion("half", "test", to_4=lambda m: m / 2, to_100=lambda m: m * 10)
    result = perception_from_aggregates(dict.fromkeys(K, 10), dict.fromkeys(K, 2), conversion=half)
    assert (result.index_4_exact, result.index_100_exact, result.conversion) == (
        Fraction(5, 2),
        Fraction(50),
        "half",
    )
    with pytest.raises(ValueError, match="unknown conversion"):
        perception_from_aggregates(dict.fromkeys(K, 10), dict.fromkeys(K, 2), conversion="official")
    with pytest.raises(ValueError, match="unknown perception instrument"):
        perception_from_aggregates({}, {}, instrument="ilk")
