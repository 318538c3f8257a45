import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from sikap.instruments.qr import OfflineFetcher, poster_pdf
from sikap.instruments.tests.factories import make_campaign, unit_link
from sikap.testing.factories import make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(world):
    make_service(world.division, "Permohonan Merek")
    return make_campaign([world.division])


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def test_the_poster_is_one_a4_page_with_unit_period_instructions_and_address(login, world, campaign):
    link = unit_link(campaign, world.division)
    response = login(world.operator).get(reverse("link_poster", args=[link.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    text = text_of(response.content)
    assert "Bidang KI Jawa Barat" in text
    assert "Semua layanan" in text
    assert "2026 Semester II" in text
    assert "Pindai kode QR ini" in text
    assert f"/s/{link.token}/" in text
    assert "Survei Persepsi Anti Korupsi" in text


def test_a_service_poster_names_the_service(login, world, campaign):
    link = campaign.links.get(service__name="Permohonan Merek")
    text = text_of(login(world.operator).get(reverse("link_poster", args=[link.pk])).content)
    assert "Permohonan Merek" in text
    assert "Semua layanan" not in text


def test_a_leader_may_download_it_and_an_outsider_gets_404(login, world, campaign):
    link = unit_link(campaign, world.division)
    assert login(world.leader).get(reverse("link_poster", args=[link.pk])).status_code == 200
    assert login(world.outsider).get(reverse("link_poster", args=[link.pk])).status_code == 404


def test_the_fetcher_refuses_everything_but_data_urls():
    fetcher = OfflineFetcher()
    for url in ["https://fonts.example.com/font.woff2", "file:///etc/passwd", "http://127.0.0.1:8000/x.css"]:
        with pytest.raises(ValueError, match="no external resources"):
            fetcher.fetch(url)
    assert fetcher.fetch("data:text/plain;base64,b2s=").read() == b"ok"


def test_rendering_the_poster_asks_for_no_resource_at_all(world, campaign, monkeypatch):
    fetched = []
    original = OfflineFetcher.fetch

    def recording(self, url, headers=None):
        fetched.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(OfflineFetcher, "fetch", recording)
    pdf = poster_pdf(unit_link(campaign, world.division), "http://testserver/s/x/", [])
    assert pdf.startswith(b"%PDF")
    assert fetched == []


def test_the_poster_prints_the_configured_address_not_the_request_host(login, world, campaign, settings):
    settings.SIKAP_BASE_URL = "https://survei.example.go.id"
    link = unit_link(campaign, world.division)
    text = text_of(login(world.operator).get(reverse("link_poster", args=[link.pk])).content)
    assert f"https://survei.example.go.id/s/{link.token}/" in text
    assert "testserver" not in text
