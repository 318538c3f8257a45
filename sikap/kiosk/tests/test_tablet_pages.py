"""The tablet's pages: pairing, the installable kiosk page in both languages, the worker and the manifest."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sikap.audit.models import AuditEvent
from sikap.kiosk import actions
from sikap.kiosk.credentials import COOKIE
from sikap.kiosk.models import KioskDevice
from sikap.responses.tests.public_fixtures import open_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def registered(world):
    survey = open_survey(world)
    device, code = actions.register(world.operator, survey.unit_link, "Loket 2")
    return survey, device, code


def test_opening_the_pairing_link_asks_first_and_pairing_sets_the_tablets_cookie(client, registered):
    _survey, device, code = registered
    url = reverse("kiosk:pair", args=[code])
    assert "Pasangkan tablet ini" in client.get(url).content.decode()
    assert not KioskDevice.objects.get(pk=device.pk).credential_hash  # a link preview uses nothing up
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == reverse("kiosk:app")
    cookie = response.cookies[COOKIE]
    assert cookie["path"] == "/kiosk/" and cookie["httponly"] and cookie["samesite"] == "Strict"
    device.refresh_from_db()
    assert device.state() == "active" and device.credential_hash != cookie.value  # only its hash is kept
    assert AuditEvent.objects.filter(action="kiosk.pair", object_id=str(device.pk)).exists()
    again = client.post(url)
    assert again.status_code == 410 and "sudah dipakai" in again.content.decode()


def test_the_kiosk_page_is_the_public_forms_questions_in_either_language(client, registered):
    survey, _device, code = registered
    client.post(reverse("kiosk:pair", args=[code]))
    html = client.get(reverse("kiosk:app")).content.decode()
    public = client.get(reverse("public_form", args=[survey.unit_link.token])).content.decode()
    assert 'name="SKM-U1"' in html and 'name="service"' in html
    # The same question templates: every question fieldset of the public form is on the kiosk page.
    for fieldset in public.split('<fieldset class="q"')[1:]:
        assert fieldset.split("</fieldset>")[0] in html
    assert 'src="/static/js/kiosk-app.js"' in html and 'rel="manifest"' in html
    assert "<script>" not in html and "onclick" not in html
    english = client.get(reverse("kiosk:app") + "?lang=en").content.decode()
    assert '<html lang="en">' in english and "Submit" in english and "Answers saved" in english
    assert "Jawaban tersimpan" not in english and "menunggu dikirim" not in english


def test_a_tablet_without_a_credential_is_told_to_be_paired(client):
    response = client.get(reverse("kiosk:app"))
    assert response.status_code == 401 and "belum terdaftar" in response.content.decode()


def test_a_revoked_tablet_shows_why_and_offers_to_export_its_queue(client, registered, world):
    _survey, device, code = registered
    client.post(reverse("kiosk:pair", args=[code]))
    actions.revoke(world.operator, device, "Tablet dipindah ke loket lain")
    response = client.get(reverse("kiosk:app"))
    html = response.content.decode()
    assert response.status_code == 403
    assert "dicabut" in html and "Tablet dipindah ke loket lain" in html
    assert 'id="k-export"' in html and "kiosk-app.js" in html
    assert 'name="SKM-U1"' not in html


def test_the_service_worker_is_served_as_javascript_under_kiosk(client):
    response = client.get(reverse("kiosk:service_worker"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/javascript")
    assert reverse("kiosk:service_worker").startswith("/kiosk/")
    assert b'addEventListener("fetch"' in response.content


def test_the_manifest_makes_the_kiosk_page_an_installable_app(client):
    response = client.get(reverse("kiosk:manifest"))
    assert response["Content-Type"] == "application/manifest+json"
    data = response.json()
    assert data["start_url"] == "/kiosk/" and data["scope"] == "/kiosk/" and data["display"] == "standalone"
    from django.contrib.staticfiles import finders

    assert finders.find(data["icons"][0]["src"].removeprefix("/static/"))
