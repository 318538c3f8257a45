"""propose_publication: writers in scope propose a period with data; nothing becomes public; audited."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from sikap.audit.models import AuditEvent
from sikap.publication import queries
from sikap.publication.actions import (
    approve_publication,
    propose_publication,
    return_publication,
    unpublish_period,
)
from sikap.publication.models import Publication
from sikap.testing.factories import make_period

pytestmark = pytest.mark.django_db


def test_the_operator_proposes_and_nothing_is_public_yet(world, period, clock):
    publication = propose_publication(world.operator, world.division, period, "  Sudah diverifikasi ")
    assert publication.status == Publication.Status.PROPOSED and not publication.is_live
    assert publication.proposed_by == world.operator and publication.proposed_at == clock.value
    assert publication.proposal_note == "Sudah diverifikasi"
    assert not queries.published().exists()


def test_the_audit_row_keeps_the_figures_and_the_warnings_of_the_proposal(world, period, clock):
    publication = propose_publication(world.operator, world.division, period)
    event = AuditEvent.objects.for_object(publication).get()
    assert event.action == "publication.propose" and event.actor == world.operator
    assert event.before is None and event.after["status"] == "proposed"
    assert event.after["respondents"] == 12 and event.after["warning_codes"] == ["sample"]


def test_a_regional_admin_may_propose_too(world, period):
    assert propose_publication(world.kanwil_admin, world.division, period).proposed_by == world.kanwil_admin


def test_a_leader_is_refused_with_403_and_an_outsider_with_404(world, period):
    with pytest.raises(PermissionDenied):
        propose_publication(world.leader, world.division, period)
    with pytest.raises(Http404):
        propose_publication(world.outsider, world.division, period)
    assert not Publication.objects.exists()


def test_a_waiting_or_published_period_cannot_be_proposed_again(world, proposed, period):
    with pytest.raises(ValidationError, match="menunggu persetujuan"):
        propose_publication(world.operator, world.division, period)
    approve_publication(world.leader, proposed)
    with pytest.raises(ValidationError, match="sudah terbit"):
        propose_publication(world.operator, world.division, period)
    assert AuditEvent.objects.filter(action="publication.propose").count() == 1


def test_a_returned_period_is_proposed_again_and_the_old_round_stays_in_the_audit(world, proposed, period):
    return_publication(world.leader, proposed, "Data kertas belum masuk")
    again = propose_publication(world.operator, world.division, period, "Sudah lengkap")
    assert again.pk == proposed.pk and again.status == Publication.Status.PROPOSED
    assert again.return_reason == "" and again.returned_by is None
    event = AuditEvent.objects.filter(action="publication.propose").first()  # newest first
    assert event.before["return_reason"] == "Data kertas belum masuk" and event.reason == "Sudah lengkap"


def test_a_withdrawn_period_may_be_proposed_again(world, published, period):
    unpublish_period(world.operator, world.division, period, "Salah input")
    again = propose_publication(world.operator, world.division, period)
    assert again.status == Publication.Status.PROPOSED and again.note == "" and again.unpublished_at is None
    assert not queries.published().exists()


def test_a_period_that_could_not_be_published_is_not_proposed(world, campaign):
    with pytest.raises(ValidationError, match="Belum ada jawaban SKM"):
        propose_publication(world.operator, world.division, make_period("2027 Semester I"))
    assert not Publication.objects.exists()
