"""The report's respondent profile of an internal survey goes through `analysis.breakdowns`: cells under k
hidden with a complementary cell, and no cell holding answers of a unit under k."""

from __future__ import annotations

import pytest

from sikap.reports.documents.common import Scope, profile
from sikap.responses.tests.internal_helpers import answer_internal, internal_campaign, version_of

pytestmark = pytest.mark.django_db


def test_the_profile_of_an_internal_report_hides_cells_under_k_and_their_complement(world):
    campaign = internal_campaign([world.division, world.other_division])
    for perspective, n in (("pengguna", 6), ("penyedia", 5), ("pimpinan", 2)):
        for _ in range(n):
            answer_internal(campaign, world.division, perspektif=perspective)
    for _ in range(3):  # a unit under k: in no cell
        answer_internal(campaign, world.other_division, perspektif="pimpinan")
    scope = Scope(
        world.kanwil,
        [world.division.pk, world.other_division.pk],
        campaign.period,
        version_of(campaign, "ILK"),
    )
    [group] = [g for g in profile(scope, 16) if g.dimension == "perspektif"]
    cells = {c.label.split()[0].lower(): c for c in group.cells}
    assert cells["pimpinan"].suppressed and cells["pimpinan"].n is None
    # Pimpinan alone would be the total minus the others: the next smallest (penyedia, 5) goes too.
    assert cells["penyedia"].suppressed and cells["penyedia"].n is None
    assert cells["pengguna"].n == 6
