"""Property tests of the IKM: bounds, monotonicity, order invariance, blanks and custom weights."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from sikap.scoring import ikm_from_aggregates, ikm_from_rows
from sikap.scoring.tests.factories import CODES

Row = dict[str, int | None]

answer = st.one_of(st.none(), st.integers(min_value=1, max_value=4))
row = st.fixed_dictionaries({code: answer for code in CODES})
complete_row = st.fixed_dictionaries({code: st.integers(min_value=1, max_value=4) for code in CODES})
# At least one complete row guarantees every element has an answer, so the IKM is defined.
rows = st.tuples(complete_row, st.lists(row, max_size=40)).map(lambda pair: [pair[0], *pair[1]])


@given(rows)
def test_the_ikm_stays_within_1_to_4_and_the_score_within_25_to_100(data: list[Row]) -> None:
    result = ikm_from_rows(data)
    assert 1 <= result.ikm_exact <= 4
    assert 25 <= result.score_exact <= 100
    assert 25 <= result.score <= 100


@given(rows, st.data())
def test_raising_one_answer_never_lowers_the_score(data: list[Row], draw: st.DataObject) -> None:
    index = draw.draw(st.integers(min_value=0, max_value=len(data) - 1))
    code = draw.draw(st.sampled_from(CODES))
    current = data[index][code]
    assume(current is not None and current < 4)
    assert current is not None
    raised = [dict(r) for r in data]
    raised[index][code] = current + 1
    for mode in ("exact", "literal"):
        before, after = ikm_from_rows(data, weights=mode), ikm_from_rows(raised, weights=mode)
        assert after.ikm_exact > before.ikm_exact
        assert after.score >= before.score


@given(rows, st.randoms(use_true_random=False))
def test_the_result_does_not_depend_on_row_order(data: list[Row], rng: random.Random) -> None:
    shuffled = list(data)
    rng.shuffle(shuffled)
    assert ikm_from_rows(shuffled) == ikm_from_rows(data)


@given(rows, st.data())
def test_a_blank_changes_only_its_own_element(data: list[Row], draw: st.DataObject) -> None:
    index = draw.draw(st.integers(min_value=0, max_value=len(data) - 1))
    code = draw.draw(st.sampled_from(CODES))
    assume(data[index][code] is not None)
    # The element must keep another answer, else its NRR is undefined (tested elsewhere).
    assume(sum(r[code] is not None for r in data) >= 2)
    blanked = [dict(r) for r in data]
    blanked[index][code] = None
    before, after = ikm_from_rows(data), ikm_from_rows(blanked)
    assert after.element(code).n == before.element(code).n - 1
    for other in CODES:
        if other != code:
            assert after.element(other) == before.element(other)


@given(rows, st.lists(st.integers(min_value=0, max_value=1000), min_size=9, max_size=9))
def test_custom_weights_summing_to_one_are_accepted(data: list[Row], raw: list[int]) -> None:
    assume(sum(raw) > 0)
    weights = {code: Fraction(w, sum(raw)) for code, w in zip(CODES, raw, strict=True)}
    result = ikm_from_rows(data, weights=weights)
    expected = sum((e.nrr_exact * e.weight for e in result.elements if e.nrr_exact is not None), Fraction(0))
    assert result.ikm_exact == expected
    assert 1 <= result.ikm_exact <= 4


@given(
    st.lists(st.integers(min_value=0, max_value=1000), min_size=9, max_size=9),
    st.fractions(min_value=Fraction(-1, 2), max_value=Fraction(1, 2)).filter(lambda f: f != 0),
)
def test_custom_weights_not_summing_to_one_are_rejected(raw: list[int], error: Fraction) -> None:
    assume(sum(raw) > 0)
    scale = Fraction(1) + error
    weights = {code: Fraction(w, sum(raw)) * scale for code, w in zip(CODES, raw, strict=True)}
    assume(abs(sum(weights.values(), Fraction(0)) - 1) > Fraction(1, 10**9))
    with pytest.raises(ValueError, match="must sum to 1"):
        ikm_from_aggregates(dict.fromkeys(CODES, 58), dict.fromkeys(CODES, 29), weights=weights)
