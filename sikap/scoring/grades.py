"""Grade tables (IKM mutu, PEKPPP) as data, applied with half-open thresholds."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

from sikap.scoring._numbers import NumberLike, round_half_up, to_fraction


@dataclass(frozen=True)
class GradeBand:
    """One band of a grade table: values >= minimum (None = everything below) get this grade."""

    grade: str
    label: str
    minimum: Decimal | None


@dataclass(frozen=True)
class GradeTable:
    """An ordered grade table; the value is rounded to `places` decimals before it is compared."""

    name: str
    bands: tuple[GradeBand, ...]
    places: int = 2

    def __post_init__(self) -> None:
        """Check the bands descend and end with a catch-all, so every value gets exactly one grade."""
        minimums = [band.minimum for band in self.bands]
        if not minimums or minimums[-1] is not None or None in minimums[:-1]:
            raise ValueError(f"grade table {self.name}: only the last band may (and must) lack a minimum")
        bounded = [m for m in minimums if m is not None]
        if any(a <= b for a, b in pairwise(bounded)):
            raise ValueError(f"grade table {self.name}: minimums must strictly descend")

    def grade_for(self, value: NumberLike) -> GradeBand:
        """Return the band for a value after rounding it to the table's precision."""
        rounded = round_half_up(to_fraction(value, "graded value"), self.places)
        for band in self.bands:
            if band.minimum is None or rounded >= band.minimum:
                return band
        raise AssertionError("unreachable: the last band has no minimum")  # pragma: no cover


# PermenPANRB 14/2017: the published bands leave gaps (88.30 / 88.31), so thresholds are half-open.
IKM_GRADES_14_2017 = GradeTable(
    name="IKM PermenPANRB 14/2017 (nilai konversi 25-100)",
    bands=(
        GradeBand("A", "Sangat Baik", Decimal("88.31")),
        GradeBand("B", "Baik", Decimal("76.61")),
        GradeBand("C", "Kurang Baik", Decimal("65.00")),
        GradeBand("D", "Tidak Baik", None),
    ),
)

# PermenPANRB 29/2022 (PEKPPP), applied to the Indeks Pelayanan Publik on its 0-5 scale.
PEKPPP_GRADES = GradeTable(
    name="PEKPPP PermenPANRB 29/2022 (IPP 0-5)",
    bands=(
        GradeBand("A", "Pelayanan Prima", Decimal("4.51")),
        GradeBand("A-", "Sangat Baik", Decimal("4.01")),
        GradeBand("B", "Baik", Decimal("3.51")),
        GradeBand("B-", "Baik dengan Catatan", Decimal("3.01")),
        GradeBand("C", "Cukup", Decimal("2.51")),
        GradeBand("C-", "Cukup dengan Catatan", Decimal("2.01")),
        GradeBand("D", "Buruk", Decimal("1.51")),
        GradeBand("E", "Sangat Buruk", Decimal("1.01")),
        GradeBand("F", "Gagal", None),
    ),
)

# PEKPPP grades at or below D mark a unit for guidance ("prioritas pembinaan").
PEKPPP_PRIORITY_GRADES = frozenset({"D", "E", "F"})


def ikm_grade(score: NumberLike) -> GradeBand:
    """Grade a converted IKM score (25-100) with the PermenPANRB 14/2017 table."""
    return IKM_GRADES_14_2017.grade_for(score)


def pekppp_grade(ipp: NumberLike) -> GradeBand:
    """Grade an Indeks Pelayanan Publik (0-5) with the PEKPPP table."""
    return PEKPPP_GRADES.grade_for(ipp)


def is_priority_for_guidance(ipp: NumberLike) -> bool:
    """Whether a PEKPPP result is at grade D or below ("prioritas pembinaan")."""
    return pekppp_grade(ipp).grade in PEKPPP_PRIORITY_GRADES


__all__ = [
    "IKM_GRADES_14_2017",
    "PEKPPP_GRADES",
    "PEKPPP_PRIORITY_GRADES",
    "GradeBand",
    "GradeTable",
    "ikm_grade",
    "is_priority_for_guidance",
    "pekppp_grade",
]
