"""The API on internal instruments: exactly `sikap indices --json` (a unit under k has "score": null and
"suppressed": true; a roll-up leaves it out), public instruments' objects unchanged."""

import io
import json

import pytest
from django.core.management import call_command

from sikap.responses.tests.internal_helpers import answer_internal, internal_campaign

pytestmark = pytest.mark.django_db


def _command(*args):
    out = io.StringIO()
    call_command("indices", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def campaign(world):
    found = internal_campaign([world.division, world.other_division])
    for _ in range(5):
        answer_internal(found, world.division, 3, perspektif="pengguna")
    for _ in range(3):
        answer_internal(found, world.other_division, 1, perspektif="pengguna")
    return found


@pytest.mark.parametrize("subtree", [False, True])
def test_the_api_gives_the_commands_internal_json(world, api, campaign, subtree):
    period = campaign.period.name
    for unit in (world.division, world.other_division, world.kanwil, world.ministry):
        args = ["--unit", unit.code, "--period", period, "--instrument", "ILK"]
        expected = _command(*args, *(["--subtree"] if subtree else []))
        response = api(world.leader).get(
            "indices", unit=unit.code, period=period, instrument="ILK", subtree=str(subtree).lower()
        )
        assert response.status_code == 200
        assert json.dumps(response.json()) == json.dumps(expected)


def test_a_unit_under_k_has_no_score_and_says_it_is_suppressed(world, api, campaign):
    found = (
        api(world.leader)
        .get("indices", unit=world.other_division.code, period=campaign.period.name, instrument="ILK")
        .json()
    )
    assert found["score"] is None and found["index"] is None and found["suppressed"] is True
    assert found["elements"] == {} and found["respondents"] == 3
    at_k = (
        api(world.leader)
        .get("indices", unit=world.division.code, period=campaign.period.name, instrument="ILK")
        .json()
    )
    assert at_k["score"] == 75.0 and at_k["suppressed"] is False


def test_the_ministry_roll_up_cannot_be_subtracted_back_to_the_small_unit(world, api, campaign):
    """Bali (3 answers of 1) is under k: the ministry's figures equal Jawa Barat's alone, so ministry minus
    Jawa Barat reveals nothing about Bali."""
    period = campaign.period.name
    ministry = api(world.leader).get(
        "indices", unit="kemenkum", period=period, instrument="ILK", subtree="true"
    )
    jabar = api(world.leader).get(
        "indices", unit="kanwil-jabar", period=period, instrument="ILK", subtree="true"
    )
    assert ministry.json()["pooled"]["score"] == jabar.json()["pooled"]["score"] == 75.0
    assert ministry.json()["left_out"] == 3  # respondents left out


def test_the_league_of_an_internal_instrument_suppresses_units_under_k(world, api, campaign):
    rows = api(world.leader).get("indices/league", period=campaign.period.name, instrument="ILK").json()
    by_unit = {row["unit"]: row for row in rows}
    assert by_unit["kanwil-bali-ki"]["score"] is None and by_unit["kanwil-bali-ki"]["suppressed"] is True
    assert by_unit["kanwil-bali"]["score"] is None
    # No headcounts: no headcount-weighted score, but the pooled one of the unit with k respondents.
    assert by_unit["kanwil-jabar-ki"]["pooled"]["score"] == 75.0
    assert by_unit["kanwil-bali-ki"]["pooled"]["score"] is None


def test_a_public_index_keeps_exactly_its_documented_fields(world, api):
    from sikap.indices.tests.helpers import answered_campaign

    campaign = answered_campaign([(world.division, 6)], seed=3)
    found = api(world.leader).get("indices", unit=world.division.code, period=campaign.period.name).json()
    assert "suppressed" not in found and "k" not in found
