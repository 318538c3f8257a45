"""A small surveyed world for the export tests, and what the stored answers of a submission are."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

import pytest

from sikap.indices.tests.helpers import random_submission
from sikap.instruments.models import Campaign
from sikap.reports.exports import Export, Scope
from sikap.responses.models import Answer, Submission
from sikap.testing.factories import World, make_campaign, make_service

pytestmark = pytest.mark.django_db

DEVICE = "d" * 64
NETWORK = "e" * 64
FORMULA = '=HYPERLINK("http://contoh.invalid","klik")'
COMPLAINT = "Antrean panjang; hubungi saya"


@dataclass
class Survey:
    campaign: Campaign
    ours: list[Submission]  # in world.division; [1] is suspect, [2] rejected
    theirs: list[Submission]  # in world.other_division (Bali)


def make_survey(world: World) -> Survey:
    """Five submissions in the Jawa Barat division (one suspect, one rejected) and two in Bali."""
    rng = random.Random(5)
    campaign = make_campaign([world.division, world.other_division], with_service_links=False)
    service = make_service(world.division)
    ours = [random_submission(campaign, world.division, rng, service=service) for _ in range(5)]
    theirs = [random_submission(campaign, world.other_division, rng) for _ in range(2)]
    Submission.objects.update(device_hash=DEVICE, network_hash=NETWORK)
    Submission.objects.filter(pk=ours[0].pk).update(suggestion=FORMULA, complaint=COMPLAINT, age=34)
    Submission.objects.filter(pk=ours[1].pk).update(status=Submission.Status.SUSPECT)
    Submission.objects.filter(pk=ours[2].pk).update(status=Submission.Status.REJECTED)
    return Survey(campaign, ours, theirs)


def stored_answers(submission: Submission) -> dict[str, int]:
    """Column name -> value (and _imp -> importance) as stored, for comparison with an export."""
    found: dict[str, int] = {}
    answers = Answer.objects.filter(response__submission=submission).select_related(
        "element", "response__version__instrument"
    )
    for a in answers:
        name = f"{a.response.version.instrument.code}_{a.element.code}"
        found[name] = a.value
        if a.importance is not None:
            found[f"{name}_imp"] = a.importance
    return found


def test_the_columns_follow_the_agreed_order(world: World, survey: Survey) -> None:
    names = Export(Scope(world.division, survey.campaign.period)).layout.names
    assert names[:13] == [
        *("no", "unit_code", "unit_name", "service", "channel", "answered_on", "status", "verified"),
        *("age", "age_band", "sex", "education", "occupation"),
    ]
    answers = names[13:-2]
    assert answers[:9] == [f"SKM_U{n}" for n in range(1, 10)]
    assert answers[9:17] == [f"SPKP_K{n}" for n in range(1, 9)]
    assert answers[17:] == [f"SPAK_A{n}" for n in range(1, 6)]
    assert names[-2:] == ["suggestion", "complaint"]


def test_one_instrument_and_no_free_text_narrow_the_columns(world: World, survey: Survey) -> None:
    scope = Scope(world.division, survey.campaign.period, instrument="SPAK", free_text=False)
    names: list[Any] = Export(scope).layout.names
    assert names[13:] == [f"SPAK_A{n}" for n in range(1, 6)]
