"""IKM per PermenPANRB 14/2017: the worked example, weight conventions and input checks."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from sikap.scoring import (
    NoAnswersError,
    UnknownRegulationError,
    WeightMode,
    get_regulation,
    ikm_from_aggregates,
    ikm_from_rows,
    resolve_weights,
)
from sikap.scoring._numbers import NumberLike
from sikap.scoring.tests.factories import (
    CODES,
    WORKED_COUNTS,
    WORKED_NRR,
    WORKED_RESPONDENTS,
    WORKED_TOTALS,
    worked_rows,
)


def test_the_worked_example_from_aggregates_scores_91_48_grade_a() -> None:
    result = ikm_from_aggregates(WORKED_TOTALS, WORKED_COUNTS)
    assert result.nrr == WORKED_NRR
    assert result.ikm_exact == Fraction(955, 29 * 9)
    assert result.ikm == Decimal("3.6590")
    assert result.score == Decimal("91.48")
    assert (result.grade, result.performance) == ("A", "Sangat Baik")
    assert result.respondents == WORKED_RESPONDENTS
    assert result.weight_mode is WeightMode.EXACT
    assert result.regulation == "14/2017"
    assert "1/9" in result.weight_label and "14 Tahun 2017" in result.weight_label


def test_the_worked_example_from_rows_matches_the_aggregates() -> None:
    rows = worked_rows()
    assert {code: sum(row[code] or 0 for row in rows) for code in CODES} == WORKED_TOTALS
    result = ikm_from_rows(rows)
    assert result == ikm_from_aggregates(WORKED_TOTALS, WORKED_COUNTS)
    assert result.score == Decimal("91.48")


def test_the_literal_weight_0_11_gives_the_lower_published_90_56() -> None:
    result = ikm_from_aggregates(WORKED_TOTALS, WORKED_COUNTS, weights="literal", literal_weight="0.11")
    assert result.score == Decimal("90.56")
    assert result.weight_mode is WeightMode.LITERAL
    assert "literal" in result.weight_label and "0,11" in result.weight_label
    from_rows = ikm_from_rows(worked_rows(), weights=WeightMode.LITERAL, literal_weight=Decimal("0.11"))
    assert from_rows.score == Decimal("90.56")


def test_the_literal_default_weight_is_0_111_and_lowers_the_score() -> None:
    result = ikm_from_aggregates(WORKED_TOTALS, WORKED_COUNTS, weights="literal")
    assert result.elements[0].weight == Fraction(111, 1000)
    assert result.score == Decimal("91.38")
    assert result.score < ikm_from_aggregates(WORKED_TOTALS, WORKED_COUNTS).score


def test_a_float_literal_weight_means_its_decimal_value() -> None:
    result = ikm_from_aggregates(WORKED_TOTALS, WORKED_COUNTS, weights="literal", literal_weight=0.11)
    assert result.elements[0].weight == Fraction(11, 100)


def test_elements_are_read_by_code_not_position() -> None:
    reordered_sums = dict(reversed(list(WORKED_TOTALS.items())))
    result = ikm_from_aggregates(reordered_sums, WORKED_COUNTS)
    assert [e.code for e in result.elements] == list(CODES)
    assert result.element("U4").nrr == Decimal("4.0000")
    assert result.element("U9").name == "Sarana dan Prasarana"


def test_custom_weights_summing_to_one_are_used_as_given() -> None:
    weights: dict[str, NumberLike] = {"U1": "0.5", "U4": Fraction(1, 4), "U9": Decimal("0.25")}
    result = ikm_from_aggregates(WORKED_TOTALS, WORKED_COUNTS, weights=weights)
    expected = Fraction(105, 29) / 2 + Fraction(116, 29) / 4 + Fraction(115, 29) / 4
    assert result.ikm_exact == expected
    assert [e.code for e in result.elements] == ["U1", "U4", "U9"]
    assert result.weight_mode is WeightMode.CUSTOM


def test_custom_weights_not_summing_to_one_are_rejected_with_the_sum() -> None:
    with pytest.raises(ValueError, match=r"must sum to 1, they sum to 0\.9"):
        ikm_from_aggregates(WORKED_TOTALS, WORKED_COUNTS, weights=dict.fromkeys(CODES, Decimal("0.1")))


def test_custom_weights_may_add_a_units_own_element() -> None:
    sums = {**WORKED_TOTALS, "U10": 87}
    counts = {**WORKED_COUNTS, "U10": 29}
    weights = {**dict.fromkeys(CODES, Fraction(1, 10)), "U10": Fraction(1, 10)}
    result = ikm_from_aggregates(sums, counts, weights=weights)
    assert result.element("U10").name is None
    assert result.ikm_exact == Fraction(955 + 87, 29 * 10)


def test_negative_weights_and_unknown_modes_are_rejected() -> None:
    with pytest.raises(ValueError, match="negative"):
        resolve_weights({"U1": 2, "U2": -1})
    with pytest.raises(ValueError, match="unknown weight mode"):
        resolve_weights("rounded")
    with pytest.raises(ValueError, match="needs a mapping"):
        resolve_weights("custom")
    with pytest.raises(ValueError, match=r"literal weight must be in \(0, 1\]"):
        resolve_weights("literal", literal_weight=0)


def test_an_element_nobody_answered_raises_unless_weights_leave_it_out() -> None:
    counts = {**WORKED_COUNTS, "U8": 0}
    sums = {**WORKED_TOTALS, "U8": 0}
    with pytest.raises(NoAnswersError, match="U8") as caught:
        ikm_from_aggregates(sums, counts)
    assert caught.value.codes == ["U8"]
    weights: dict[str, NumberLike] = {**dict.fromkeys(CODES, Fraction(1, 8)), "U8": 0}
    result = ikm_from_aggregates(sums, counts, weights=weights)
    assert result.element("U8").nrr is None
    assert result.element("U8").n == 0
    assert result.ikm_exact == Fraction(955 - 105, 29 * 8)


def test_missing_codes_in_aggregates_count_as_unanswered() -> None:
    sums = {code: total for code, total in WORKED_TOTALS.items() if code != "U3"}
    counts = {code: n for code, n in WORKED_COUNTS.items() if code != "U3"}
    with pytest.raises(NoAnswersError, match="U3"):
        ikm_from_aggregates(sums, counts)
    with pytest.raises(ValueError, match="U3: sum 0 impossible for 29 answers"):
        ikm_from_aggregates(sums, WORKED_COUNTS)


def test_an_impossible_rollup_is_rejected() -> None:
    with pytest.raises(ValueError, match="impossible"):
        ikm_from_aggregates({**WORKED_TOTALS, "U1": 117}, WORKED_COUNTS)
    with pytest.raises(ValueError, match="whole number"):
        ikm_from_aggregates({**WORKED_TOTALS, "U1": 105.0}, WORKED_COUNTS)  # type: ignore[dict-item]


def test_respondents_default_to_the_largest_n_and_may_not_be_fewer() -> None:
    counts = {**WORKED_COUNTS, "U2": 28}
    sums = {**WORKED_TOTALS, "U2": 98}
    assert ikm_from_aggregates(sums, counts).respondents == 29
    assert ikm_from_aggregates(sums, counts, respondents=31).respondents == 31
    with pytest.raises(ValueError, match="respondents"):
        ikm_from_aggregates(sums, counts, respondents=28)


def test_rows_with_bad_values_are_rejected() -> None:
    rows = worked_rows()
    rows[3]["U4"] = 5
    with pytest.raises(ValueError, match=r"row index 3, element U4: value 5 outside scale 1-4"):
        ikm_from_rows(rows)
    rows[3]["U4"] = True
    with pytest.raises(ValueError, match="whole number"):
        ikm_from_rows(rows)


def test_rows_without_any_answer_are_not_respondents() -> None:
    rows: list[dict[str, int | None]] = [*worked_rows(), dict.fromkeys(CODES), {}]
    assert ikm_from_rows(rows).respondents == WORKED_RESPONDENTS


def test_an_unknown_regulation_version_is_a_clear_error() -> None:
    with pytest.raises(UnknownRegulationError, match=r"'16/2014' is not defined \(known: 14/2017\)"):
        ikm_from_aggregates(WORKED_TOTALS, WORKED_COUNTS, regulation="16/2014")
    assert get_regulation().codes == CODES
