import pytest
from django.urls import reverse

from sikap.accounts.access import access_for
from sikap.instruments.queries import campaigns_in_scope
from sikap.instruments.tests.factories import make_campaign
from sikap.testing.factories import make_period, make_service

pytestmark = pytest.mark.django_db

URL = reverse("campaign_list")


@pytest.fixture
def campaigns(world):
    period = make_period()
    return (
        make_campaign([world.division], period=period, name="Kampanye Jawa Barat"),
        make_campaign([world.other_division], period=period, name="Kampanye Bali"),
    )


def test_an_operator_sees_only_campaigns_with_links_in_its_scope(login, world, campaigns):
    page = login(world.operator).get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Kampanye Jawa Barat" in html
    assert "Kampanye Bali" not in html
    assert "SKM, SPKP, SPAK" in html


def test_a_leader_of_the_ministry_sees_both(login, world, campaigns):
    html = login(world.leader).get(URL).content.decode()
    assert "Kampanye Jawa Barat" in html
    assert "Kampanye Bali" in html


def test_an_outsider_sees_nothing_of_other_units(login, world, campaigns):
    html = login(world.outsider).get(URL).content.decode()
    assert "Kampanye Bali" in html
    assert "Kampanye Jawa Barat" not in html


def test_the_query_count_does_not_grow_with_campaigns(login, world, django_assert_max_num_queries):
    client = login(world.leader)
    make_campaign([world.division], name="K0")
    client.get(URL)
    with django_assert_max_num_queries(10) as few:
        client.get(URL)
    for n in range(1, 6):
        make_service(world.division, f"Layanan {n}")
        make_campaign([world.division, world.kanwil], name=f"K{n}", period=make_period(f"P{n}"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(URL).content.decode()
    assert "K5" in html


def test_each_campaign_is_listed_once_with_the_links_in_scope_counted(world):
    make_service(world.division, "Permohonan Merek")
    make_campaign([world.division, world.other_division])
    [campaign] = campaigns_in_scope(access_for(world.kanwil_admin))
    assert campaign.n_links == 2
    [campaign] = campaigns_in_scope(access_for(world.leader))
    assert campaign.n_links == 3
