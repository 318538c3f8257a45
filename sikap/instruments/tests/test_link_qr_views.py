import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from sikap.instruments.tests.factories import make_campaign, unit_link

pytestmark = pytest.mark.django_db


@pytest.fixture
def link(world):
    return unit_link(make_campaign([world.division]), world.division)


def test_the_svg_is_a_valid_svg_document_encoding_the_public_address(login, world, link):
    response = login(world.operator).get(reverse("link_qr_svg", args=[link.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    root = ET.fromstring(response.content)  # noqa: S314 - our own response, not untrusted input
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert f"http://testserver/s/{link.token}/" in response.content.decode()  # the title names the address


def test_the_png_is_a_png(login, world, link):
    response = login(world.operator).get(reverse("link_qr_png", args=[link.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response.content.startswith(b"\x89PNG\r\n\x1a\n")


def test_a_leader_may_download_them(login, world, link):
    client = login(world.leader)
    assert client.get(reverse("link_qr_svg", args=[link.pk])).status_code == 200
    assert client.get(reverse("link_qr_png", args=[link.pk])).status_code == 200


def test_an_outsider_gets_404(login, world, link):
    client = login(world.outsider)
    assert client.get(reverse("link_qr_svg", args=[link.pk])).status_code == 404
    assert client.get(reverse("link_qr_png", args=[link.pk])).status_code == 404


def test_an_anonymous_visitor_is_sent_to_login(client, link):
    response = client.get(reverse("link_qr_png", args=[link.pk]))
    assert response.status_code == 302
