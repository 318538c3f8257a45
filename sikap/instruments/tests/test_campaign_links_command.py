import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sikap.instruments import actions
from sikap.instruments.tests.factories import IN_PERIOD, make_campaign, unit_link
from sikap.testing.factories import make_period, make_service

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def base_url(settings):
    settings.SIKAP_BASE_URL = "https://sikap.example.go.id"


@pytest.fixture
def campaign(world, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: IN_PERIOD)
    make_service(world.division, "Permohonan Merek")
    return make_campaign([world.division, world.other_division])


def run(*args):
    out = io.StringIO()
    call_command("campaign-links", *args, stdout=out)
    return out.getvalue()


def test_json_lists_every_open_link_with_its_instruments_and_address(world, campaign, settings):
    settings.SIKAP_BASE_URL = "https://sikap.example.go.id"
    rows = json.loads(run("--json"))
    link = unit_link(campaign, world.division)
    assert {
        "unit": "kanwil-jabar-ki",
        "period": "2026 Semester II",
        "service": None,
        "instruments": ["SKM", "SPKP", "SPAK"],
        "url": f"https://sikap.example.go.id/s/{link.token}/",
    } in rows
    assert len(rows) == 3
    assert {row["service"] for row in rows} == {None, "Permohonan Merek"}
    assert all(set(row) == {"unit", "period", "service", "instruments", "url"} for row in rows)


def test_unit_narrows_to_its_subtree(world, campaign):
    rows = json.loads(run("--unit", "kanwil-jabar", "--json"))
    assert {row["unit"] for row in rows} == {"kanwil-jabar-ki"}
    assert len(rows) == 2


def test_closed_and_future_links_are_left_out(world, campaign):
    make_campaign(
        [world.kanwil],
        name="Nanti",
        period=make_period("2027 Semester I", datetime.date(2027, 1, 1), datetime.date(2027, 6, 30)),
    )
    actions.close_campaign(None, campaign)
    assert json.loads(run("--json")) == []


def test_the_plain_output_is_a_table(world, campaign):
    text = run()
    assert text.splitlines()[0].split() == ["unit", "period", "service", "instruments", "url"]
    assert "SKM+SPKP+SPAK" in text
    assert "3 open link(s)." in text


def test_an_unknown_unit_exits_with_code_2(world, campaign):
    with pytest.raises(CommandError) as error:
        run("--unit", "tidak-ada", "--json")
    assert error.value.returncode == 2
    assert "tidak-ada" in str(error.value)


def test_the_command_line_exits_2_with_the_message_on_stderr(world, capsys):
    from django.core.management import ManagementUtility

    with pytest.raises(SystemExit) as exit_:
        ManagementUtility(["sikap", "campaign-links", "--unit", "tidak-ada"]).execute()
    assert exit_.value.code == 2
    assert "Unknown unit code: 'tidak-ada'" in capsys.readouterr().err


def test_base_url_overrides_the_setting(world, campaign):
    rows = json.loads(run("--json", "--base-url", "https://survei.kemenkum.go.id/"))
    link = unit_link(campaign, world.division)
    assert f"https://survei.kemenkum.go.id/s/{link.token}/" in {row["url"] for row in rows}


def test_without_a_base_url_it_says_how_to_give_one_and_guesses_no_port(world, campaign, settings):
    settings.SIKAP_BASE_URL = ""
    with pytest.raises(CommandError) as error:
        run("--json")
    assert error.value.returncode == 2
    assert "SIKAP_BASE_URL" in str(error.value)
    assert "--base-url" in str(error.value)
