"""Sample sizes: every row of the Krejcie & Morgan (1970) table, Slovin, floors and achieved margins."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest

from sikap.scoring import (
    krejcie_morgan,
    krejcie_morgan_exact,
    margin_of_error_achieved,
    margin_of_error_mean,
    margin_of_error_proportion,
    sample_size,
    slovin,
    slovin_exact,
)

# Krejcie, R. V. & Morgan, D. W. (1970), Table 1: population N and required sample S.
KM_N = [
    10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90, 95, 100, 110, 120, 130, 140, 150,
    160, 170, 180, 190, 200, 210, 220, 230, 240, 250, 260, 270, 280, 290, 300, 320, 340, 360, 380, 400, 420,
    440, 460, 480, 500, 550, 600, 650, 700, 750, 800, 850, 900, 950, 1000, 1100, 1200, 1300, 1400, 1500,
    1600, 1700, 1800, 1900, 2000, 2200, 2400, 2600, 2800, 3000, 3500, 4000, 4500, 5000, 6000, 7000, 8000,
    9000, 10000, 15000, 20000, 30000, 40000, 50000, 75000, 100000, 1000000,
]  # fmt: skip
KM_S = [
    10, 14, 19, 24, 28, 32, 36, 40, 44, 48, 52, 56, 59, 63, 66, 70, 73, 76, 80, 86, 92, 97, 103, 108, 113,
    118, 123, 127, 132, 136, 140, 144, 148, 152, 155, 159, 162, 165, 169, 175, 181, 186, 191, 196, 201, 205,
    210, 214, 217, 226, 234, 242, 248, 254, 260, 265, 269, 274, 278, 285, 291, 297, 302, 306, 310, 313, 317,
    320, 322, 327, 331, 335, 338, 341, 346, 351, 354, 357, 361, 364, 367, 368, 370, 375, 377, 379, 380, 381,
    382, 384, 384,
]  # fmt: skip


def test_the_published_table_is_complete() -> None:
    assert len(KM_N) == len(KM_S) == 91


@pytest.mark.parametrize(("population", "expected"), list(zip(KM_N, KM_S, strict=True)))
def test_krejcie_morgan_agrees_with_every_row_of_the_1970_table(population: int, expected: int) -> None:
    assert krejcie_morgan(population) == expected


def test_every_row_but_one_is_the_formula_rounded_half_up() -> None:
    # Only N = 100,000 needs the table's large-population convention (formula 382.63, table 384).
    plain = {n: math.floor(krejcie_morgan_exact(n) + Fraction(1, 2)) for n in KM_N}
    differing = [n for n, s in zip(KM_N, KM_S, strict=True) if plain[n] != s]
    assert differing == [100000]
    assert krejcie_morgan(100000, table_convention=False) == 383


def test_krejcie_morgan_is_never_rounded_up_where_the_table_rounds_down() -> None:
    # N = 15 gives 14.47 (table 14) and N = 500 gives 217.47 (table 217): nearest, not ceiling.
    assert float(krejcie_morgan_exact(15)) == pytest.approx(14.4725, abs=1e-4)
    assert krejcie_morgan(15) == 14
    assert krejcie_morgan(500) == 217


def test_n_1000_gives_277_7_rounded_to_278() -> None:
    assert float(krejcie_morgan_exact(1000)) == pytest.approx(277.7, abs=0.05)
    assert krejcie_morgan(1000) == 278


def test_a_kanwil_with_48_users_needs_43() -> None:
    assert krejcie_morgan(48) == 43
    assert sample_size(48) == 43


def test_krejcie_morgan_never_decreases_and_never_exceeds_the_population() -> None:
    previous = 0
    for population in [*range(0, 2000), *range(2000, 300000, 997)]:
        sample = krejcie_morgan(population)
        assert previous <= sample <= population
        previous = sample


@pytest.mark.parametrize(
    ("population", "margin", "expected"),
    [(1000, 0.05, 286), (100, 0.1, 50), (100, "0.05", 80), (48, 0.05, 43), (10000, 0.1, 100), (1, 0.05, 1)],
)
def test_slovin_examples(population: int, margin: float | str, expected: int) -> None:
    assert slovin(population, margin) == expected


def test_slovin_rounds_up_computed_exactly() -> None:
    assert slovin_exact(1000, 0.05) == Fraction(2000, 7)  # 285.71 -> 286
    # Exactly 50, so rounding up must not add one.
    assert slovin_exact(100, 0.1) == 50
    assert slovin(100, 0.1) == 50
    assert slovin(101, 0.1) == 51  # 50.2487... rounds up


def test_a_floor_raises_the_sample_but_never_above_the_population() -> None:
    assert slovin(40, 0.1, floor=30) == 30
    assert slovin(1000, 0.05, floor=30) == 286
    assert slovin(20, 0.05, floor=30) == 20
    assert krejcie_morgan(20, floor=30) == 20
    assert sample_size(25, "krejcie-morgan", 0.05, floor=30) == 25
    assert sample_size(35, "slovin", "0.1", floor=30) == 30


def test_a_population_of_zero_needs_no_sample() -> None:
    assert krejcie_morgan(0) == 0
    assert slovin(0) == 0
    assert slovin(0, floor=30) == 0


@pytest.mark.parametrize("population", [-1, 2.5, True, "100"])
def test_a_bad_population_is_rejected(population: object) -> None:
    with pytest.raises(ValueError, match="population must be a whole number >= 0"):
        slovin(population)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="population must be a whole number >= 0"):
        krejcie_morgan(population)  # type: ignore[arg-type]


@pytest.mark.parametrize("margin", [0, 1, -0.05, 1.5, "abc", float("nan")])
def test_a_margin_outside_0_1_is_rejected(margin: object) -> None:
    with pytest.raises(ValueError, match="margin of error"):
        slovin(100, margin)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="margin of error"):
        krejcie_morgan(100, margin=margin)  # type: ignore[arg-type]


def test_an_unknown_method_and_a_bad_floor_are_rejected() -> None:
    with pytest.raises(ValueError, match="unknown sample-size method"):
        sample_size(100, "cochran")
    with pytest.raises(ValueError, match="floor"):
        slovin(100, floor=-1)


def test_the_margin_of_error_for_a_mean_applies_the_finite_population_correction() -> None:
    expected = 1.96 * 0.5 / math.sqrt(43) * math.sqrt((48 - 43) / (48 - 1))
    assert margin_of_error_mean(43, 48, 0.5) == pytest.approx(expected)
    assert margin_of_error_achieved(43, 48, sd=0.5) == pytest.approx(expected)
    assert margin_of_error_achieved(43, None, sd=0.5) == pytest.approx(1.96 * 0.5 / math.sqrt(43))
    assert margin_of_error_achieved(48, 48, sd=0.5) == 0


def test_the_krejcie_morgan_sample_achieves_about_5_percent_for_a_proportion() -> None:
    assert margin_of_error_proportion(278, 1000) == pytest.approx(0.05, abs=0.001)
    assert margin_of_error_achieved(384, None) == pytest.approx(0.05, abs=0.001)
    assert margin_of_error_achieved(30, 1000, proportion=0.8) == pytest.approx(
        1.96 * math.sqrt(0.16 / 30) * math.sqrt(970 / 999)
    )


def test_margin_of_error_inputs_are_checked() -> None:
    with pytest.raises(ValueError, match="not both"):
        margin_of_error_achieved(30, 100, sd=0.5, proportion=0.5)
    with pytest.raises(ValueError, match="exceeds population"):
        margin_of_error_achieved(30, 20, sd=0.5)
    with pytest.raises(ValueError, match="sample size"):
        margin_of_error_achieved(0, 20)
    with pytest.raises(ValueError, match="standard deviation"):
        margin_of_error_mean(30, 100, -1)
