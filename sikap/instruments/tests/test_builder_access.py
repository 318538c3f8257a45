"""Who may use the instrument builder: overseers read, central admins change, anyone else finds nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sikap.instruments.models import Element, Instrument, InstrumentVersion
from sikap.instruments.tests.builder_helpers import create_instrument, element_post
from sikap.instruments.tests.factories import make_draft, standard

pytestmark = pytest.mark.django_db


def test_an_operator_finds_no_builder_page(world, login):
    client = login(world.outsider)
    draft = make_draft()
    for url in (
        reverse("builder:index"),
        reverse("builder:version", args=[draft.pk]),
        reverse("builder:preview", args=[draft.pk]),
        reverse("builder:translate", args=[draft.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert (
        client.post(reverse("builder:element_create", args=[draft.pk]), element_post("X1")).status_code == 404
    )
    assert not Element.objects.filter(code="X1").exists()


def test_a_signed_out_visitor_is_sent_to_the_login_page(client):
    response = client.get(reverse("builder:index"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_a_leader_reads_and_previews_but_may_not_change(world, login):
    client = login(world.leader)
    draft = make_draft()
    assert client.get(reverse("builder:index")).status_code == 200
    assert client.get(reverse("builder:version", args=[draft.pk])).status_code == 200
    assert client.get(reverse("builder:preview", args=[draft.pk])).status_code == 200
    assert create_instrument(client).status_code == 403
    assert (
        client.post(reverse("builder:element_create", args=[draft.pk]), element_post("X1")).status_code == 403
    )
    assert client.post(reverse("builder:version_status", args=[draft.pk, "terbitkan"])).status_code == 403
    assert client.post(reverse("builder:translate", args=[draft.pk]), {}).status_code == 403
    assert client.post(reverse("builder:draft_create", args=[draft.instrument.code])).status_code == 403
    assert not Instrument.objects.filter(code="UJI").exists()
    assert not Element.objects.filter(code="X1").exists()
    assert (
        draft.elements.count() == 2
        and InstrumentVersion.objects.filter(instrument=draft.instrument).count() == 1
    )


def test_a_regional_admin_may_read_but_not_change_instruments(world, login):
    client = login(world.kanwil_admin)
    assert client.get(reverse("builder:index")).status_code == 200
    assert client.post(reverse("builder:draft_create", args=["SKM"])).status_code == 403


def test_the_menu_shows_the_builder_to_central_admins_only(world, login):
    home = reverse("workspace:home")
    assert reverse("builder:index") in login(world.admin).get(home).content.decode()
    assert reverse("builder:index") not in login(world.leader).get(home).content.decode()
    assert reverse("builder:index") not in login(world.operator).get(home).content.decode()


def test_the_list_names_each_version_and_its_status_in_words(world, login):
    page = login(world.admin).get(reverse("builder:index")).content.decode()
    assert "SKM" in page and "Terbit" in page
    assert f'href="{reverse("builder:version", args=[standard("SKM").pk])}"' in page


def test_the_list_takes_the_same_number_of_queries_with_more_instruments(
    world, login, django_assert_max_num_queries
):
    client = login(world.admin)
    client.get(reverse("builder:index"))
    make_draft("A1")
    make_draft("A2")
    with django_assert_max_num_queries(12):
        assert client.get(reverse("builder:index")).status_code == 200
