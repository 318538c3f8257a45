"""The leaders' pages /hasil/persetujuan/: the queue, the decision page, approve and return by POST."""

from __future__ import annotations

import pytest
from django.test import Client

from sikap.accounts.models import Membership
from sikap.audit.models import AuditEvent
from sikap.publication import queries
from sikap.publication.actions import propose_publication, publish_period
from sikap.publication.models import Publication
from sikap.testing.factories import make_user

pytestmark = pytest.mark.django_db
QUEUE = "/hasil/persetujuan/"


def decide(proposal):
    return f"{QUEUE}{proposal.pk}/"


def messages_of(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def test_the_queue_lists_waiting_proposals_with_their_warnings(world, login, proposed, clock):
    page = login(world.leader).get(QUEUE).content.decode()
    assert world.division.name in page and "Mohon disetujui" in page and world.operator.username in page
    assert "Sampel di bawah target minimal: 12 responden diterima" in page
    assert decide(proposed) in page


def test_the_queue_shows_only_proposals_below_the_leaders_unit(world, login, period):
    kanwil_leader = make_user("pimpinan.jabar", (world.kanwil, Membership.Role.LEADER))
    propose_publication(world.operator, world.division, period)
    propose_publication(world.outsider, world.other_division, period)
    page = login(kanwil_leader).get(QUEUE).content.decode()
    assert world.division.name in page and world.other_division.name not in page


def test_the_queue_takes_the_same_queries_for_one_or_two_proposals(
    world, login, period, clock, django_assert_num_queries
):
    client = login(world.leader)
    propose_publication(world.operator, world.division, period)
    # session, user, memberships, proposals, tallies (2), versions, elements, targets (2)
    with django_assert_num_queries(10):
        assert client.get(QUEUE).status_code == 200
    propose_publication(world.outsider, world.other_division, period)
    with django_assert_num_queries(10):
        page = client.get(QUEUE).content.decode()
    assert world.other_division.name in page


def test_roles_that_do_not_approve_get_a_403_page_that_says_who_may(world, login, proposed):
    for user in (world.operator, world.kanwil_admin, world.outsider):
        response = login(user).get(QUEUE)
        assert response.status_code == 403 and "pimpinan" in response.content.decode()


def test_the_decision_page_shows_the_figures_the_warnings_and_that_they_must_be_read(
    world, login, proposed, period, clock
):
    clock.set(2026, 10, 1)
    page = login(world.leader).get(decide(proposed)).content.decode()
    result = queries.result_of(world.division, period)
    assert result.grade in page and "Sampel di bawah target minimal" in page
    assert "Periode masih berjalan sampai 31 Desember 2026" in page
    assert "hanya setelah membaca peringatan ini" in page
    assert 'name="sudah_dibaca" required' in page and 'value="sample,open"' in page
    assert "/setujui/" in page and "/kembalikan/" in page


def test_the_decision_page_answers_404_to_outsiders_and_403_to_other_roles(world, login, proposed):
    bali_leader = make_user("pimpinan.bali", (world.other_kanwil, Membership.Role.LEADER))
    for user in (world.outsider, bali_leader):
        assert login(user).get(decide(proposed)).status_code == 404
        assert login(user).post(f"{decide(proposed)}setujui/").status_code == 404
        assert login(user).post(f"{decide(proposed)}kembalikan/", {"alasan": "x"}).status_code == 404
    for user in (world.operator, world.kanwil_admin):
        assert login(user).get(decide(proposed)).status_code == 403
        assert login(user).post(f"{decide(proposed)}setujui/", {"peringatan": "sample"}).status_code == 403
        assert login(user).post(f"{decide(proposed)}kembalikan/", {"alasan": "x"}).status_code == 403
    assert Publication.objects.get().status == Publication.Status.PROPOSED


def test_approving_without_confirming_the_warnings_is_a_message_not_a_publication(
    world, login, proposed, clock
):
    response = login(world.leader).post(f"{decide(proposed)}setujui/", {"peringatan": "sample"}, follow=True)
    assert "Centang bahwa Anda telah membaca peringatannya" in messages_of(response)
    assert not queries.published().exists()


def test_the_leader_approves_after_reading_the_warnings(world, login, proposed, clock):
    data = {"peringatan": "sample", "sudah_dibaca": "on"}
    response = login(world.leader).post(f"{decide(proposed)}setujui/", data, follow=True)
    assert "kini tampil di halaman publik" in messages_of(response)
    assert queries.published(world.division).get().published_by == world.leader
    assert AuditEvent.objects.get(action="publication.approve").after["warning_codes"] == ["sample"]


def test_refusals_of_the_action_come_back_as_messages(world, login, period, clock):
    proposal = propose_publication(world.admin, world.division, period)
    client = login(world.admin)
    data = {"peringatan": "sample", "sudah_dibaca": "on"}
    own = client.post(f"{decide(proposal)}setujui/", data, follow=True)
    assert own.status_code == 200 and "Usulan Anda sendiri" in messages_of(own)
    assert "Ini usulan Anda sendiri" in client.get(decide(proposal)).content.decode()
    leader = login(world.leader)
    no_reason = leader.post(f"{decide(proposal)}kembalikan/", {"alasan": " "}, follow=True)
    assert "Tuliskan alasan pengembalian" in messages_of(no_reason)
    leader.post(f"{decide(proposal)}setujui/", data)
    late = leader.post(f"{decide(proposal)}kembalikan/", {"alasan": "Terlambat"}, follow=True)
    assert late.status_code == 200 and "menunggu persetujuan" in messages_of(late)
    assert "sudah diputuskan" in leader.get(decide(proposal)).content.decode()


def test_the_leader_returns_with_a_reason_the_operator_then_reads(world, login, proposed, clock):
    login(world.leader).post(f"{decide(proposed)}kembalikan/", {"alasan": "Sampel Oktober belum masuk"})
    assert Publication.objects.get().status == Publication.Status.RETURNED
    page = login(world.operator).get(f"/hasil/kelola/{world.division.code}/").content.decode()
    assert "Dikembalikan" in page and "Sampel Oktober belum masuk" in page and "Ajukan kembali" in page


def test_the_forms_need_the_csrf_token(world, proposed):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.leader, backend="django.contrib.auth.backends.ModelBackend")
    assert client.post(f"{decide(proposed)}setujui/", {"sudah_dibaca": "on"}).status_code == 403
    assert client.post(f"{decide(proposed)}kembalikan/", {"alasan": "x"}).status_code == 403
    assert Publication.objects.get().status == Publication.Status.PROPOSED


def test_anonymous_visitors_are_sent_to_the_login(client, proposed):
    assert client.get(QUEUE).status_code == 302
    assert client.post(f"{decide(proposed)}setujui/").status_code == 302
    assert Publication.objects.get().status == Publication.Status.PROPOSED


def test_a_direct_publication_by_the_central_admin_is_refused_to_others_with_a_page(world, login, period):
    response = login(world.kanwil_admin).post(f"/hasil/kelola/{world.division.code}/{period.pk}/terbitkan/")
    assert response.status_code == 403 and "admin pusat" in response.content.decode()
    login(world.admin).post(f"/hasil/kelola/{world.division.code}/{period.pk}/terbitkan/")
    assert queries.published(world.division).exists()
    assert publish_period(world.admin, world.division, period).is_live


def test_the_pages_speak_english_when_english_is_chosen(world, login, proposed, clock):
    client = login(world.leader)
    client.cookies["django_language"] = "en"
    page = client.get(QUEUE).content.decode()
    assert "Publication proposals waiting for approval" in page and "Sample below the minimum target" in page
    page = client.get(decide(proposed)).content.decode()
    assert "Approve and publish" in page and "Setujui" not in page
    page = client.get(f"/hasil/kelola/{world.division.code}/").content.decode()
    assert "Proposed, waiting for approval" in page and "Next step:" in page and "Langkah" not in page
