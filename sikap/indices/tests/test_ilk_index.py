"""The ILK of a unit through real submissions, against INTERNAL.md's computation worked by hand."""

from __future__ import annotations

from fractions import Fraction

import pytest

from sikap.indices import read
from sikap.indices.tests.internal_helpers import answer, ilk_everywhere, internal_campaign, version_of

pytestmark = pytest.mark.django_db


def _five_respondents(campaign, unit):
    """Three users and two providers, no leader; N/A answers in KEP (one user) and KEU.T (one provider).

    Users: KEP items 4 and 2 (the third is N/A) = 3; KEU, BMN, HUM 3, 4, 2 = 3; TI.K 3, 4, 4 = 11/3, TI.T
    and TI.A 3, so TI = 29/9; the users' score (4 x 3 + 29/9) / 5 = 137/45.
    Providers: every item 4 and 3 = 7/2, but KEU.T only 4, so KEU = 11/3; (4 x 7/2 + 11/3) / 5 = 53/15.
    No leader: the equal weights renormalise to 1/2 each, ILK = (137/45 + 53/15) / 2 = 148/45 = 3.2889,
    x 25 = 82.22, grade B.
    """
    na_kep = {"KEP.K": "TT", "KEP.T": "TT", "KEP.A": "TT"}
    answer(campaign, unit, ilk_everywhere(3) | na_kep, perspektif="pengguna", jenis_kelamin="L")
    answer(campaign, unit, ilk_everywhere(4), perspektif="pengguna", jenis_kelamin="P")
    answer(campaign, unit, ilk_everywhere(2, TI_K=4), perspektif="pengguna", jenis_kelamin="P")
    answer(campaign, unit, ilk_everywhere(4), perspektif="penyedia", jenis_kelamin="L")
    answer(campaign, unit, ilk_everywhere(3, KEU_T="TT"), perspektif="penyedia")


def test_a_units_ilk_equals_the_hand_computation_with_na_and_renormalised_weights(world):
    campaign = internal_campaign([world.division])
    _five_respondents(campaign, world.division)
    version = version_of(campaign, "ILK")
    result = read.result(read.Scope([world.division.pk], campaign.period, version))
    assert result.respondents == 5 and not result.suppressed
    assert result.index == pytest.approx(float(Fraction(148, 45)))
    assert (result.score, result.grade) == (82.22, "B")
    assert result.renormalised
    # Three users and two providers: each perspective rests on fewer than k = 5, so both are withheld
    # (the unit's ILK, the weights and one perspective would give the other away).
    perspectives = result.part("perspectives")
    assert perspectives is not None
    assert [(r.code, r.hidden, r.value, r.n, r.weight) for r in perspectives.rows] == [
        ("pengguna", True, None, None, 0.5),
        ("penyedia", True, None, None, 0.5),
        ("pimpinan", False, None, 0, None),
    ]
    # Domains over every respondent: KEP from 4, 2, 4, 3 (the N/A left out) = 13/4.
    domains = result.part("domains")
    assert domains is not None and domains.values()["KEP"] == pytest.approx(3.25)
    kep = next(e for e in result.elements if e.code == "KEP.K")
    assert (kep.n, kep.na) == (4, 1)
    assert "dinormalkan ulang" in result.convention


def test_under_k_respondents_the_unit_is_withheld(world):
    campaign = internal_campaign([world.division], k=6)
    _five_respondents(campaign, world.division)
    result = read.result(read.Scope([world.division.pk], campaign.period, version_of(campaign, "ILK")))
    assert result.suppressed and result.respondents == 5
    assert (result.index, result.score, result.grade, result.parts) == (None, None, "", [])
    assert all(e.mean is None for e in result.elements)


def test_the_methods_template_renders_the_parts_and_the_renormalisation(world):
    from django.template.loader import render_to_string

    campaign = internal_campaign([world.division])
    _five_respondents(campaign, world.division)
    result = read.result(read.Scope([world.division.pk], campaign.period, version_of(campaign, "ILK")))
    html = render_to_string(result.method.template, {"r": result})
    assert "3,2889" in html and "Pengguna layanan" in html and "Kepegawaian" in html
    assert "dinormalkan ulang" in html and "50,0 %" in html


def test_the_trend_scores_each_period_by_perspective_too(world):
    campaign = internal_campaign([world.division])
    _five_respondents(campaign, world.division)
    found = read.trend(read.Scope([world.division.pk], instrument="ILK"))
    assert len(found) == 1 and found[0].index == pytest.approx(float(Fraction(148, 45)))
    assert found[0].k == 5 and not found[0].suppressed


def test_a_perspective_under_k_is_withheld_with_the_next_smallest_and_the_rest_shown(world):
    campaign = internal_campaign([world.division])
    for _ in range(6):
        answer(campaign, world.division, ilk_everywhere(3), perspektif="pengguna")
    for _ in range(5):
        answer(campaign, world.division, ilk_everywhere(4), perspektif="penyedia")
    answer(campaign, world.division, ilk_everywhere(1), perspektif="pimpinan")
    version = version_of(campaign, "ILK")
    result = read.result(read.Scope([world.division.pk], campaign.period, version))
    # Equal weights over three perspectives: (3 + 4 + 1) / 3.
    assert result.index == pytest.approx(8 / 3)
    rows = {r.code: r for r in result.part("perspectives").rows}  # type: ignore[union-attr]
    assert rows["pimpinan"].hidden and rows["pimpinan"].value is None and rows["pimpinan"].n is None
    assert rows["penyedia"].hidden  # the next smallest (5), or the leader's score = 3 x ILK - 3 - 4
    assert not rows["pengguna"].hidden and rows["pengguna"].value == 3 and rows["pengguna"].n == 6
