import random

import pytest
from django.utils import timezone

from sikap import scoring
from sikap.indices.tests.helpers import answered_campaign, compute, random_submission
from sikap.instruments.models import InstrumentVersion
from sikap.responses import actions
from sikap.responses.models import Answer
from sikap.testing.factories import make_campaign

pytestmark = pytest.mark.django_db


def _version(code):
    return InstrumentVersion.objects.published().get(instrument__code=code)


def _rows(version, statuses=("accepted",)):
    rows = {}
    for answer in Answer.objects.filter(
        response__version=version, response__submission__status__in=statuses
    ).select_related("element"):
        rows.setdefault(answer.response_id, {})[answer.element.code] = answer.value
    return list(rows.values())


def test_the_index_from_rollups_equals_the_index_from_raw_answers(world):
    rng = random.Random(11)
    campaign = make_campaign([world.division, world.other_division], with_service_links=False)
    for _ in range(40):
        random_submission(campaign, rng.choice([world.division, world.other_division]), rng, blanks=0.05)
    skm = _version("SKM")
    result = compute([world.division.pk, world.other_division.pk], skm, campaign.period)
    expected = scoring.ikm_from_rows(_rows(skm))
    assert result.respondents == expected.respondents
    assert result.score == float(expected.score)
    assert result.grade == expected.grade
    assert [e.mean for e in result.elements] == [float(e.nrr_exact) for e in expected.elements]
    low, high = result.ci95
    assert low < result.score < high


def test_a_perception_index_is_reported_on_three_scales(world):
    campaign = answered_campaign([(world.division, 12)], seed=5)
    result = compute([world.division.pk], _version("SPKP"), campaign.period)
    expected = scoring.perception_from_rows(_rows(_version("SPKP")), instrument="spkp")
    assert (result.index, result.index_4, result.score) == (
        float(expected.index_6),
        float(expected.index_4),
        float(expected.index_100),
    )
    assert result.passed == expected.passed
    assert "linear" in result.convention.lower() or "linier" in result.convention.lower()


def test_suspect_answers_are_left_out_unless_asked(world):
    rng = random.Random(9)
    campaign = make_campaign([world.division], with_service_links=False)
    subs = [random_submission(campaign, world.division, rng) for _ in range(6)]
    # Sent through the web form seconds after it was opened: suspect (too fast).
    fast = random_submission(campaign, world.division, rng, channel="web", started_at=timezone.now())
    assert fast.status == "suspect" and "too_fast" in fast.reasons
    actions.review(world.admin, subs[1], accept=False, reason="uji")  # rejected: never counted
    skm = _version("SKM")
    assert compute([world.division.pk], skm, campaign.period).respondents == 5
    assert compute([world.division.pk], skm, campaign.period, with_suspect=True).respondents == 6


def test_a_roll_up_pools_answers_rather_than_averaging_unit_means(world):
    campaign = answered_campaign([(world.division, 3), (world.other_division, 9)], seed=2)
    skm = _version("SKM")
    pooled = compute([world.division.pk, world.other_division.pk], skm, campaign.period)
    assert pooled.score == float(scoring.ikm_from_rows(_rows(skm)).score)
    assert pooled.respondents == 12
