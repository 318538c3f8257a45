"""Headcount-weighted roll-ups of the ILK, coverage, equity flags and anonymity, worked by hand."""

from __future__ import annotations

import pytest

from sikap.indices import read, strata
from sikap.indices.tests.internal_helpers import (
    answer,
    ilk_everywhere,
    internal_campaign,
    set_headcount,
    version_of,
)

pytestmark = pytest.mark.django_db


def _answered(world, *, k=5):
    """Every respondent a user answering all 15 items alike, so a unit's ILK is its respondents' mean:
    Bidang KI Jabar 5 x 4 = 4 (N 50); the Kanwil Jabar office 3 x 3 and 3 x 2 = 2,5 (N 150); Bidang KI
    Bali 3 x 1, under k (N 40); Kanwil Bali nobody (N 60); the ministry office nobody (N 100)."""
    units = [world.ministry, world.kanwil, world.division, world.other_kanwil, world.other_division]
    campaign = internal_campaign(units, k=k)
    for unit, values in [
        (world.division, [4] * 5),
        (world.kanwil, [3, 3, 3, 2, 2, 2]),
        (world.other_division, [1, 1, 1]),
    ]:
        for value in values:
            answer(campaign, unit, ilk_everywhere(value), perspektif="pengguna")
    for unit, n in [
        (world.division, 50),
        (world.kanwil, 150),
        (world.other_division, 40),
        (world.other_kanwil, 60),
        (world.ministry, 100),
    ]:
        set_headcount(unit, campaign.period, n)
    return campaign, version_of(campaign, "ILK")


def test_the_ministry_rollup_is_headcount_weighted_with_pooled_and_plain_means_beside(world):
    campaign, version = _answered(world)
    found = strata.rollup(world.ministry, version, campaign.period)
    # (4 x 50 + 2,5 x 150) / 200 = 2,875 -> x 25 = 71,875 -> 71,88, grade C.
    assert found.weighted.rollup == "headcount-weighted"
    assert found.weighted.index == pytest.approx(2.875)
    assert (found.weighted.score, found.weighted.grade) == (71.88, "C")
    # Pooled over the 11 respondents of units with at least k: (5 x 4 + 3 x 3 + 3 x 2) / 11 = 35/11.
    assert found.pooled.respondents == 11 and found.pooled.left_out == 3
    assert found.pooled.index == pytest.approx(35 / 11)
    assert (found.pooled.score, found.pooled.grade) == (79.55, "B")
    # Plain mean of units: (4 + 2,5) / 2 = 3,25 -> 81,25.
    assert (found.plain.index, found.plain.score) == (3.25, 81.25)
    assert (found.headcount, found.covered, found.coverage) == (400, 200, 0.5)
    weights = {s.unit.code: s.weight for s in found.strata if s.weight is not None}
    assert weights == {world.division.code: 0.25, world.kanwil.code: 0.75}
    # 2,5 lies more than 0,25 below 2,875: flagged; 4 is not.
    assert [s.unit.code for s in found.flagged] == [world.kanwil.code]


def test_a_unit_under_k_cannot_be_found_by_subtracting_its_siblings(world):
    campaign, version = _answered(world)
    found = strata.rollups([world.ministry, world.kanwil, world.other_kanwil], version, campaign.period)
    bali = found[world.other_kanwil.pk]
    assert bali.suppressed and bali.weighted.index is None and bali.pooled.suppressed
    assert bali.pooled.respondents == 3 and bali.pooled.score is None
    # The ministry's figures carry nothing of Bali's three respondents: they equal Jabar's.
    ministry, jabar = found[world.ministry.pk], found[world.kanwil.pk]
    assert ministry.pooled.index == jabar.pooled.index
    assert ministry.weighted.index == jabar.weighted.index
    own = {s.unit.code: s for s in ministry.strata}
    assert own[world.other_division.code].result.suppressed
    assert own[world.other_division.code].weight is None


def test_a_campaign_may_raise_k(world):
    campaign, version = _answered(world, k=6)
    found = strata.rollup(world.ministry, version, campaign.period)
    # Bidang KI Jabar's 5 respondents are now under k: only the Kanwil office (N 150) is a stratum.
    assert found.weighted.index == pytest.approx(2.5)
    assert (found.covered, found.pooled.respondents, found.pooled.left_out) == (150, 6, 8)
    unit = read.result(read.Scope([world.division.pk], campaign.period, version))
    assert unit.suppressed and unit.k == 6


def test_equity_across_levels_is_headcount_weighted(world):
    campaign, version = _answered(world)
    found = strata.rollup(world.ministry, version, campaign.period)
    equity = strata.by_level(found)
    assert [(r.key, r.index, r.headcount, r.flagged) for r in equity.rows] == [
        ("division", 4.0, 50, False),
        ("kanwil", 2.5, 150, True),
    ]
    assert equity.spread is not None
    assert (equity.spread.minimum, equity.spread.maximum, equity.spread.range) == (2.5, 4.0, 1.5)
    # Weighted mean 2,875; variance (50 x 1,125^2 + 150 x 0,375^2) / 200 = 0,421875.
    assert equity.spread.mean == pytest.approx(2.875)
    assert equity.spread.sd == pytest.approx(0.421875**0.5)
    assert equity.spread.cv == pytest.approx(0.421875**0.5 / 2.875)


def test_equity_across_kanwil_flags_against_the_ministry(world):
    campaign, version = _answered(world)
    found = strata.rollups([world.ministry, world.kanwil, world.other_kanwil], version, campaign.period)
    ministry = found.pop(world.ministry.pk)
    equity = strata.across(found, ministry)
    assert [(r.key, r.index, r.headcount) for r in equity.rows] == [
        (world.kanwil.code, 2.875, 200),
        (world.other_kanwil.code, None, 0),
    ]
    assert equity.reference == 2.875 and equity.flagged == []
    assert equity.spread is not None and equity.spread.count == 1


def test_the_threshold_comes_from_the_versions_scoring(world):
    campaign, version = _answered(world)
    version.scoring = {**version.scoring, "flag_below": 0.5}  # in memory: published versions are immutable
    found = strata.rollup(world.ministry, version, campaign.period)
    assert found.flag_below == 0.5 and found.flagged == []


def test_rollups_cost_the_same_queries_for_one_group_or_many(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    campaign, version = _answered(world)
    version = type(version).objects.with_parts().get(pk=version.pk)
    counts = []
    for groups in ([world.ministry], [world.ministry, world.kanwil, world.other_kanwil]):
        with CaptureQueriesContext(connection) as queries:
            strata.rollups(groups, version, campaign.period)
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 14
