"""Kiosk mode: a tablet at the counter that returns to an empty form after each respondent."""

import pytest
from django.core import signing
from django.urls import reverse

from sikap.responses.forms_public import kiosk_signature
from sikap.responses.models import Submission
from sikap.responses.public_views import kiosk_url
from sikap.responses.tests.public_fixtures import form_url, open_survey, valid_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(world):
    return open_survey(world)


def test_kiosk_url_carries_the_signature_of_the_token(survey):
    link = survey.service_link
    url = kiosk_url(link)
    signature = url.split("?kiosk=")[1]
    assert url.startswith(reverse("public_form", args=[link.token]))
    assert signing.Signer(salt="sikap.kiosk").sign(link.token) == f"{link.token}:{signature}"


def test_the_kiosk_form_never_keeps_entries_and_loads_the_idle_reset_script(client, survey):
    html = client.get(kiosk_url(survey.service_link)).content.decode()
    assert 'novalidate autocomplete="off">' in html
    assert '<script src="/static/js/kiosk.js" defer></script>' in html
    assert f'action="{kiosk_url(survey.service_link)}"' in html
    assert 'http-equiv="refresh"' not in html  # the idle reset must not wipe a slow respondent


def test_a_kiosk_submission_is_counted_as_kiosk_and_thanks_returns_to_an_empty_form(client, survey):
    link = survey.service_link
    response = client.post(kiosk_url(link), valid_form(survey, link), follow=True)
    assert Submission.objects.get().channel == Submission.Channel.KIOSK
    thanks_path, _status = response.redirect_chain[0]
    assert thanks_path == f"{reverse('public_thanks', args=[link.token])}?kiosk={kiosk_signature(link.token)}"
    html = response.content.decode()
    assert f'<meta http-equiv="refresh" content="5;url={kiosk_url(link)}">' in html


def test_an_invalid_signature_is_just_the_normal_form(client, survey):
    link = survey.service_link
    url = f"{form_url(link)}?kiosk=not-a-signature"
    html = client.get(url).content.decode()
    assert "kiosk.js" not in html
    other = f"{form_url(link)}?kiosk={kiosk_signature(survey.unit_link.token)}"  # another link's signature
    response = client.post(other, valid_form(survey, link), follow=True)
    assert Submission.objects.get().channel == Submission.Channel.WEB
    assert 'http-equiv="refresh"' not in response.content.decode()


def test_the_ordinary_form_does_not_load_the_kiosk_script(client, survey):
    assert "<script" not in client.get(form_url(survey.unit_link)).content.decode()
