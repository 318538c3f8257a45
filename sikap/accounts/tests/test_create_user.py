import pytest
from django.core.exceptions import ValidationError

from sikap.accounts.actions import create_user, grant_role, revoke_role
from sikap.accounts.models import Membership, User
from sikap.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_it_rejects_a_weak_password_and_stores_nothing():
    with pytest.raises(ValidationError):
        create_user(None, username="lemah", password="12345678")
    assert not User.objects.filter(username="lemah").exists()
    assert not AuditEvent.objects.exists()


def test_it_creates_a_user_and_audits_it(world):
    user = create_user(world.admin, username="baru", password="kata-sandi-yang-kuat-9")
    event = AuditEvent.objects.for_object(user).get()
    assert event.action == "user.create"
    assert event.actor == world.admin
    assert "password" not in event.after


def test_granting_twice_is_idempotent_and_revoking_is_audited(world):
    first = grant_role(world.admin, world.operator, world.kanwil, Membership.Role.LEADER)
    again = grant_role(world.admin, world.operator, world.kanwil, Membership.Role.LEADER)
    assert first == again
    pk = first.pk
    revoke_role(world.admin, first)
    actions = list(
        AuditEvent.objects.filter(object_type="accounts.membership", object_id=str(pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["membership.grant", "membership.revoke"]
