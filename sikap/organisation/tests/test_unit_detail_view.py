import pytest
from django.urls import reverse

from sikap.testing.factories import make_service

pytestmark = pytest.mark.django_db


def url(unit):
    return reverse("unit_detail", args=[unit.code])


def test_an_operator_sees_its_unit_with_the_catalogue(login, world):
    make_service(world.division, "Permohonan Merek")
    page = login(world.operator).get(url(world.division))
    assert page.status_code == 200
    assert "Permohonan Merek" in page.content.decode()
    assert "Tambah layanan" in page.content.decode()


def test_an_outsider_gets_404(login, world):
    assert login(world.outsider).get(url(world.division)).status_code == 404


def test_a_leader_reads_but_is_offered_no_edits(login, world):
    make_service(world.division)
    page = login(world.leader).get(url(world.division))
    assert page.status_code == 200
    assert "Tambah layanan" not in page.content.decode()


def test_the_breadcrumb_shows_only_visible_ancestors(login, world):
    page = login(world.kanwil_admin).get(url(world.division)).content.decode()
    assert "Kanwil Jawa Barat" in page
    assert "Kementerian Hukum" not in page


def test_the_page_query_count_does_not_grow_with_services(login, world, django_assert_max_num_queries):
    client = login(world.kanwil_admin)
    for i in range(3):
        make_service(world.kanwil, f"Layanan {i}")
    client.get(url(world.kanwil))  # warm the session
    with django_assert_max_num_queries(12) as few:
        client.get(url(world.kanwil))
    for i in range(3, 20):
        make_service(world.kanwil, f"Layanan {i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url(world.kanwil))
