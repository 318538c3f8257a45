"""publish_period: a central admin publishes a period with data directly, once, with an audit row.

Operators and regional admins no longer publish in one click: they propose (test_propose_publication.py)
and a leader approves (test_approve_publication.py).
"""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from sikap.audit.models import AuditEvent
from sikap.indices.tests.helpers import answered_campaign
from sikap.publication import queries
from sikap.publication.actions import publish_period, unpublish_period
from sikap.publication.models import Publication
from sikap.testing.factories import make_period

pytestmark = pytest.mark.django_db


def test_the_central_admin_publishes_and_the_audit_row_keeps_the_figures(world, period):
    publication = publish_period(world.admin, world.division, period)
    assert publication.is_live and publication.published_by == world.admin
    event = AuditEvent.objects.for_object(publication).get()
    result = queries.result_of(world.division, period)
    assert event.action == "publication.publish" and event.actor == world.admin
    assert event.after["score"] == round(result.score, 2) and event.after["respondents"] == 12


def test_publishing_what_is_live_changes_nothing(world, published, period):
    again = publish_period(world.admin, world.division, period)
    assert again.pk == published.pk and again.published_at == published.published_at
    assert AuditEvent.objects.filter(action="publication.publish").count() == 1


def test_only_a_central_admin_publishes_directly_operators_and_regional_admins_propose(world, period):
    for writer in (world.operator, world.kanwil_admin):
        with pytest.raises(PermissionDenied, match="mengajukan"):
            publish_period(writer, world.division, period)
    assert not Publication.objects.exists()
    assert publish_period(world.admin, world.other_division, period).is_live


def test_a_leader_is_refused_with_403_and_nothing_is_published(world, period):
    with pytest.raises(PermissionDenied):
        publish_period(world.leader, world.division, period)
    assert not Publication.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="publication").exists()


def test_an_outsider_does_not_even_find_the_unit(world, period):
    with pytest.raises(Http404):
        publish_period(world.outsider, world.division, period)
    assert not Publication.objects.exists()


def test_a_period_without_accepted_answers_cannot_be_published(world, campaign):
    empty = make_period("2027 Semester I")
    with pytest.raises(ValidationError, match="Belum ada jawaban SKM"):
        publish_period(world.admin, world.division, empty)
    with pytest.raises(ValidationError):
        publish_period(world.admin, world.kanwil, campaign.period)  # the Kanwil itself was not surveyed


def test_too_few_respondents_are_not_published(world):
    campaign = answered_campaign([(world.division, 4)], seed=3, codes=("SKM",))
    with pytest.raises(ValidationError, match="kurang dari 5 responden"):
        publish_period(world.admin, world.division, campaign.period)


def test_publishing_again_after_a_withdrawal_clears_it(world, published, period):
    unpublish_period(world.operator, world.division, period, "Salah input kertas")
    again = publish_period(world.admin, world.division, period)
    assert again.pk == published.pk and again.is_live
    assert again.note == "" and again.unpublished_by is None and again.published_by == world.admin
    event = AuditEvent.objects.filter(action="publication.publish").first()
    assert event.before["note"] == "Salah input kertas" and event.after["unpublished_at"] is None
