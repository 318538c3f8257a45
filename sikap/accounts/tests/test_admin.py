"""The accounts admin saves and deletes users and memberships through accounts.actions, with audit rows."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sikap.accounts.actions import delete_users, grant_role
from sikap.accounts.models import Membership, User
from sikap.audit.models import AuditEvent
from sikap.testing.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

NO_MEMBERSHIPS = {
    "memberships-TOTAL_FORMS": 0,
    "memberships-INITIAL_FORMS": 0,
    "memberships-MIN_NUM_FORMS": 0,
    "memberships-MAX_NUM_FORMS": 1000,
}


@pytest.fixture
def root(world):
    return make_user("root", is_staff=True, is_superuser=True)


def test_adding_a_user_in_the_admin_is_audited_without_the_password(login, root):
    data = {
        "username": "petugas.baru",
        "usable_password": "true",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    response = login(root).post(reverse("admin:accounts_user_add"), data | NO_MEMBERSHIPS)
    assert response.status_code == 302
    user = User.objects.get(username="petugas.baru")
    assert user.check_password(PASSWORD)
    event = AuditEvent.objects.for_object(user).get(action="user.create")
    assert event.actor == root and "password" not in event.after


def test_changing_a_user_in_the_admin_is_audited_with_before_and_after(login, root, world):
    data = {
        "username": world.leader.username,
        "first_name": "Ibu",
        "last_name": "Pimpinan",
        "email": "pimpinan@example.org",
        "is_active": "on",
        "date_joined_0": "2026-01-05",
        "date_joined_1": "08:00:00",
    }
    url = reverse("admin:accounts_user_change", args=[world.leader.pk])
    response = login(root).post(url, data | NO_MEMBERSHIPS)
    assert response.status_code == 302
    world.leader.refresh_from_db()
    assert world.leader.first_name == "Ibu"
    event = AuditEvent.objects.get(action="user.update")
    assert (event.actor, event.before["first_name"], event.after["first_name"]) == (root, "", "Ibu")


def test_deleting_users_one_or_many_is_audited_with_their_roles(login, root, world):
    client = login(root)
    url = reverse("admin:accounts_user_delete", args=[world.outsider.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    selected = [world.leader.pk, world.operator.pk]
    client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "delete_selected", "_selected_action": selected, "post": "yes"},
    )
    assert not User.objects.filter(
        username__in=["operator.ki.bali", "pimpinan", "operator.ki.jabar"]
    ).exists()
    events = AuditEvent.objects.filter(action="user.delete")
    assert sorted(e.before["username"] for e in events) == [
        "operator.ki.bali",
        "operator.ki.jabar",
        "pimpinan",
    ]
    leader = events.get(before__username="pimpinan")
    assert leader.actor == root
    assert leader.before["memberships"] == [[world.ministry.pk, Membership.Role.LEADER]]


def test_a_superuser_cannot_delete_its_own_account(root):
    with pytest.raises(ValidationError, match="akun Anda sendiri"):
        delete_users(root, [root])
    assert User.objects.filter(pk=root.pk).exists()


def test_deleting_memberships_one_or_many_revokes_them_through_the_action(login, root, world):
    extra = grant_role(None, world.operator, world.kanwil, Membership.Role.LEADER)
    client = login(root)
    url = reverse("admin:accounts_membership_delete", args=[extra.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    many = list(Membership.objects.filter(user__in=[world.leader, world.outsider]))
    client.post(
        reverse("admin:accounts_membership_changelist"),
        {"action": "delete_selected", "_selected_action": [m.pk for m in many], "post": "yes"},
    )
    assert not Membership.objects.filter(pk__in=[extra.pk, *(m.pk for m in many)]).exists()
    events = AuditEvent.objects.filter(action="membership.revoke", actor=root)
    assert sorted(e.object_id for e in events) == sorted(str(pk) for pk in [extra.pk, *(m.pk for m in many)])


def test_a_role_added_on_the_user_form_is_granted_through_the_action(login, root, world):
    data = {
        "username": world.leader.username,
        "is_active": "on",
        "date_joined_0": "2026-01-05",
        "date_joined_1": "08:00:00",
        "memberships-TOTAL_FORMS": 2,
        "memberships-INITIAL_FORMS": 1,
        "memberships-MIN_NUM_FORMS": 0,
        "memberships-MAX_NUM_FORMS": 1000,
        "memberships-0-id": world.leader.memberships.get().pk,
        "memberships-0-user": world.leader.pk,
        "memberships-0-unit": world.ministry.pk,
        "memberships-0-role": Membership.Role.LEADER,
        "memberships-1-user": world.leader.pk,
        "memberships-1-unit": world.kanwil.pk,
        "memberships-1-role": Membership.Role.EVALUATOR,
    }
    url = reverse("admin:accounts_user_change", args=[world.leader.pk])
    assert login(root).post(url, data).status_code == 302
    assert world.leader.memberships.filter(unit=world.kanwil, role=Membership.Role.EVALUATOR).exists()
    granted = AuditEvent.objects.get(action="membership.grant", actor=root)
    assert granted.after["unit_id"] == world.kanwil.pk
