"""Cronbach's alpha from rollups equals the textbook alpha from the data matrix."""

from __future__ import annotations

import statistics
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sikap.scoring.reliability import Moments, alpha_label, cronbach_alpha, cronbach_alpha_exact


def moments(values: list[int]) -> Moments:
    return Moments(len(values), sum(values), sum(v * v for v in values))


def rollups(matrix: list[list[int]]) -> tuple[list[Moments], Moments]:
    items = [moments([row[j] for row in matrix]) for j in range(len(matrix[0]))]
    return items, moments([sum(row) for row in matrix])


def textbook_alpha(matrix: list[list[int]]) -> Fraction:
    k = len(matrix[0])
    item_variances = sum(statistics.variance([Fraction(row[j]) for row in matrix]) for j in range(k))
    total_variance = statistics.variance([Fraction(sum(row)) for row in matrix])
    return Fraction(k, k - 1) * (1 - item_variances / total_variance)


def test_a_worked_example() -> None:
    # Item variances 2.5 + 2.5 + 1.5 = 6.5, totals 4, 6, 9, 11, 15 have variance 18.5:
    # alpha = 3/2 x (1 - 6.5 / 18.5) = 36/37.
    matrix = [[1, 1, 2], [2, 2, 2], [3, 3, 3], [4, 4, 3], [5, 5, 5]]
    items, totals = rollups(matrix)
    assert cronbach_alpha_exact(items, totals) == Fraction(36, 37) == textbook_alpha(matrix)
    assert cronbach_alpha(items, totals) == pytest.approx(36 / 37)


def test_identical_items_give_alpha_one() -> None:
    items, totals = rollups([[1, 1], [3, 3], [4, 4]])
    assert cronbach_alpha(items, totals) == 1.0


def test_it_is_undefined_without_two_items_two_respondents_or_any_variance() -> None:
    assert cronbach_alpha(*rollups([[1], [2], [3]])) is None  # k = 1
    assert cronbach_alpha(*rollups([[1, 2]])) is None  # n = 1
    assert cronbach_alpha(*rollups([[2, 3], [2, 3]])) is None  # no variance in totals
    items, totals = rollups([[1, 2], [3, 4]])
    assert cronbach_alpha([items[0], Moments(1, 2, 4)], totals) is None  # an item with n < 2


def test_inconsistent_rollups_are_rejected() -> None:
    with pytest.raises(ValueError):
        cronbach_alpha([Moments(3, 9, 1), Moments(3, 9, 27)], Moments(3, 18, 120))


def test_the_reading_of_alpha() -> None:
    assert alpha_label(0.93) == "sangat baik"
    assert alpha_label(0.71) == "dapat diterima"
    assert alpha_label(0.2) == "tidak dapat diterima"
    assert alpha_label(None) == "tidak dapat dihitung"


matrices = st.integers(min_value=2, max_value=9).flatmap(
    lambda k: st.lists(st.lists(st.integers(1, 4), min_size=k, max_size=k), min_size=2, max_size=30)
)


@given(matrices)
def test_alpha_from_rollups_equals_the_textbook_alpha_for_complete_data(matrix: list[list[int]]) -> None:
    items, totals = rollups(matrix)
    exact = cronbach_alpha_exact(items, totals)
    if statistics.variance([sum(row) for row in matrix]) == 0:
        assert exact is None
    else:
        assert exact == textbook_alpha(matrix)
        assert exact <= 1
