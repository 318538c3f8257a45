"""`sikap indices --instrument ILK|INTEGRITAS --json`: the pages' numbers, with headcount and roll-up."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from sikap.indices.tests.test_ilk_strata import _answered
from sikap.indices.tests.test_integrity_index import _answered as _integrity

pytestmark = pytest.mark.django_db


def _run(*args):
    out = io.StringIO()
    call_command("indices", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_a_subtree_gives_the_headcount_weighted_rollup(world):
    campaign, _version = _answered(world)
    data = _run("--instrument", "ILK", "--period", campaign.period.name, "--unit", "kemenkum", "--subtree")
    assert (data["method"], data["index"], data["score"], data["grade"]) == (
        "headcount-weighted",
        2.875,
        71.88,
        "C",
    )
    assert (data["headcount"], data["covered_headcount"], data["coverage"]) == (400, 200, 0.5)
    assert data["pooled"]["score"] == 79.55 and data["pooled"]["respondents"] == 11
    assert data["plain_mean"]["score"] == 81.25
    assert data["suppressed"] is False and data["flagged"] == [world.kanwil.code]
    assert data["respondents"] == 11 and data["left_out"] == 3


def test_without_a_unit_it_rolls_up_the_organisation(world):
    campaign, _version = _answered(world)
    data = _run("--instrument", "ILK", "--period", campaign.period.name)
    assert (data["unit"], data["method"], data["score"]) == ("kemenkum", "headcount-weighted", 71.88)


def test_a_unit_under_k_prints_no_score(world):
    campaign, _version = _answered(world)
    data = _run("--instrument", "ILK", "--period", campaign.period.name, "--unit", world.other_division.code)
    assert (data["score"], data["index"], data["suppressed"]) == (None, None, True)
    assert (data["method"], data["headcount"], data["respondents"], data["elements"]) == ("unit", 40, 3, {})


def test_a_unit_gives_its_own_ilk_and_headcount(world):
    campaign, _version = _answered(world)
    data = _run("--instrument", "ilk", "--period", campaign.period.name, "--unit", world.division.code)
    assert (data["method"], data["headcount"], data["index"], data["score"], data["grade"]) == (
        "unit",
        50,
        4.0,
        100.0,
        "A",
    )
    assert data["parts"]["perspectives"] == {"pengguna": 4.0, "penyedia": None, "pimpinan": None}


def test_the_integrity_survey_gives_a_0_100_score_and_its_category(world):
    campaign, _version = _integrity(world)
    data = _run("--instrument", "INTEGRITAS", "--period", campaign.period.name, "--unit", world.division.code)
    assert (data["score"], data["grade"], data["profile"]) == (43.45, "Rentan", "itjen-2024")
    assert data["weakest"] == ["AN", "SD", "TI"]


def test_the_skm_json_is_unchanged(world):
    campaign, _version = _answered(world)
    data = _run("--period", campaign.period.name)
    assert "method" not in data and "headcount" not in data and "suppressed" not in data
