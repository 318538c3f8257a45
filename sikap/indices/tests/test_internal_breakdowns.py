"""Breakdowns of internal indices: cells under k hidden with a complementary cell, scored by the method,
and no cell carrying answers of a unit under k."""

from __future__ import annotations

import pytest

from sikap.indices import analysis, read
from sikap.indices.tests.internal_helpers import answer, ilk_everywhere, internal_campaign, version_of

pytestmark = pytest.mark.django_db


def test_cells_under_k_are_hidden_and_a_lone_hidden_cell_takes_the_next_smallest_along(world):
    campaign = internal_campaign([world.division, world.other_division])
    for value, perspective, sexes in [
        (3, "pengguna", "LLLLLLP"),
        (4, "penyedia", "LLP"),
        (2, "pimpinan", "PP"),
    ]:
        for sex in sexes:
            answer(campaign, world.division, ilk_everywhere(value), perspektif=perspective, jenis_kelamin=sex)
    # Two users of a unit under k: their answers are in no cell of the pair's breakdown.
    for _ in range(2):
        answer(campaign, world.other_division, ilk_everywhere(1), perspektif="pengguna", jenis_kelamin="L")
    scope = read.Scope(
        [world.division.pk, world.other_division.pk], campaign.period, version_of(campaign, "ILK")
    )
    found = {b.dimension: b for b in analysis.breakdowns(scope, by_service=False)}
    perspectives = {c.category: c for c in found["perspektif"].cells}
    assert (perspectives["pengguna"].n, perspectives["pengguna"].mean, perspectives["pengguna"].score) == (
        7,
        3.0,
        75.0,
    )
    assert perspectives["penyedia"].suppressed and perspectives["pimpinan"].suppressed
    assert perspectives["penyedia"].n is None and perspectives["pimpinan"].mean is None
    sexes = {c.category: c for c in found["jenis_kelamin"].cells}
    assert sexes["P"].suppressed and not sexes["P"].complementary
    # Only one cell was under k, so the next smallest goes too: L cannot be the total minus P.
    assert sexes["L"].suppressed and sexes["L"].complementary


def test_a_campaigns_larger_k_hides_more(world):
    campaign = internal_campaign([world.division], k=8)
    for _ in range(7):
        answer(campaign, world.division, ilk_everywhere(3), perspektif="pengguna")
    for _ in range(3):
        answer(campaign, world.division, ilk_everywhere(3), perspektif="penyedia")
    scope = read.Scope([world.division.pk], campaign.period, version_of(campaign, "ILK"))
    found = {b.dimension: b for b in analysis.breakdowns(scope, by_service=False)}
    assert all(c.suppressed for c in found["perspektif"].cells)
