"""Internal integrity index against a hand-worked example: reverse keys, "tidak tahu", categories."""

from decimal import Decimal
from fractions import Fraction

import pytest

from sikap.scoring.integrity import ItemSpec, integrity_from_moments, recode

ITEMS = [ItemSpec("TR1", "TR"), ItemSpec("TR2", "TR", reverse=True), ItemSpec("IT1", "IT")]
# TR1 answers 4, 3 -> mean 3.5 -> (3.5-1)/3 x 100 = 83 1/3
# TR2 (reverse) answers 1, 2 -> mean 1.5 -> (4-1.5)/3 x 100 = 83 1/3; TR = 83 1/3
# IT1 answers 2 and "tidak tahu" (missing) -> mean 2 -> 33 1/3; index (83 1/3 + 33 1/3) / 2 = 58 1/3
MOMENTS = {"TR1": (7, 2), "TR2": (3, 2), "IT1": (2, 1)}


def test_reverse_keys_and_missing_answers_follow_the_rules():
    r = integrity_from_moments(ITEMS, MOMENTS, respondents=2)
    assert r.items == {"TR1": Fraction(250, 3), "TR2": Fraction(250, 3), "IT1": Fraction(100, 3)}
    assert r.dimensions == {"TR": Fraction(250, 3), "IT": Fraction(100, 3)}
    assert r.index == Fraction(175, 3)
    assert r.score == Decimal("58.33")
    assert r.category == "Rentan"
    assert r.weakest(1) == [("IT", Fraction(100, 3))]


def test_the_kpk_profile_names_other_categories():
    r = integrity_from_moments(ITEMS, {"TR1": (8, 2), "TR2": (2, 2), "IT1": (7, 2)}, 2, profile="kpk-2023")
    # TR = 100, IT = (3.5-1)/3 x 100 = 83 1/3 -> 91.67
    assert r.score == Decimal("91.67") and r.category == "Hijau"


def test_category_boundaries_are_inclusive():
    # one item, mean m: (m-1)/3 x 100 = 78 exactly when m = 3.34
    r = integrity_from_moments([ItemSpec("X", "TR")], {"X": (334, 100)}, 100)
    assert r.score == Decimal("78.00") and r.category == "Terjaga"
    r = integrity_from_moments([ItemSpec("X", "TR")], {"X": (334, 100)}, 100, profile="kpk-2023")
    assert r.category == "Kuning"


def test_recode_ends_of_the_scale():
    assert recode(Fraction(4), False) == 100 and recode(Fraction(1), False) == 0
    assert recode(Fraction(4), True) == 0 and recode(Fraction(1), True) == 100


def test_nothing_answered_is_an_error_and_an_unknown_profile_too():
    with pytest.raises(ValueError):
        integrity_from_moments(ITEMS, {}, 0)
    with pytest.raises(ValueError):
        integrity_from_moments(ITEMS, MOMENTS, 2, profile="nope")
