"""approve_publication: a leader of the unit or above (or a central admin) makes a proposal public."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from sikap.accounts.models import Membership
from sikap.audit.models import AuditEvent
from sikap.publication import queries
from sikap.publication.actions import approve_publication, propose_publication, return_publication
from sikap.publication.models import Publication
from sikap.testing.factories import make_user

pytestmark = pytest.mark.django_db


def test_a_leader_above_approves_and_the_results_become_public(world, proposed, clock):
    publication = approve_publication(world.leader, proposed)
    assert publication.is_live and publication.published_by == world.leader
    assert publication.published_at == clock.value and publication.proposed_by == world.operator
    assert queries.published(world.division).get().pk == proposed.pk


def test_the_audit_row_keeps_before_after_figures_and_the_warnings_approved(world, proposed, clock):
    approve_publication(world.leader, proposed, seen_warnings=["sample"])
    event = AuditEvent.objects.get(action="publication.approve")
    assert event.actor == world.leader and event.before["status"] == "proposed"
    assert event.after["status"] == "published" and event.after["respondents"] == 12
    assert event.after["warning_codes"] == ["sample"]
    assert "12 responden diterima dari minimal" in event.after["warnings"][0]


def test_the_leader_of_the_unit_itself_and_a_central_admin_may_approve(world, period, campaign):
    division_leader = make_user("pimpinan.ki", (world.division, Membership.Role.LEADER))
    assert approve_publication(
        division_leader, propose_publication(world.operator, world.division, period)
    ).is_live
    bali = propose_publication(world.admin, world.other_division, period)
    assert approve_publication(make_user("admin2", (world.ministry, "central_admin")), bali).is_live


def test_the_proposer_cannot_approve_their_own_proposal(world, period):
    proposal = propose_publication(world.admin, world.division, period)
    with pytest.raises(ValidationError, match="sendiri"):
        approve_publication(world.admin, proposal)
    assert not queries.published().exists()


def test_operators_and_regional_admins_get_403_with_the_rule(world, proposed):
    for user in (world.operator, world.kanwil_admin):
        with pytest.raises(PermissionDenied, match="pimpinan"):
            approve_publication(user, proposed)
    assert not queries.published().exists()


def test_a_leader_elsewhere_and_an_outsider_do_not_even_find_it(world, proposed):
    bali_leader = make_user("pimpinan.bali", (world.other_kanwil, Membership.Role.LEADER))
    for user in (bali_leader, world.outsider):
        with pytest.raises(Http404):
            approve_publication(user, proposed)
    assert not AuditEvent.objects.filter(action="publication.approve").exists()


def test_only_a_waiting_proposal_can_be_approved(world, proposed):
    return_publication(world.leader, proposed, "Belum lengkap")
    with pytest.raises(ValidationError, match="menunggu persetujuan"):
        approve_publication(world.leader, proposed)
    assert Publication.objects.get().status == Publication.Status.RETURNED


def test_a_warning_the_approver_was_not_shown_is_refused(world, proposed, clock):
    clock.set(2026, 10, 1)  # the period is open again: a warning the page did not show
    with pytest.raises(ValidationError, match="peringatan baru"):
        approve_publication(world.leader, proposed, seen_warnings=["sample"])
    assert approve_publication(world.leader, proposed, seen_warnings=["sample", "open"]).is_live
