"""The internal integrity index of a unit through real submissions, worked by hand."""

from __future__ import annotations

from fractions import Fraction

import pytest

from sikap.indices import read
from sikap.indices.tests.internal_helpers import answer, internal_campaign, version_of

pytestmark = pytest.mark.django_db


def _answered(world, profile="itjen-2024"):
    """Five respondents answering every item alike: 4, 1, 4, 4 (but "tidak tahu" on TR2 and IT1), 3 (but
    "tidak tahu" on SO1).

    Raw item means: 16/5 = 3,2 where all five answered; TR2 and IT1 (4, 1, 4, 3) = 3; SO1 (4, 1, 4, 4)
    = 3,25. Recoded: positive (m - 1)/3 x 100, reverse (4 - m)/3 x 100, so 3,2 gives 220/3 positive and
    80/3 reverse. TR = (220/3 + 200/3)/2 = 70; IT (reverse) = (100/3 + 80/3)/2 = 30; AN, SD, TI (all
    reverse) = 80/3; PB = (80/3 + 220/3)/2 = 50; SO = (75 + 220/3)/2 = 445/6.
    Index = (70 + 30 + 50 + 3 x 80/3 + 445/6) / 7 = 1825/42 = 43,4524 -> 43,45: Rentan (Itjen 2024).
    """
    campaign = internal_campaign([world.division], ("INTEGRITAS",), profile=profile)
    for every, values in [
        (4, {}),
        (1, {}),
        (4, {}),
        (4, {"TR2": "Tidak tahu", "IT1": "TT"}),
        (3, {"SO1": "TT"}),
    ]:
        answer(campaign, world.division, values, code="INTEGRITAS", every=every, perspektif="pengguna")
    return campaign, version_of(campaign, "INTEGRITAS")


def test_the_index_recodes_reverse_items_and_leaves_tidak_tahu_out(world):
    campaign, version = _answered(world)
    result = read.result(read.Scope([world.division.pk], campaign.period, version))
    assert result.index == pytest.approx(float(Fraction(1825, 42)))
    assert (result.score, result.grade, result.profile) == (43.45, "Rentan", "itjen-2024")
    dimensions = result.part("dimensions")
    assert dimensions is not None
    assert dimensions.values() == {
        "TR": pytest.approx(70),
        "IT": pytest.approx(30),
        "AN": pytest.approx(80 / 3),
        "PB": pytest.approx(50),
        "SD": pytest.approx(80 / 3),
        "TI": pytest.approx(80 / 3),
        "SO": pytest.approx(445 / 6),
    }
    assert result.weakest == ["AN", "SD", "TI"]
    it1 = next(e for e in result.elements if e.code == "IT1")
    assert (it1.n, it1.na, it1.mean) == (4, 1, 3.0)  # the raw mean; the dimension reads it turned round
    assert "Itjen" in result.convention
    assert result.ci95 is None  # no respondent-level interval for recoded, reverse-keyed items


def test_the_campaign_chooses_the_category_profile(world):
    campaign, version = _answered(world, profile="kpk-2023")
    result = read.result(read.Scope([world.division.pk], campaign.period, version))
    assert (result.score, result.grade) == (43.45, "Merah")


def test_the_methods_template_renders_the_category_and_the_weakest_dimensions(world):
    from django.template.loader import render_to_string

    campaign, version = _answered(world)
    result = read.result(read.Scope([world.division.pk], campaign.period, version))
    html = render_to_string(result.method.template, {"r": result})
    assert "43,45" in html and "Rentan" in html and "Transparansi" in html and "AN, SD, TI" in html
