import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from sikap.instruments.actions import close_campaign
from sikap.instruments.tests.factories import make_campaign, unit_link
from sikap.responses import actions
from sikap.responses.tests.public_fixtures import form_url, open_survey, valid_form
from sikap.testing.factories import make_period

pytestmark = pytest.mark.django_db


def slips_url(unit, period):
    return reverse("operator:codes_slips", args=[unit.code, period.pk])


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def test_the_slips_are_a4_pages_of_eight_with_code_unit_and_survey_address(login, world):
    campaign = make_campaign([world.division])
    period = campaign.period
    issued = actions.issue_codes(world.operator, world.division, period, 23)
    client = login(world.operator)
    assert slips_url(world.division, period) in client.get(reverse("operator:codes")).content.decode()
    reply = client.get(slips_url(world.division, period))
    assert reply.status_code == 200
    assert reply["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(reply.content))
    assert len(reader.pages) == 3  # 8 + 8 + 7
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (595, 842)  # A4 in points
    text = text_of(reply.content)
    assert all(code.code in text for code in issued)
    assert "Bidang KI Jawa Barat" in text
    assert f"/s/{unit_link(campaign, world.division).token}/" in text


def test_used_codes_are_not_printed_again(client, login, world):
    survey = open_survey(world)
    period = survey.campaign.period
    first, second = actions.issue_codes(world.operator, world.division, period, 2)
    data = valid_form(survey)
    data["service_code"] = first.code
    assert client.post(form_url(survey.unit_link), data).status_code == 302
    text = text_of(login(world.operator).get(slips_url(world.division, period)).content)
    assert second.code in text
    assert first.code not in text


def test_without_an_open_link_the_slips_carry_no_address(login, world):
    campaign = make_campaign([world.division])
    close_campaign(None, campaign)
    issued = actions.issue_codes(world.operator, world.division, campaign.period, 1)
    text = text_of(login(world.operator).get(slips_url(world.division, campaign.period)).content)
    assert issued[0].code in text
    assert "/s/" not in text


def test_an_outsider_gets_404_and_a_leader_403(login, world):
    period = make_period()
    actions.issue_codes(world.operator, world.division, period, 2)
    assert login(world.outsider).get(slips_url(world.division, period)).status_code == 404
    assert login(world.leader).get(slips_url(world.division, period)).status_code == 403
