"""The old kiosk mode is gone: a signed `?kiosk=` address no longer gives a form kiosk treatment.

Kiosk tablets are registered, revocable devices (sikap/kiosk); a copied counter URL used to let rapid
posts through unflagged, so the same address now opens the ordinary public form with its web rules.
"""

import pytest
from django.core import signing

from sikap.responses.models import Submission
from sikap.responses.tests.public_fixtures import form_url, open_survey, valid_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(world):
    return open_survey(world)


def old_signature(token: str) -> str:
    """What the removed `kiosk_signature` produced: the signature part of the token signed for kiosks."""
    return signing.Signer(salt="sikap.kiosk").sign(token).rsplit(":", 1)[1]


def test_an_old_kiosk_address_opens_the_ordinary_form_without_script(client, survey):
    link = survey.service_link
    html = client.get(f"{form_url(link)}?kiosk={old_signature(link.token)}").content.decode()
    assert "<script" not in html and "kiosk.js" not in html and "http-equiv" not in html
    assert f'action="{form_url(link)}"' in html


def test_posts_through_an_old_kiosk_address_count_as_web_and_meet_the_web_rate_limit(client, survey):
    link = survey.service_link
    url = f"{form_url(link)}?kiosk={old_signature(link.token)}"
    statuses = []
    for n in range(8):
        data = valid_form(survey, link)
        data["key"] = f"5f0c6c2e-1d9a-4c57-9a1e-3f3b1a2b7c{n:02d}"
        statuses.append(client.post(url, data).status_code)
    assert set(Submission.objects.values_list("channel", flat=True)) == {Submission.Channel.WEB}
    assert 429 in statuses  # the device limit of the public form applies (5 per 10 minutes by default)
    assert Submission.objects.filter(status=Submission.Status.SUSPECT).exists()  # device repeats flagged
