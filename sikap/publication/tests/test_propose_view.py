"""Proposing from /hasil/kelola/<unit>/: states in words, next steps, warnings; scoped by access."""

from __future__ import annotations

import datetime
import random

import pytest

from sikap.indices.tests.helpers import random_submission
from sikap.publication.actions import approve_publication, propose_publication
from sikap.publication.models import Publication
from sikap.testing.factories import make_campaign, make_period

pytestmark = pytest.mark.django_db


def manage(unit):
    return f"/hasil/kelola/{unit.code}/"


def test_the_page_warns_before_proposing_and_names_the_next_step(world, login, period, clock):
    clock.set(2026, 10, 1)
    page = login(world.operator).get(manage(world.division)).content.decode()
    assert "Sampel di bawah target minimal: 12 responden diterima" in page
    assert "Periode masih berjalan sampai 31 Desember 2026" in page
    assert "Langkah berikutnya:" in page and "Operator mengajukan penerbitan" in page


def test_the_operator_proposes_with_a_note_and_sees_it_waiting(world, login, period):
    client = login(world.operator)
    response = client.post(
        f"{manage(world.division)}{period.pk}/ajukan/", {"catatan": "Sudah lengkap"}, follow=True
    )
    assert "menunggu persetujuan pimpinan" in " ".join(str(m) for m in response.context["messages"])
    page = response.content.decode()
    assert "Diajukan, menunggu persetujuan" in page and "Sudah lengkap" in page
    assert f"{period.pk}/ajukan/" not in page  # nothing to propose while waiting
    assert Publication.objects.get().proposed_by == world.operator


def test_proposing_twice_is_a_message(world, login, proposed, period):
    response = login(world.operator).post(f"{manage(world.division)}{period.pk}/ajukan/", follow=True)
    assert response.status_code == 200
    assert "sudah diajukan" in " ".join(str(m) for m in response.context["messages"])


def test_a_leader_gets_a_403_page_and_an_outsider_404(world, login, period):
    response = login(world.leader).post(f"{manage(world.division)}{period.pk}/ajukan/")
    assert response.status_code == 403
    assert login(world.outsider).post(f"{manage(world.division)}{period.pk}/ajukan/").status_code == 404
    assert not Publication.objects.exists()


def test_a_leader_sees_the_proposal_to_decide_and_the_queue(world, login, proposed):
    page = login(world.leader).get(manage(world.division)).content.decode()
    assert f"/hasil/persetujuan/{proposed.pk}/" in page and 'href="/hasil/persetujuan/"' in page
    assert "/ajukan/" not in page
    operator_page = login(world.operator).get(manage(world.division)).content.decode()
    assert 'href="/hasil/persetujuan/"' not in operator_page


def test_a_published_period_names_its_approver(world, login, proposed):
    approve_publication(world.leader, proposed)
    page = login(world.operator).get(manage(world.division)).content.decode()
    assert "Disetujui dan terbit sejak" in page and world.leader.username in page
    assert "Dapat ditarik dengan alasan" in page


def test_the_page_takes_the_same_queries_for_one_or_two_periods(
    world, login, period, campaign, django_assert_num_queries
):
    client = login(world.operator)
    propose_publication(world.operator, world.division, period)
    # session, user, unit, memberships, periods, publications, tallies (2), versions, elements, targets (2)
    with django_assert_num_queries(12):
        assert client.get(manage(world.division)).status_code == 200
    later = make_period("2027 Semester I", datetime.date(2027, 1, 1), datetime.date(2027, 6, 30))
    rng = random.Random(1)
    later_campaign = make_campaign([world.division], later, codes=("SKM",), with_service_links=False)
    for _ in range(5):
        random_submission(later_campaign, world.division, rng)
    with django_assert_num_queries(12):
        page = client.get(manage(world.division)).content.decode()
    assert later.name in page
