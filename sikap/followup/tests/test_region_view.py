"""The regional overview: overdue items and per-unit figures within the viewer's scope."""

import datetime
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sikap.followup import actions
from sikap.indices.tests.helpers import random_submission
from sikap.testing.factories import make_campaign, make_unit, make_user

pytestmark = pytest.mark.django_db

URL = "/tindak-lanjut/wilayah/"


@pytest.fixture
def plans(world, period, clock):
    clock.set(2027, 1, 10)
    late = datetime.date(2027, 1, 5)
    jabar = actions.create_item(
        world.operator, world.division, period, element_code="U1", action="Aksi Jabar", deadline=late
    )
    bali = actions.create_item(
        world.outsider, world.other_division, period, element_code="U2", action="Aksi Bali", deadline=late
    )
    return jabar, bali


def get(client, period):
    response = client.get(f"{URL}?periode={period.pk}")
    assert response.status_code == 200
    return response.content.decode()


def test_the_kanwil_admin_sees_only_the_kanwils_units(world, period, plans, login):
    html = get(login(world.kanwil_admin), period)
    assert "Aksi Jabar" in html and "Bidang KI Jawa Barat" in html
    assert "Aksi Bali" not in html and "Bidang KI Bali" not in html
    assert "Terlambat (5\xa0hari)" in html


def test_a_leader_sees_the_whole_ministry_with_rates(world, period, plans, login, clock):
    actions.update_item(world.operator, plans[0], status="done", notes="Dikerjakan; lihat laporan kegiatan")
    html = get(login(world.leader), period)
    assert "Aksi Bali" in html and "Aksi Jabar" not in html  # the done item is no longer overdue
    assert "Bidang KI Jawa Barat" in html and "100,0 %" in html and "0,0 %" in html


def test_unit_operators_and_people_without_a_role_get_404(world, period, login):
    assert login(world.operator).get(URL).status_code == 404
    assert login(make_user("tamu")).get(URL).status_code == 404


def count_queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_the_query_count_is_pinned_and_does_not_grow_with_units(
    world, period, plans, login, django_assert_max_num_queries
):
    client, path = login(world.leader), f"{URL}?periode={period.pk}"
    with django_assert_max_num_queries(10):
        client.get(path)
    before = count_queries(client, path)
    extra = [make_unit(f"upt-{i}", parent=world.other_kanwil) for i in range(6)]
    campaign = make_campaign(extra, period, codes=("SKM",), with_service_links=False)
    rng = random.Random(2)
    for unit in extra:
        random_submission(campaign, unit, rng)
        actions.propose_from_weak_elements(world.admin, unit, period)
    html = get(client, period)
    assert all(unit.name in html for unit in extra)
    assert count_queries(client, path) == before
