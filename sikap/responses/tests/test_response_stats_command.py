import datetime
import io
import json
import uuid

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from sikap.instruments.queries import campaign_versions
from sikap.responses.actions import Visit, review, submit
from sikap.responses.validation import clean_submission
from sikap.testing.factories import make_campaign, make_period

pytestmark = pytest.mark.django_db


def add(campaign, unit, **visit):
    cleaned = clean_submission(
        campaign_versions(campaign), {"SKM-U1": "3", "age": "30"}, require_answers=False
    )
    visit.setdefault("answered_on", campaign.period.start)
    return submit(None, Visit(campaign=campaign, unit=unit, key=uuid.uuid4(), **visit), cleaned)[0]


def stats(*args):
    out = io.StringIO()
    call_command("response-stats", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def campaign(world):
    campaign = make_campaign([world.division, world.other_division])
    add(campaign, world.division)
    add(campaign, world.division)
    review(
        world.operator, add(campaign, world.division, started_at=timezone.now()), accept=False, reason="uji"
    )
    add(campaign, world.division, started_at=timezone.now())  # stays suspect
    add(campaign, world.other_division)
    return campaign


def test_the_json_has_the_four_counts(world, campaign):
    assert json.loads(stats("--json")) == {"total": 5, "accepted": 3, "suspect": 1, "rejected": 1}


def test_a_unit_includes_its_subtree(world, campaign):
    counts = json.loads(stats("--unit", world.kanwil.code, "--json"))
    assert counts == {"total": 4, "accepted": 2, "suspect": 1, "rejected": 1}


def test_a_period_narrows_the_counts(world, campaign):
    earlier = make_period("2026 Semester I", datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))
    add(make_campaign([world.division], earlier), world.division)
    assert json.loads(stats("--period", earlier.name, "--json"))["total"] == 1
    assert json.loads(stats("--period", campaign.period.name, "--json"))["total"] == 5


def test_without_json_it_prints_a_readable_line(world, campaign):
    assert stats("--unit", world.division.code).strip() == (
        "kanwil-jabar-ki: 4 kiriman — 2 diterima, 1 diragukan, 1 ditolak"
    )


@pytest.mark.parametrize("args", [["--unit", "tidak-ada"], ["--period", "1999"]])
def test_an_unknown_unit_or_period_exits_2(world, args):
    with pytest.raises(CommandError) as failed:
        stats(*args, "--json")
    assert failed.value.returncode == 2
