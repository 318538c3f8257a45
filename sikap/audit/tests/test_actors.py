"""The typed actor: `acting_user` names the signed-in user of a request; the audit trail names the actor."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from sikap.audit.actions import record
from sikap.audit.actors import acting_user, actor_name, user_or_none

pytestmark = pytest.mark.django_db


def _request(user):
    request = RequestFactory().post("/")
    request.user = user
    return request


def test_acting_user_is_the_signed_in_user_and_the_audit_row_names_it(world):
    actor = acting_user(_request(world.operator))
    assert actor == world.operator
    event = record(actor, "unit.touch", world.division)
    assert (event.actor, event.actor_name) == (world.operator, "operator.ki.jabar")


def test_an_anonymous_request_is_refused_rather_than_recorded_as_the_system():
    with pytest.raises(PermissionDenied):
        acting_user(_request(AnonymousUser()))


def test_the_system_actor_is_none_and_is_named_system(world):
    assert (user_or_none(None), actor_name(None)) == (None, "system")
    event = record(None, "unit.touch", world.division)
    assert (event.actor, event.actor_name) == (None, "system")
