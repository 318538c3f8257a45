"""unpublish_period: withdraws a live publication with a reason, audited; the same access rule."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from sikap.audit.models import AuditEvent
from sikap.publication import queries
from sikap.publication.actions import unpublish_period

pytestmark = pytest.mark.django_db


def test_the_operator_withdraws_with_a_reason_kept_and_audited(world, published, period):
    publication = unpublish_period(world.operator, world.division, period, "  Data kertas belum lengkap ")
    assert not publication.is_live and publication.note == "Data kertas belum lengkap"
    assert publication.unpublished_by == world.operator
    event = AuditEvent.objects.get(action="publication.unpublish")
    assert event.reason == "Data kertas belum lengkap" and event.before["unpublished_at"] is None
    assert not queries.published().exists()


def test_a_reason_is_required(world, published, period):
    with pytest.raises(ValidationError, match="alasan"):
        unpublish_period(world.operator, world.division, period, "   ")
    assert queries.published().exists()


def test_only_a_live_publication_can_be_withdrawn(world, published, period):
    unpublish_period(world.operator, world.division, period, "Keliru")
    with pytest.raises(ValidationError, match="tidak sedang diterbitkan"):
        unpublish_period(world.operator, world.division, period, "Keliru lagi")
    with pytest.raises(ValidationError):
        unpublish_period(world.admin, world.other_division, period, "Belum pernah terbit")


def test_leaders_get_403_and_outsiders_404(world, published, period):
    with pytest.raises(PermissionDenied):
        unpublish_period(world.leader, world.division, period, "Saya pimpinan")
    with pytest.raises(Http404):
        unpublish_period(world.outsider, world.division, period, "Bukan unit saya")
    assert queries.published().get().is_live
