import pytest
from django.urls import reverse

from sikap.instruments.tests.factories import make_campaign, unit_link
from sikap.testing.factories import make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(world):
    make_service(world.division, "Permohonan Merek")
    make_service(world.other_division, "Hak Cipta Bali")
    return make_campaign([world.division, world.other_division])


def url(campaign):
    return reverse("campaign_detail", args=[campaign.pk])


def test_an_operator_sees_its_links_with_public_address_qr_and_poster(login, world, campaign):
    page = login(world.operator).get(url(campaign))
    assert page.status_code == 200
    html = page.content.decode()
    link = unit_link(campaign, world.division)
    assert f"http://testserver/s/{link.token}/" in html
    assert reverse("link_poster", args=[link.pk]) in html
    assert reverse("link_qr_svg", args=[link.pk]) in html
    assert reverse("link_qr_png", args=[link.pk]) in html
    assert "Permohonan Merek" in html
    assert "Semua layanan" in html


def test_links_of_other_units_are_not_listed(login, world, campaign):
    html = login(world.operator).get(url(campaign)).content.decode()
    bali = unit_link(campaign, world.other_division)
    assert bali.token not in html
    assert "Hak Cipta Bali" not in html


def test_a_leader_reads_every_link(login, world, campaign):
    html = login(world.leader).get(url(campaign)).content.decode()
    assert unit_link(campaign, world.other_division).token in html
    assert unit_link(campaign, world.division).token in html


def test_a_campaign_without_links_in_scope_is_404(login, world):
    campaign = make_campaign([world.division])
    assert login(world.outsider).get(url(campaign)).status_code == 404


def test_the_query_count_does_not_grow_with_links(login, world, django_assert_max_num_queries):
    campaign = make_campaign([world.division])
    client = login(world.operator)
    client.get(url(campaign))
    with django_assert_max_num_queries(12) as few:
        client.get(url(campaign))
    for n in range(10):
        make_service(world.division, f"Layanan {n}")
    from sikap.instruments.actions import ensure_links

    ensure_links(None, campaign)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "Layanan 9" in client.get(url(campaign)).content.decode()


def test_each_link_offers_to_register_a_kiosk_tablet(login, world, campaign):
    html = login(world.operator).get(url(campaign)).content.decode()
    link = unit_link(campaign, world.division)
    assert reverse("kiosk_operator:register", args=[link.pk]) in html
    assert "Daftarkan tablet kios" in html and "?kiosk=" not in html


def test_a_closed_campaign_shows_its_links_as_closed_without_kiosk_qr_or_poster(login, world, campaign):
    from sikap.instruments.actions import close_campaign

    close_campaign(None, campaign)
    client = login(world.operator)
    html = client.get(url(campaign)).content.decode()
    link = unit_link(campaign, world.division)
    assert "ditutup" in html
    assert link.token in html  # listed for the record
    assert reverse("kiosk_operator:register", args=[link.pk]) not in html
    assert reverse("link_poster", args=[link.pk]) not in html
    assert reverse("link_qr_png", args=[link.pk]) not in html
    for name in ["link_poster", "link_qr_svg", "link_qr_png"]:
        assert client.get(reverse(name, args=[link.pk])).status_code == 410


def test_the_configured_base_url_wins_over_the_request_host(login, world, campaign, settings):
    settings.SIKAP_BASE_URL = "https://survei.example.go.id"
    html = login(world.operator).get(url(campaign)).content.decode()
    link = unit_link(campaign, world.division)
    assert f"https://survei.example.go.id/s/{link.token}/" in html
    assert "testserver" not in html


def test_in_english_the_kiosk_and_closed_labels_are_english(login, world, campaign):
    from sikap.instruments.actions import close_campaign

    client = login(world.operator)
    client.cookies["django_language"] = "en"
    assert "Register a kiosk tablet" in client.get(url(campaign)).content.decode()
    close_campaign(None, campaign)
    html = client.get(url(campaign)).content.decode()
    assert "This campaign is closed." in html
    assert "<strong>closed</strong>" in html
