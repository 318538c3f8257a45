"""Grade tables: half-open thresholds on the value rounded to 2 decimals."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from sikap.scoring import GradeBand, GradeTable, ikm_grade, is_priority_for_guidance, pekppp_grade


@pytest.mark.parametrize(
    ("score", "grade", "label"),
    [
        ("100", "A", "Sangat Baik"),
        ("88.31", "A", "Sangat Baik"),
        ("88.30", "B", "Baik"),
        ("76.61", "B", "Baik"),
        ("76.60", "C", "Kurang Baik"),
        ("65.00", "C", "Kurang Baik"),
        ("64.99", "D", "Tidak Baik"),
        ("25", "D", "Tidak Baik"),
    ],
)
def test_ikm_grade_boundaries(score: str, grade: str, label: str) -> None:
    band = ikm_grade(Decimal(score))
    assert (band.grade, band.label) == (grade, label)


def test_the_ikm_grade_uses_the_score_rounded_to_two_decimals() -> None:
    # 88.305 rounds half up to 88.31 (A); 88.3049 rounds to 88.30 (B): the gap in the table is closed.
    assert ikm_grade(Fraction(88305, 1000)).grade == "A"
    assert ikm_grade(Decimal("88.3049")).grade == "B"
    assert ikm_grade(Decimal("64.995")).grade == "C"
    assert ikm_grade(Decimal("64.9949")).grade == "D"


@pytest.mark.parametrize(
    ("ipp", "grade", "label"),
    [
        ("5", "A", "Pelayanan Prima"),
        ("4.51", "A", "Pelayanan Prima"),
        ("4.50", "A-", "Sangat Baik"),
        ("4.01", "A-", "Sangat Baik"),
        ("4.00", "B", "Baik"),
        ("3.51", "B", "Baik"),
        ("3.01", "B-", "Baik dengan Catatan"),
        ("2.51", "C", "Cukup"),
        ("2.01", "C-", "Cukup dengan Catatan"),
        ("1.51", "D", "Buruk"),
        ("1.01", "E", "Sangat Buruk"),
        ("1.00", "F", "Gagal"),
        ("0", "F", "Gagal"),
    ],
)
def test_pekppp_grade_boundaries(ipp: str, grade: str, label: str) -> None:
    band = pekppp_grade(ipp)
    assert (band.grade, band.label) == (grade, label)


def test_pekppp_grades_d_and_below_are_priority_for_guidance() -> None:
    assert is_priority_for_guidance("1.51")
    assert is_priority_for_guidance(0)
    assert not is_priority_for_guidance("2.01")


def test_a_grade_table_must_descend_and_end_with_a_catch_all() -> None:
    with pytest.raises(ValueError, match="descend"):
        GradeTable(
            "bad",
            (GradeBand("A", "a", Decimal(1)), GradeBand("B", "b", Decimal(2)), GradeBand("C", "c", None)),
        )
    with pytest.raises(ValueError, match="last band"):
        GradeTable("bad", (GradeBand("A", "a", Decimal(1)),))
