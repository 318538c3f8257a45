"""Importance-performance quadrants against the overall means."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sikap.scoring.ipa import QUADRANT_LABELS, IpaInput, Quadrant, ipa, quadrant


def test_each_element_lands_in_its_quadrant() -> None:
    result = ipa(
        [
            IpaInput("U1", "3.0", "3.8"),  # important, weak: concentrate here
            IpaInput("U2", "3.6", "3.7"),  # important, strong: keep it up
            IpaInput("U3", "3.1", "3.0"),  # unimportant, weak: low priority
            IpaInput("U4", "3.7", "3.1"),  # unimportant, strong: overkill
        ]
    )
    assert result.performance_mean == pytest.approx(3.35)
    assert result.importance_mean == pytest.approx(3.4)
    assert [p.quadrant for p in result.points] == [Quadrant.I, Quadrant.II, Quadrant.III, Quadrant.IV]
    assert result.points[0].label == "Prioritas utama"
    assert result.points[3].label == "Berlebihan"
    assert [p.code for p in result.in_quadrant(Quadrant.I)] == ["U1"]
    assert result.points[0].gap == pytest.approx(-0.8)
    assert result.points[0].conformity == pytest.approx(100 * 3.0 / 3.8)


def test_a_point_on_the_mean_line_counts_as_high() -> None:
    assert quadrant(3, 3, 3, 3) is Quadrant.II
    assert quadrant(2, 3, 3, 3) is Quadrant.I
    assert quadrant(3, 2, 3, 3) is Quadrant.IV


def test_labels_cover_every_quadrant() -> None:
    assert set(QUADRANT_LABELS) == set(Quadrant)


def test_it_needs_elements_with_unique_codes() -> None:
    with pytest.raises(ValueError):
        ipa([])
    with pytest.raises(ValueError):
        ipa([IpaInput("U1", 3, 3), IpaInput("U1", 2, 2)])


means = st.integers(100, 400).map(lambda v: Fraction(v, 100))


@given(st.lists(st.tuples(means, means), min_size=1, max_size=14))
def test_quadrants_follow_the_crosshair(pairs: list[tuple[Fraction, Fraction]]) -> None:
    result = ipa([IpaInput(f"U{i}", p, m) for i, (p, m) in enumerate(pairs)])
    perf_mean = sum(p for p, _ in pairs) / len(pairs)
    imp_mean = sum(m for _, m in pairs) / len(pairs)
    for point, (p, m) in zip(result.points, pairs, strict=True):
        assert (point.quadrant in (Quadrant.I, Quadrant.II)) == (m >= imp_mean)
        assert (point.quadrant in (Quadrant.II, Quadrant.IV)) == (p >= perf_mean)
    # Not every element can be below average on both axes.
    assert len(result.in_quadrant(Quadrant.III)) < len(pairs)
