"""Closed, future and unknown links: a clear page, and a POST to them stores nothing."""

import pytest

from sikap.instruments.models import Campaign
from sikap.responses.models import Submission
from sikap.responses.tests.public_fixtures import form_url, open_survey, thanks_url, valid_form

pytestmark = pytest.mark.django_db


def test_a_link_whose_period_is_over_answers_410_and_stores_nothing(client, world):
    survey = open_survey(world, start_days=-60, end_days=-1)
    response = client.get(form_url(survey.unit_link))
    assert response.status_code == 410
    assert "Survei untuk periode ini sudah ditutup." in response.content.decode()
    posted = client.post(form_url(survey.unit_link), valid_form(survey))
    assert posted.status_code == 410
    assert "Jawaban Saudara tidak disimpan." in posted.content.decode()
    assert not Submission.objects.exists()


def test_a_closed_campaign_or_a_switched_off_link_is_closed(client, world):
    survey = open_survey(world)
    Campaign.objects.filter(pk=survey.campaign.pk).update(status=Campaign.Status.CLOSED)
    assert client.get(form_url(survey.unit_link)).status_code == 410
    Campaign.objects.filter(pk=survey.campaign.pk).update(status=Campaign.Status.OPEN)
    survey.service_link.active = False
    survey.service_link.save()
    posted = client.post(form_url(survey.service_link), valid_form(survey, survey.service_link))
    assert posted.status_code == 410
    assert not Submission.objects.exists()


def test_a_link_before_its_period_says_when_it_opens_and_refuses_answers(client, world):
    survey = open_survey(world, start_days=3, end_days=90)
    response = client.get(form_url(survey.unit_link))
    assert response.status_code == 200  # the printed QR code is valid: it just is not open yet
    html = response.content.decode()
    assert "Survei belum dibuka" in html
    assert 'name="key"' not in html
    posted = client.post(form_url(survey.unit_link), valid_form(survey))
    assert posted.status_code == 403
    assert not Submission.objects.exists()


def test_an_unknown_token_answers_404_in_plain_indonesian(client, db):
    response = client.get("/s/tidak-ada-token-ini/")
    assert response.status_code == 404
    assert "Alamat survei ini tidak ditemukan." in response.content.decode()
    assert client.post("/s/tidak-ada-token-ini/", {"SKM-U1": "4"}).status_code == 404
    assert client.get("/s/tidak-ada-token-ini/terima-kasih/").status_code == 404
    assert not Submission.objects.exists()


def test_the_thank_you_page_of_a_known_link_needs_no_submission(client, world):
    survey = open_survey(world)
    response = client.get(thanks_url(survey.unit_link))
    assert response.status_code == 200
    assert "Terima kasih atas penilaian Anda" in response.content.decode()
