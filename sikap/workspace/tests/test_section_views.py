"""The index pages of the sections: what the section offers the user, and the units in its reach."""

import pytest
from django.urls import reverse

from sikap.testing.factories import make_user

pytestmark = pytest.mark.django_db

SECTIONS = ["/operator/", "/laporan/", "/tindak-lanjut/"]


@pytest.mark.parametrize("url", SECTIONS)
def test_a_regional_admin_sees_its_region_and_not_another(world, login, url):
    html = login(world.kanwil_admin).get(url).content.decode()
    assert "Bidang KI Jawa Barat" in html and "Kanwil Jawa Barat" in html
    assert "Bali" not in html
    assert 'aria-current="page"' in html


def test_the_survey_index_lists_only_the_tools_a_leader_may_use(world, login):
    html = login(world.leader).get("/operator/").content.decode()
    assert reverse("operator:submissions") in html
    assert reverse("operator:review") not in html and reverse("operator:import") not in html


def test_the_survey_index_lists_the_operators_tools_and_units(world, login):
    html = login(world.operator).get("/operator/").content.decode()
    assert reverse("operator:review") in html and reverse("operator:codes") in html
    assert f"?unit={world.division.pk}" in html


def test_the_reports_index_links_each_units_report(world, login):
    html = login(world.operator).get("/laporan/").content.decode()
    assert reverse("report_unit", args=[world.division.code]) in html
    assert reverse("export_responses") in html


def test_the_follow_up_index_shows_each_units_items(world, period, login):
    from sikap.followup import actions

    actions.create_item(
        world.operator, world.division, period, element_code="U1", action="x", deadline=period.end
    )
    html = login(world.kanwil_admin).get("/tindak-lanjut/").content.decode()
    assert reverse("followup:unit", args=[world.division.code]) in html
    assert reverse("followup:region") in html
    assert '<td class="num">1</td>' in html


@pytest.mark.parametrize("url", SECTIONS)
def test_a_user_without_a_role_sees_no_unit(world, login, url):
    html = login(make_user("tamu")).get(url).content.decode()
    assert "belum memiliki peran" in html
    assert "Kanwil" not in html


@pytest.mark.parametrize("url", SECTIONS)
def test_the_sections_need_a_login(client, world, url):
    assert client.get(url)["Location"].startswith(reverse("login"))
