"""The league table: the units in the user's scope, sortable, with the furthest behind; fixed queries."""

from __future__ import annotations

import datetime
import random
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sikap.indices import queries
from sikap.indices.actions import set_target_override
from sikap.indices.progress import progress, progress_many
from sikap.indices.tests.helpers import answered_campaign, compute, random_submission
from sikap.instruments.models import InstrumentVersion
from sikap.organisation.actions import set_user_count
from sikap.testing.factories import make_campaign, make_service, make_unit

pytestmark = pytest.mark.django_db


def skm() -> InstrumentVersion:
    return InstrumentVersion.objects.published().get(instrument__code="SKM")


@pytest.fixture
def campaign(world):
    """Jabar division: 9 answers; Bali division: 4 answers."""
    return answered_campaign([(world.division, 9), (world.other_division, 4)], seed=11)


def names(page: str) -> list[str]:
    """Unit names in the first table, in order."""
    table = page[page.index("<table") : page.index("</table>")]
    return re.findall(r'<a href="/indeks/unit/[^"]+">([^<]+)</a>', table)


def league(client, period, **params):
    query = "&".join(f"{k}={v}" for k, v in {"periode": period.pk, **params}.items())
    response = client.get(f"/indeks/liga/?{query}")
    assert response.status_code == 200
    return response.content.decode()


def test_the_operator_sees_only_their_own_unit(world, campaign, login):
    page = league(login(world.operator), campaign.period, tingkat="unit")
    assert names(page) == ["Bidang KI Jawa Barat"]


def test_the_kanwil_admin_sees_their_kanwil_only(world, campaign, login):
    page = league(login(world.kanwil_admin), campaign.period, tingkat="unit")
    assert names(page) == ["Bidang KI Jawa Barat"]  # the Kanwil itself has no target and no answers
    assert "Bali" not in page


def test_the_leader_ranks_kanwil_pooling_their_subtrees(world, campaign, login):
    page = league(login(world.leader), campaign.period)  # two Kanwil in scope: Kanwil level by default
    assert set(names(page)) == {"Kanwil Jawa Barat", "Kanwil Bali"}
    by_n = league(login(world.leader), campaign.period, tingkat="kanwil", urut="n")
    assert names(by_n) == ["Kanwil Jawa Barat", "Kanwil Bali"]  # 9 before 4


def test_sorting_by_score_n_and_attainment(world, campaign, login):
    client = login(world.leader)
    period, version = campaign.period, skm()
    scores = {u.name: compute([u.pk], version, period).score for u in (world.division, world.other_division)}
    by_score = names(league(client, period, tingkat="unit", urut="score"))
    assert by_score == sorted(scores, key=lambda name: -scores[name])
    assert names(league(client, period, tingkat="unit", urut="n")) == [
        "Bidang KI Jawa Barat",
        "Bidang KI Bali",
    ]
    set_target_override(world.admin, world.other_division, period, 4, "unit kecil")
    assert names(league(client, period, tingkat="unit", urut="attained")) == [
        "Bidang KI Bali",  # 4 of 4
        "Bidang KI Jawa Barat",  # 9 of 30
    ]


def test_a_unit_with_a_target_but_no_answers_is_listed_and_furthest_behind(world, campaign, login):
    extra = make_unit("kanwil-bali-ahu", parent=world.other_kanwil, name="Bidang AHU Bali")
    make_campaign([extra], campaign.period, with_service_links=False)
    make_unit("kanwil-bali-umum", parent=world.other_kanwil, name="Bagian Umum Bali")  # not surveyed
    listed = names(league(login(world.leader), campaign.period, tingkat="unit"))
    assert "Bidang AHU Bali" in listed and "Bagian Umum Bali" not in listed
    units = {u.pk: u for u in (world.division, world.other_division, extra)}
    rows = queries.league(
        units, {pk: pk for pk in units}, campaign.period, skm(), today=datetime.date(2026, 10, 1)
    )
    assert queries.furthest_behind(rows)[0].unit == extra  # nothing of 30 expected


def test_furthest_behind_ranks_by_attained_over_expected(world, campaign):
    today = datetime.date(2026, 12, 30)  # nearly the end: everyone should be close to the target
    rows = queries.league(
        {u.pk: u for u in (world.division, world.other_division)},
        {world.division.pk: world.division.pk, world.other_division.pk: world.other_division.pk},
        campaign.period,
        skm(),
        today=today,
    )
    behind = queries.furthest_behind(rows)
    assert [r.unit for r in behind] == [world.other_division, world.division]  # 4 before 9
    assert all(not r.progress.on_track for r in behind)


def test_bulk_progress_equals_progress_one_unit_at_a_time(world, campaign):
    period, version = campaign.period, skm()
    set_user_count(None, make_service(world.division), period, 48)
    set_user_count(None, make_service(world.other_division, "Merek"), period, 200)
    set_target_override(world.admin, world.other_kanwil, period, 55, "arahan pimpinan")
    today = datetime.date(2026, 9, 15)
    units = [world.division, world.other_division, world.kanwil]
    single = progress_many({u.pk: u.pk for u in units}, period, version, today)
    for unit in units:
        assert single[unit.pk] == progress(unit, period, version, today)
    members = {world.kanwil.pk: world.kanwil.pk, world.division.pk: world.kanwil.pk}
    members |= {world.other_kanwil.pk: world.other_kanwil.pk, world.other_division.pk: world.other_kanwil.pk}
    pooled = progress_many(members, period, version, today)
    for kanwil in (world.kanwil, world.other_kanwil):
        ids = [pk for pk, group in members.items() if group == kanwil.pk]
        assert pooled[kanwil.pk] == progress(kanwil, period, version, today, unit_ids=ids)
    assert pooled[world.other_kanwil.pk].target.minimum == 55


def test_outsiders_and_anonymous_visitors(client, world, campaign, login):
    assert client.get("/indeks/liga/").status_code == 302
    page = league(login(world.outsider), campaign.period, tingkat="unit")
    assert names(page) == ["Bidang KI Bali"]  # an outsider to Jabar sees only their own unit


def count(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


@pytest.mark.parametrize("level", ["kanwil", "unit"])
def test_the_query_count_is_pinned_and_does_not_grow(
    world, campaign, login, level, django_assert_max_num_queries
):
    client = login(world.leader)
    path = f"/indeks/liga/?periode={campaign.period.pk}&tingkat={level}"
    with django_assert_max_num_queries(15):
        client.get(path)
    before = count(client, path)
    rng = random.Random(2)
    extra = [make_unit(f"upt-{i}", parent=world.kanwil) for i in range(15)]
    more = make_campaign(extra, campaign.period, with_service_links=False)
    for i in range(45):
        random_submission(more, extra[i % 15], rng)
    page = client.get(path).content.decode()
    assert level == "kanwil" or "Upt 14" in page
    assert count(client, path) == before
