"""ILK against hand-worked examples: N/A left out, domains from item means, perspectives renormalised."""

from decimal import Decimal
from fractions import Fraction

import pytest

from sikap.scoring import ilk

ITEMS = ["KEP.K", "KEP.T", "KEU.K"]
# pengguna: item means KEP.K (4+2)/2=3, KEP.T 3/1=3 (one N/A), KEU.K (2+4)/2=3 -> KEP 3, KEU 3 -> 3
# penyedia: KEP.K 4, KEP.T 4, KEU.K N/A -> KEP 4, KEU dropped -> 4; pimpinan: nobody.
ROWS = [
    ("pengguna", {"KEP.K": 4, "KEP.T": 3, "KEU.K": 2}),
    ("pengguna", {"KEP.K": 2, "KEP.T": None, "KEU.K": 4}),
    ("penyedia", {"KEP.K": 4, "KEP.T": 4, "KEU.K": None}),
]


def result(weights=None):
    moments, respondents = ilk.moments_from_rows(ROWS, ITEMS)
    return ilk.ilk_from_moments(moments, respondents, weights)


def test_equal_weights_are_renormalised_over_the_perspectives_present():
    r = result()
    assert r.perspectives == {"pengguna": 3, "penyedia": 4, "pimpinan": None}
    assert r.weights_used == {"pengguna": Fraction(1, 2), "penyedia": Fraction(1, 2)}
    assert r.renormalised
    assert r.ilk == Fraction(7, 2)
    assert r.score == Decimal("87.50")
    assert (r.grade, r.label) == ("B", "Baik")
    assert r.respondents == 3


def test_given_weights_drop_the_missing_perspective_and_rescale_the_rest():
    r = result({"pengguna": "0.6", "penyedia": "0.2", "pimpinan": "0.2"})
    # 0.6 and 0.2 become 3/4 and 1/4: 3/4 x 3 + 1/4 x 4 = 3.25
    assert r.ilk == Fraction(13, 4)
    assert r.score == Decimal("81.25")


def test_pooled_domains_are_means_of_pooled_item_means():
    r = result()
    assert r.items == {"KEP.K": Fraction(10, 3), "KEP.T": Fraction(7, 2), "KEU.K": Fraction(3)}
    assert r.domains == {"KEP": Fraction(41, 12), "KEU": Fraction(3)}


def test_a_perspective_weighted_zero_does_not_count_and_is_not_called_renormalised():
    r = result({"pengguna": 1, "penyedia": 0, "pimpinan": 0})
    assert r.ilk == 3
    assert not r.renormalised


def test_the_grade_is_taken_on_the_rounded_converted_score():
    # 3.5324 x 25 = 88.31 exactly after rounding -> A
    moments = {"pengguna": {"KEP.K": (88310, 25000)}}
    r = ilk.ilk_from_moments(moments, {"pengguna": 25000})
    assert r.score == Decimal("88.31") and r.grade == "A"


def test_no_answers_at_all_is_an_error_not_a_zero():
    with pytest.raises(ValueError):
        ilk.ilk_from_moments({"pengguna": {"KEP.K": (0, 0)}}, {"pengguna": 0})


def test_weights_parse_in_english_and_reject_nonsense():
    assert ilk.parse_weights("user=0.6,provider=0.2,leader=0.2")["pengguna"] == Fraction(3, 5)
    for bad in ["pengguna", "boss=1", "pengguna=-1", "pengguna=0", "pengguna=1,user=1", "pengguna=x"]:
        with pytest.raises(ValueError):
            ilk.parse_weights(bad)


def test_headcount_weighting_matches_a_hand_computation():
    # Two units with respondents: 3.0 with 100 staff, 3.6 with 300 staff -> (300 + 1080) / 400 = 3.45
    mean, covered = ilk.headcount_weighted({"A": (3, 100), "B": ("3.6", 300)})
    assert mean == Fraction(69, 20) and covered == 400
