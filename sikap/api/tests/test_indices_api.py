import io
import json
import random

import pytest
from django.core.management import call_command

from sikap.api.throttle import QUERIES_PER_CALL
from sikap.indices.tests.helpers import answered_campaign, random_submission
from sikap.testing.factories import make_campaign

pytestmark = pytest.mark.django_db


def _command(*args):
    out = io.StringIO()
    call_command("indices", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def campaign(world):
    return answered_campaign([(world.division, 9), (world.other_division, 4)], seed=7)


@pytest.mark.parametrize("instrument", ["SKM", "SPKP", "SPAK"])
@pytest.mark.parametrize("subtree", [False, True])
def test_the_api_gives_exactly_the_commands_json(world, api, campaign, instrument, subtree):
    period = campaign.period.name
    for unit in (world.division, world.kanwil):
        args = ["--unit", unit.code, "--period", period, "--instrument", instrument]
        expected = _command(*args, *(["--subtree"] if subtree else []))
        response = api(world.leader).get(
            "indices", unit=unit.code, period=period, instrument=instrument, subtree=str(subtree).lower()
        )
        assert response.status_code == 200
        # Identical as JSON text too (an int where the command prints an int, key order included).
        assert json.dumps(response.json()) == json.dumps(expected)
    assert response.json()["respondents"] == (9 if subtree else 0)


def test_the_api_and_the_command_agree_with_suspect_answers_included(world, api, campaign):
    period = campaign.period.name
    expected = _command("--unit", world.division.code, "--period", period, "--with-suspect")
    got = api(world.operator).get("indices", unit=world.division.code, period=period, with_suspect="true")
    assert got.json() == expected


def test_without_a_unit_it_pools_each_top_unit_of_the_scope(world, api, campaign):
    period = campaign.period.name
    leader = api(world.leader).get("indices", period=period).json()
    assert leader == [_command("--period", period)]
    assert leader[0]["unit"] == "kemenkum" and leader[0]["respondents"] == 13
    outsider = api(world.outsider).get("indices", period=period).json()
    assert [(row["unit"], row["respondents"]) for row in outsider] == [("kanwil-bali-ki", 4)]


def test_the_league_pools_every_unit_in_scope_best_first(world, api, campaign):
    rows = api(world.kanwil_admin).get("indices/league", period=campaign.period.name).json()
    assert [(row["unit"], row["respondents"]) for row in sorted(rows, key=lambda r: r["unit"])] == [
        ("kanwil-jabar", 9),
        ("kanwil-jabar-ki", 9),
    ]
    everyone = api(world.leader).get("indices/league", period=campaign.period.name).json()
    assert len(everyone) == 5
    scores = [row["score"] for row in everyone if row["score"] is not None]
    assert scores == sorted(scores, reverse=True)
    expected = _command("--unit", "kanwil-bali", "--period", campaign.period.name, "--subtree")
    assert next(row for row in everyone if row["unit"] == "kanwil-bali") == expected
    kanwil = api(world.leader).get("indices/league", period=campaign.period.name, kind="kanwil").json()
    assert sorted(row["unit"] for row in kanwil) == ["kanwil-bali", "kanwil-jabar"]


def test_an_unknown_period_or_instrument_is_404_and_a_missing_period_422(world, api, campaign):
    leader = api(world.leader)
    assert leader.get("indices", period="1999 Semester IX").json()["detail_en"].startswith("Unknown period")
    response = leader.get("indices", period=campaign.period.name, instrument="XYZ")
    assert response.status_code == 404
    assert leader.get("indices").status_code == 422
    assert leader.get("indices/league", period="1999").status_code == 404


def test_the_league_is_the_league_pages_in_a_fixed_number_of_queries(
    world, api, campaign, django_assert_num_queries
):
    leader = api(world.leader)
    period = campaign.period.name
    leader.get("indices/league", period=period)  # marks the token used (a write once a minute)
    # The token, the period, the version (two), the memberships and the units in reach, then the league
    # page's league: results and elements, overrides, populations, respondents, working days, and the
    # units in the period's campaigns (issue 10: a roll-up's target is the sum of its units' targets);
    # and the throttle's count of the call.
    with django_assert_num_queries(14 + QUERIES_PER_CALL):
        rows = leader.get("indices/league", period=period).json()
    more = make_campaign([world.kanwil, world.ministry], with_service_links=False)
    for unit in (world.kanwil, world.ministry):
        random_submission(more, unit, random.Random(3))
    with django_assert_num_queries(14 + QUERIES_PER_CALL):
        again = leader.get("indices/league", period=period).json()
    assert len(again) == len(rows)
    named = sorted(rows, key=lambda r: (r["score"] is None, -(r["score"] or 0)))
    assert [r["score"] for r in rows] == [r["score"] for r in named]
