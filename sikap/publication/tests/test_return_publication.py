"""return_publication: a leader sends a proposal back with a reason; nothing becomes public; audited."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from sikap.audit.models import AuditEvent
from sikap.publication import queries
from sikap.publication.actions import approve_publication, propose_publication, return_publication
from sikap.publication.models import Publication

pytestmark = pytest.mark.django_db


def test_a_leader_returns_with_a_reason_kept_and_audited(world, proposed, clock):
    publication = return_publication(world.leader, proposed, "  Sampel Oktober belum masuk ")
    assert publication.status == Publication.Status.RETURNED and not publication.is_live
    assert publication.return_reason == "Sampel Oktober belum masuk"
    assert publication.returned_by == world.leader and publication.returned_at == clock.value
    event = AuditEvent.objects.get(action="publication.return")
    assert event.reason == "Sampel Oktober belum masuk" and event.before["status"] == "proposed"
    assert event.after["status"] == "returned" and not queries.published().exists()


def test_a_reason_is_required(world, proposed):
    with pytest.raises(ValidationError, match="alasan pengembalian"):
        return_publication(world.leader, proposed, "   ")
    assert Publication.objects.get().status == Publication.Status.PROPOSED


def test_the_proposer_cannot_return_their_own_proposal(world, period):
    proposal = propose_publication(world.admin, world.division, period)
    with pytest.raises(ValidationError, match="sendiri"):
        return_publication(world.admin, proposal, "Berubah pikiran")


def test_operators_get_403_and_outsiders_404(world, proposed):
    with pytest.raises(PermissionDenied):
        return_publication(world.operator, proposed, "Saya operator")
    with pytest.raises(Http404):
        return_publication(world.outsider, proposed, "Bukan unit saya")
    assert not AuditEvent.objects.filter(action="publication.return").exists()


def test_a_published_period_cannot_be_returned(world, proposed):
    approve_publication(world.leader, proposed)
    with pytest.raises(ValidationError, match="menunggu persetujuan"):
        return_publication(world.admin, proposed, "Terlambat")
    assert queries.published().get().is_live
