"""The operators' page /hasil/kelola/<unit>/: list, propose, withdraw, preview; scoped by access."""

from __future__ import annotations

import pytest

from sikap.audit.models import AuditEvent
from sikap.publication import queries
from sikap.publication.models import Publication

pytestmark = pytest.mark.django_db


def manage(unit):
    return f"/hasil/kelola/{unit.code}/"


def test_the_operator_sees_the_period_with_a_propose_button(world, login, period):
    page = login(world.operator).get(manage(world.division)).content.decode()
    assert period.name in page and "Belum diterbitkan" in page
    assert f"/hasil/kelola/{world.division.code}/{period.pk}/ajukan/" in page
    assert "/terbitkan/" not in page  # publishing directly is the central admin's


def test_the_operator_proposes_a_leader_approves_and_the_operator_withdraws(world, login, client, period):
    client = login(world.operator)
    response = client.post(f"{manage(world.division)}{period.pk}/ajukan/")
    assert response.status_code == 302 and not queries.published(world.division).exists()
    proposal = Publication.objects.get()
    seen = queries.proposal(proposal.pk).warning_codes  # what the decision page shows
    approval = {"peringatan": seen, "sudah_dibaca": "on"}
    login(world.leader).post(f"/hasil/persetujuan/{proposal.pk}/setujui/", approval)
    assert queries.published(world.division).exists()
    client = login(world.operator)
    assert "Terbit" in client.get(manage(world.division)).content.decode()
    client.post(f"{manage(world.division)}{period.pk}/tarik/", {"alasan": ""})
    assert queries.published(world.division).exists()  # no reason, no withdrawal
    client.post(f"{manage(world.division)}{period.pk}/tarik/", {"alasan": "Data belum diverifikasi"})
    assert not queries.published(world.division).exists()
    assert AuditEvent.objects.get(action="publication.unpublish").reason == "Data belum diverifikasi"
    assert "Data belum diverifikasi" in client.get(manage(world.division)).content.decode()


def test_a_leader_may_look_but_gets_403_on_publishing(world, login, period):
    client = login(world.leader)
    page = client.get(manage(world.division)).content.decode()
    assert period.name in page and "/terbitkan/" not in page
    assert client.post(f"{manage(world.division)}{period.pk}/terbitkan/").status_code == 403
    assert client.post(f"{manage(world.division)}{period.pk}/tarik/", {"alasan": "x"}).status_code == 403
    assert not queries.published().exists()


def test_an_outsider_gets_404_everywhere(world, login, period):
    client = login(world.outsider)
    assert client.get(manage(world.division)).status_code == 404
    assert client.post(f"{manage(world.division)}{period.pk}/terbitkan/").status_code == 404
    assert client.get(f"{manage(world.division)}{period.pk}/infografis.svg").status_code == 404
    assert not queries.published().exists()


def test_anonymous_visitors_are_sent_to_the_login(client, world, period):
    assert client.get(manage(world.division)).status_code == 302
    assert client.post(f"{manage(world.division)}{period.pk}/terbitkan/").status_code == 302
    assert not queries.published().exists()


def test_operators_preview_an_unpublished_infographic_the_public_cannot_see(world, login, client, period):
    assert client.get(f"/hasil/{world.division.code}/{period.pk}/infografis.png").status_code == 404
    operator = login(world.operator)
    png = operator.get(f"{manage(world.division)}{period.pk}/infografis.png")
    assert png.status_code == 200 and png.content[:4] == b"\x89PNG"
    assert "no-store" in png["Cache-Control"]
    svg = operator.get(f"{manage(world.division)}{period.pk}/infografis.svg").content.decode()
    assert "PRATINJAU" in svg
