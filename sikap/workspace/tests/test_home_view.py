"""Each role's home page of today's work, in the user's reach only, with a pinned query count."""

import datetime
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sikap.accounts.models import Membership
from sikap.followup import actions as followup
from sikap.indices.tests.helpers import random_submission
from sikap.responses.models import Submission
from sikap.testing.factories import make_campaign, make_unit, make_user

pytestmark = pytest.mark.django_db

HOME = "/"


def home(client):
    response = client.get(HOME)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def evaluator(world):
    return make_user("evaluator.jabar", (world.kanwil, Membership.Role.EVALUATOR))


@pytest.fixture
def late_item(world, period):
    return followup.create_item(
        world.operator,
        world.division,
        period,
        element_code="U1",
        action="Perbaiki papan informasi",
        deadline=datetime.date(2026, 8, 1),
    )


def test_logging_in_lands_on_the_workspace(client, world, password):
    response = client.post(reverse("login"), {"username": world.operator.username, "password": password})
    assert response["Location"] == reverse("workspace:home") == HOME


def test_the_operator_sees_todays_work_for_its_unit(world, campaign, late_item, login):
    Submission.objects.filter(unit=world.division).update(status=Submission.Status.SUSPECT)
    html = home(login(world.operator))
    assert "Pekerjaan hari ini" in html and "Operator unit" in html and "unit_operator" not in html
    assert "Bidang KI Jawa Barat" in html and "Tercapai 3 dari target 30" in html and "tertinggal" in html
    assert "3 kiriman menunggu tinjauan Anda" in html
    assert reverse("operator:paper_entry", args=[campaign.pk, world.division.code]) in html
    assert "?kiosk=" not in html and "poster.pdf" in html
    assert reverse("kiosk_operator:register", args=[campaign.links.get(unit=world.division).pk]) in html
    assert "Perbaiki papan informasi" not in html  # an element item shows its element, never a quote
    assert "U1" in html and "lewat tenggat" in html
    assert reverse("report_unit", args=[world.division.code]) in html
    assert "Bidang KI Bali" not in html


def test_the_regional_admin_sees_units_behind_and_overdue_follow_up_of_its_region(
    world, campaign, late_item, login
):
    html = home(login(world.kanwil_admin))
    assert "Pekerjaan wilayah hari ini" in html and "Admin wilayah" in html
    assert "1 dari 1 unit yang disurvei tertinggal." in html
    assert reverse("unit_index", args=[world.division.code]) in html
    assert "1 butir lewat tenggat." in html and reverse("followup:edit", args=[late_item.pk]) in html
    assert "Bidang KI Bali" not in html


def test_the_central_admin_sees_the_national_overview(world, campaign, late_item, login):
    html = home(login(world.admin))
    assert "Ikhtisar nasional" in html and "Admin pusat" in html
    assert '<td class="num">43</td>' in html  # every submission of the period
    assert "dari 2 unit yang disurvei tertinggal." in html
    assert "1 butir lewat tenggat." in html


def test_the_leader_sees_its_dashboard(world, campaign, login):
    html = home(login(world.leader))
    assert "Dasbor pimpinan" in html and "Pimpinan (baca saja)" in html
    assert "Kementerian Hukum" in html and "43 responden" in html
    assert reverse("dashboard_unit", args=[world.ministry.code]) in html
    assert reverse("operator:review") not in html


def test_the_evaluator_is_told_honestly_it_has_no_assignments_yet(world, evaluator, campaign, login):
    html = home(login(evaluator))
    assert "Belum ada penugasan evaluasi" in html and "PEKPPP" in html
    assert reverse("dashboard_unit", args=[world.kanwil.code]) in html
    assert "Kanwil Bali" not in html


def test_an_operator_of_another_region_sees_none_of_jawa_barat(world, campaign, late_item, login):
    html = home(login(world.outsider))
    assert "Bidang KI Bali" in html
    assert "Jawa Barat" not in html


def test_a_user_without_a_role_is_told_to_ask_an_admin(world, login):
    html = home(login(make_user("tamu")))
    assert "belum memiliki peran" in html and "Menu utama" not in html


def test_the_home_page_needs_a_login(client, world):
    assert client.get(HOME)["Location"].startswith(reverse("login"))


def count_queries(client):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(HOME).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("persona", "pinned"),
    [("operator", 17), ("kanwil_admin", 19), ("admin", 20), ("leader", 28), ("evaluator", 6)],
)
def test_the_query_count_is_pinned_and_does_not_grow_with_units(
    world, campaign, late_item, evaluator, login, persona, pinned
):
    user = evaluator if persona == "evaluator" else getattr(world, persona)
    client = login(user)
    assert count_queries(client) == pinned
    extra = [make_unit(f"upt-jabar-{i}", parent=world.kanwil) for i in range(5)]
    more = make_campaign(extra, campaign.period, codes=("SKM",))
    rng = random.Random(3)
    for unit in extra:
        random_submission(more, unit, rng)
        followup.create_item(
            world.admin,
            unit,
            campaign.period,
            element_code="U2",
            action="x",
            deadline=datetime.date(2026, 8, 3),
        )
    for unit in extra:
        Membership.objects.create(user=user, unit=unit, role=Membership.objects.filter(user=user)[0].role)
    assert count_queries(client) == pinned


def test_the_workspace_and_menu_speak_english_when_chosen(world, campaign, login):
    client = login(world.operator)
    client.post(reverse("set_language"), {"language": "en", "next": HOME})
    html = home(client)
    assert "Today's work" in html and "Main menu" in html and "Your roles: Unit operator" in html
    assert "Pekerjaan hari ini" not in html


def test_the_regional_admin_sees_proposals_waiting_in_its_region_and_no_queue_it_cannot_open(world, login):
    from sikap.indices.tests.helpers import answered_campaign
    from sikap.publication.actions import propose_publication

    period = answered_campaign([(world.division, 8)], seed=1).period
    propose_publication(world.operator, world.division, period)
    page = login(world.kanwil_admin).get(reverse("workspace:home")).content.decode()
    assert "Publikasi menunggu persetujuan" in page and world.division.name in page
    assert "/hasil/persetujuan/" not in page
    leader = login(world.leader).get(reverse("workspace:home")).content.decode()
    assert "/hasil/persetujuan/" in leader and world.division.name in leader
