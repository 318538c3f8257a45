"""Element moments per breakdown category: kept for internal methods only, rebuilt equal to incremental."""

from __future__ import annotations

import random

import pytest

from sikap.indices.models import ElementGroupTally
from sikap.indices.tallies import rebuild
from sikap.indices.tests.helpers import answered_campaign, tally_snapshot
from sikap.indices.tests.internal_helpers import answer, internal_campaign, version_of
from sikap.internal.models import AgeBand, JobType, Perspective, ServiceBand, Sex
from sikap.responses import actions

pytestmark = pytest.mark.django_db


def _random_profile(rng):
    pick = lambda choices: rng.choice(["", *choices.values])  # noqa: E731
    return dict(
        perspektif=pick(Perspective),
        jenis_jabatan=pick(JobType),
        jenis_kelamin=pick(Sex),
        kelompok_usia=pick(AgeBand),
        masa_kerja=pick(ServiceBand),
    )


def test_public_submissions_keep_no_element_groups(world):
    answered_campaign([(world.division, 6)], seed=2)
    assert not ElementGroupTally.objects.exists()


def test_rebuilt_element_groups_equal_the_incremental_ones(world):
    rng = random.Random(11)
    campaign = internal_campaign([world.division, world.other_division], ("ILK", "INTEGRITAS", "SKM"))
    stored = []
    for _ in range(40):
        unit = rng.choice([world.division, world.other_division])
        for code in ("ILK", "INTEGRITAS"):
            values = {}
            for element in version_of(campaign, code).elements.all():
                values[element.code] = rng.choice([None, "TT", 1, 2, 3, 4, 4])
            if any(v is not None for v in values.values()):
                stored.append(answer(campaign, unit, values, code=code, **_random_profile(rng)))
    for submission in rng.sample(stored, k=12):
        actions.review(world.admin, submission, accept=rng.random() < 0.5, reason="uji")
    incremental = tally_snapshot()
    groups = incremental["ElementGroupTally"]
    assert groups and any(row[-1] for row in groups), "no group row, or none with an N/A answer"
    assert {row[4] for row in groups} == {
        "perspektif",
        "jenis_jabatan",
        "jenis_kelamin",
        "kelompok_usia",
        "masa_kerja",
    }
    rebuild()
    assert tally_snapshot() == incremental
