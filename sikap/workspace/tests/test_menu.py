"""The menu: each role sees what it may use and nothing else, and every entry it sees opens."""

import pytest
from django.urls import reverse

from sikap.accounts.access import access_for
from sikap.accounts.models import Membership
from sikap.testing.factories import make_user
from sikap.workspace import menu

pytestmark = pytest.mark.django_db

WRITE_ONLY = {"operator:review", "operator:paper_choose", "operator:import", "operator:codes"}


def urls_of(user):
    return {link.url for section in menu.menu_for(access_for(user)) for link in section.links}


def test_an_operator_gets_the_survey_tools_but_not_the_regional_overview(world):
    urls = urls_of(world.operator)
    assert {reverse(name) for name in WRITE_ONLY} <= urls
    assert reverse("followup:region") not in urls


def test_a_leader_reads_everything_in_reach_but_gets_no_tool_that_writes(world):
    urls = urls_of(world.leader)
    assert not {reverse(name) for name in WRITE_ONLY} & urls
    assert {reverse("dashboard_home"), reverse("followup:region"), reverse("workspace:reports")} <= urls


def test_an_evaluator_gets_no_tool_that_writes(world):
    evaluator = make_user("evaluator", (world.kanwil, Membership.Role.EVALUATOR))
    urls = urls_of(evaluator)
    assert not {reverse(name) for name in WRITE_ONLY} & urls
    assert reverse("followup:region") in urls


def test_a_user_without_a_role_gets_no_menu(world):
    assert menu.menu_for(access_for(make_user("tamu"))) == []


@pytest.mark.parametrize("persona", ["admin", "kanwil_admin", "operator", "leader", "outsider", "evaluator"])
def test_every_entry_a_persona_sees_opens_for_it(world, campaign, login, persona):
    user = make_user("evaluator", (world.kanwil, Membership.Role.EVALUATOR))
    user = user if persona == "evaluator" else getattr(world, persona)
    client = login(user)
    urls = urls_of(user)
    assert urls
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_the_approval_queue_is_in_the_menu_of_those_who_decide_and_no_one_else(world):
    assert "/hasil/persetujuan/" in urls_of(world.leader)
    assert "/hasil/persetujuan/" in urls_of(world.admin)
    assert "/hasil/persetujuan/" not in urls_of(world.operator)


def test_every_page_shows_the_menu_and_breadcrumbs_to_a_signed_in_user(world, login):
    html = login(world.operator).get(reverse("operator:review")).content.decode()
    assert 'aria-label="Menu utama"' in html and reverse("operator:import") in html
    assert 'class="crumbs"' in html and reverse("workspace:home") in html
    assert reverse("followup:region") not in html
