"""Unit dashboards: scoped by access, drill-down links, filters without JavaScript, pinned query counts."""

from __future__ import annotations

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sikap.indices.tests.helpers import random_submission
from sikap.testing.factories import make_campaign, make_period, make_service, make_unit

from .support import charts

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(world):
    """Jabar division: 12 answers (with a service); Bali division: 7 answers."""
    rng = random.Random(17)
    service = make_service(world.division, name="Permohonan Merek")
    campaign = make_campaign([world.division, world.other_division], with_service_links=False)
    for _ in range(12):
        random_submission(campaign, world.division, rng, service=service)
    for _ in range(7):
        random_submission(campaign, world.other_division, rng)
    return campaign


def page(client, path: str, **params) -> str:
    response = client.get(path, params)
    assert response.status_code == 200
    return response.content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client, world):
    response = client.get("/dasbor/")
    assert response.status_code == 302 and "/akun/" in response["Location"]


def test_the_home_is_the_ministry_for_a_leader_who_reads_every_kanwil(world, campaign, login):
    client = login(world.leader)
    home = page(client, "/dasbor/")
    assert "Dasbor Kementerian Hukum" in home
    assert 'href="/dasbor/kanwil-jabar/"' in home and 'href="/dasbor/kanwil-bali/"' in home
    assert "n = 19 responden" in home  # the ministry pools both Kanwil
    assert "n = 7 responden" in page(client, "/dasbor/kanwil-bali/")


def test_an_operator_sees_only_their_own_unit(world, campaign, login):
    client = login(world.operator)
    home = page(client, "/dasbor/")
    assert "Dasbor Bidang KI Jawa Barat" in home and "n = 12 responden" in home
    assert "Bali" not in home and "/dasbor/kanwil-jabar/" not in home  # no link up to the unseen Kanwil
    for path in ("/dasbor/kanwil-jabar/", "/dasbor/kemenkum/", "/dasbor/kanwil-bali-ki/"):
        assert client.get(path).status_code == 404, path


def test_an_outsider_gets_404_on_another_kanwil(world, campaign, login):
    client = login(world.outsider)
    assert client.get("/dasbor/kanwil-jabar/").status_code == 404
    assert client.get("/dasbor/kanwil-jabar-ki/").status_code == 404
    assert client.get("/dasbor/no-such-unit/").status_code == 404
    assert "Dasbor Bidang KI Bali" in page(client, "/dasbor/")


def test_a_kanwil_admin_starts_at_their_kanwil_and_drills_down_to_a_unit_and_its_services(
    world, campaign, login
):
    client = login(world.kanwil_admin)
    kanwil = page(client, "/dasbor/")
    assert "Dasbor Kanwil Jawa Barat" in kanwil
    assert '<a href="/dasbor/kanwil-jabar-ki/">Bidang KI Jawa Barat</a>' in kanwil  # the league links down
    assert "Pemerataan antar-Kanwil" not in kanwil  # the equity view belongs to the ministry
    unit = page(client, "/dasbor/kanwil-jabar-ki/")
    service = world.division.services.get(name="Permohonan Merek")
    assert f'href="/dasbor/kanwil-jabar-ki/layanan/{service.pk}/"' in unit
    assert '<a href="/dasbor/kanwil-jabar/">Kanwil Jawa Barat</a>' in unit  # the breadcrumb goes back up


def test_the_ministry_shows_the_kanwil_ranked_with_their_spread(world, campaign, login):
    home = page(login(world.admin), "/dasbor/")
    equity = charts(home)["equity"]
    assert set(equity.data["labels"]) == {"Kanwil Jawa Barat", "Kanwil Bali"}
    scores = equity.data["datasets"][0]["data"]
    assert scores == sorted(scores, reverse=True)
    assert "Koefisien variasi" in home and "Gini" in home


def test_the_filters_work_without_javascript(world, campaign, login):
    client = login(world.leader)
    home = page(client, "/dasbor/")
    start = home.index('<form method="get" class="filters"')
    form = home[start : home.index("</form>", start)]
    for control in ('name="periode"', 'name="instrumen"', 'name="curiga"', 'type="submit"'):
        assert control in form
    spak = page(client, "/dasbor/", instrumen="SPAK")
    assert "Rincian SPAK" in spak and '<option value="SPAK" selected>' in spak
    # Filters travel with the drill-down links.
    assert 'href="/dasbor/kanwil-jabar/?instrumen=SPAK"' in spak
    other = make_period("2027 Semester I")
    empty = page(client, "/dasbor/", periode=other.pk)
    assert f'<option value="{other.pk}" selected>' in empty
    assert "Belum ada instrumen survei untuk unit ini pada periode ini." in empty


def test_the_suspect_toggle_counts_suspect_answers_only_when_asked(world, campaign, login):
    from django.utils import timezone

    fast = random_submission(
        campaign, world.division, random.Random(1), channel="web", started_at=timezone.now()
    )
    assert fast.status == "suspect"
    client = login(world.operator)
    assert "n = 12 responden" in page(client, "/dasbor/")
    with_suspect = page(client, "/dasbor/", curiga="1")
    assert "n = 13 responden" in with_suspect
    assert "Tercapai 12 dari target 30" in with_suspect  # progress counts accepted answers only


def count_queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_the_query_counts_are_pinned_and_do_not_grow_with_units_or_answers(
    world, campaign, login, django_assert_max_num_queries
):
    client = login(world.leader)
    service = world.division.services.get()
    paths = ["/dasbor/", "/dasbor/kanwil-jabar/", "/dasbor/kanwil-jabar-ki/"]
    paths.append(f"/dasbor/kanwil-jabar-ki/layanan/{service.pk}/")
    # Issue 10: +2 for the roll-up's progress (campaign units and each unit's respondents per version),
    # needed to sum the units' targets and count the units that met theirs.
    for path, pinned in zip(paths, (34, 35, 30, 27), strict=True):
        with django_assert_max_num_queries(pinned):
            assert client.get(path).status_code == 200
    before = [count_queries(client, path) for path in paths]
    rng = random.Random(3)
    extra = [make_unit(f"upt-{i}", parent=world.kanwil) for i in range(12)]
    for unit in extra[:4]:
        make_service(unit, name=f"Layanan {unit.code}")
    more = make_campaign(extra, campaign.period, with_service_links=False)
    for i in range(40):
        random_submission(more, extra[i % len(extra)], rng, blanks=0.1)
    for _ in range(10):
        random_submission(campaign, world.division, rng, service=service)
    assert [count_queries(client, path) for path in paths] == before


def test_a_user_with_units_in_two_subtrees_chooses_one_and_a_user_without_roles_is_told(world, login):
    from sikap.accounts.models import Membership
    from sikap.testing.factories import make_user

    both = make_user(
        "pimpinan.dua",
        (world.division, Membership.Role.LEADER),
        (world.other_division, Membership.Role.LEADER),
    )
    choose = page(login(both), "/dasbor/")
    assert '<a href="/dasbor/kanwil-jabar-ki/">Bidang KI Jawa Barat</a>' in choose
    assert '<a href="/dasbor/kanwil-bali-ki/">Bidang KI Bali</a>' in choose
    nobody = make_user("tanpa.peran")
    assert "belum punya peran" in page(login(nobody), "/dasbor/")
