import random

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sikap.indices.models import AnswerTally, RespondentTally
from sikap.indices.tallies import rebuild
from sikap.indices.tests.helpers import random_submission, tally_snapshot
from sikap.instruments.models import Instrument
from sikap.responses import actions
from sikap.responses.models import Submission
from sikap.testing.factories import make_campaign, make_scaled_version

pytestmark = pytest.mark.django_db

# The standard instruments and a 0-5 one whose elements E2 and E3 may be answered "not applicable".
WITH_NA = ("SKM", "SPKP", "SPAK", "SKALA05")


def na_campaign(units, **kwargs):
    if not Instrument.objects.filter(code="SKALA05").exists():
        make_scaled_version("SKALA05")
    return make_campaign(units, codes=WITH_NA, **kwargs)


def test_rebuilt_tallies_equal_the_incremental_ones(world):
    rng = random.Random(7)
    campaign = na_campaign([world.division, world.other_division], with_service_links=False)
    stored = [
        random_submission(
            campaign, rng.choice([world.division, world.other_division]), rng, blanks=0.1, na=0.3
        )
        for _ in range(60)
    ]
    stored = [s for s in stored if s is not None]
    for submission in rng.sample(stored, k=20):
        actions.review(world.admin, submission, accept=rng.random() < 0.5, reason="uji")
    for submission in rng.sample(stored, k=10):
        actions.review(world.admin, submission, accept=True, reason="ditinjau ulang")
    incremental = tally_snapshot()
    assert incremental["AnswerTally"], "the history produced no tallies"
    assert AnswerTally.objects.filter(not_applicable=True, n__gt=0).exists(), "no answer was N/A"
    rebuild()
    assert tally_snapshot() == incremental


def test_rejecting_removes_a_submission_from_every_tally(world):
    rng = random.Random(3)
    campaign = make_campaign([world.division], with_service_links=False)
    submission = random_submission(campaign, world.division, rng)
    assert sum(AnswerTally.objects.values_list("n", flat=True)) == 22
    assert sum(RespondentTally.objects.values_list("n", flat=True)) == 3
    actions.review(world.admin, submission, accept=False, reason="isian ganda")
    assert sum(AnswerTally.objects.values_list("n", flat=True)) == 0
    assert sum(RespondentTally.objects.values_list("n", flat=True)) == 0


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), count=st.integers(1, 25))
def test_rebuild_agrees_on_random_data(world, seed, count):
    from sikap.indices.models import ElementTally, GroupTally

    for model in (AnswerTally, ElementTally, RespondentTally, GroupTally):
        model.objects.all().delete()
    Submission.objects.all().delete()
    rng = random.Random(seed)
    campaign = na_campaign([world.division], with_service_links=False)
    for _ in range(count):
        random_submission(campaign, world.division, rng, blanks=0.2, na=0.4)
    before = tally_snapshot()
    call_command("rebuild-indices")
    assert tally_snapshot() == before
