import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sikap.indices.tests.helpers import answered_campaign

pytestmark = pytest.mark.django_db


def _run(*args):
    out = io.StringIO()
    call_command("indices", *args, stdout=out)
    return json.loads(out.getvalue())


def test_it_prints_the_documented_shape_for_a_unit(world):
    campaign = answered_campaign([(world.division, 8)], seed=1)
    data = _run("--unit", world.division.code, "--period", campaign.period.name, "--json")
    assert set(data) == {
        "unit",
        "period",
        "instrument",
        "respondents",
        "elements",
        "index",
        "score",
        "grade",
        "ci95",
        "target",
        "attained",
        # Issue 10: the one status word, and how many units of a roll-up met their own target.
        "status",
        "units_met",
        "units_total",
    }
    assert (data["unit"], data["instrument"], data["respondents"], data["attained"]) == (
        world.division.code,
        "SKM",
        8,
        8,
    )
    assert list(data["elements"]) == [f"U{i}" for i in range(1, 10)]
    assert data["ci95"][0] <= data["score"] <= data["ci95"][1]
    assert data["target"] == 30


def test_without_a_unit_it_pools_the_whole_organisation(world):
    campaign = answered_campaign([(world.division, 1), (world.other_division, 2)], seed=4)
    data = _run("--period", campaign.period.name, "--instrument", "SPAK", "--json")
    assert (data["unit"], data["respondents"], data["instrument"]) == ("kemenkum", 3, "SPAK")


def test_a_subtree_pools_the_units_below(world):
    campaign = answered_campaign([(world.division, 1)], seed=4)
    own = _run("--unit", world.kanwil.code, "--period", campaign.period.name, "--json")
    pooled = _run("--unit", world.kanwil.code, "--period", campaign.period.name, "--subtree", "--json")
    assert (own["respondents"], pooled["respondents"]) == (0, 1)


def test_an_unknown_period_exits_with_code_2(world):
    with pytest.raises(CommandError) as error:
        call_command("indices", "--period", "1999 Semester IX", "--json")
    assert error.value.returncode == 2
