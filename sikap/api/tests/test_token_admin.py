import re

import pytest
from django.contrib.auth.models import Permission

from sikap.accounts.actions import issue_token
from sikap.accounts.models import ApiToken
from sikap.accounts.tokens import authenticate

pytestmark = pytest.mark.django_db

ADD = "/admin/accounts/apitoken/add/"


def _superuser(user):
    user.is_superuser = True
    user.save()
    return user


def _shown_key(response):
    text = " ".join(str(m) for m in response.context["messages"])
    return re.search(r"<code>([^<]+)</code>", text).group(1)


def test_a_superuser_issues_a_token_and_sees_its_key_once(world, login):
    client = login(_superuser(world.admin))
    response = client.post(ADD, {"user": world.leader.pk, "name": "dasbor provinsi", "days": 30}, follow=True)
    assert response.status_code == 200
    token = ApiToken.objects.get()
    key = _shown_key(response)
    assert (token.user, token.key_prefix, token.expires_at is not None) == (world.leader, key[:8], True)
    assert authenticate(key) == world.leader
    page = client.get(f"/admin/accounts/apitoken/{token.pk}/change/").content.decode()
    assert key not in page and token.key_prefix in page


def test_a_staff_user_may_issue_a_token_only_for_itself(world, login):
    world.kanwil_admin.user_permissions.add(
        *Permission.objects.filter(codename__in=["add_apitoken", "view_apitoken", "change_apitoken"])
    )
    client = login(world.kanwil_admin)
    refused = client.post(ADD, {"user": world.admin.pk, "name": "naik pangkat"})
    assert refused.status_code == 200 and not ApiToken.objects.exists()  # the form shows the error
    client.post(ADD, {"user": world.kanwil_admin.pk, "name": "skrip wilayah"}, follow=True)
    assert ApiToken.objects.get().user == world.kanwil_admin
    issue_token(None, world.admin, "milik admin")
    listing = client.get("/admin/accounts/apitoken/").content.decode()
    assert "skrip wilayah" in listing and "milik admin" not in listing


def test_the_revoke_action_revokes_through_the_action(world, login):
    token, raw = issue_token(None, world.leader, "integrasi")
    client = login(_superuser(world.admin))
    client.post(
        "/admin/accounts/apitoken/",
        {"action": "revoke_selected", "_selected_action": [token.pk]},
        follow=True,
    )
    assert authenticate(raw) is None
    assert client.post(f"/admin/accounts/apitoken/{token.pk}/delete/").status_code == 403


def test_issuing_and_revoking_in_the_admin_write_audit_rows_by_the_admin(world, login):
    from sikap.audit.models import AuditEvent

    client = login(_superuser(world.admin))
    client.post(ADD, {"user": world.leader.pk, "name": "dasbor provinsi"}, follow=True)
    token = ApiToken.objects.get()
    client.post(
        "/admin/accounts/apitoken/",
        {"action": "revoke_selected", "_selected_action": [token.pk]},
        follow=True,
    )
    issued = AuditEvent.objects.get(action="api_token.issue")
    revoked = AuditEvent.objects.get(action="api_token.revoke")
    assert (issued.actor, issued.after["name"], issued.after["revoked"]) == (
        world.admin,
        "dasbor provinsi",
        False,
    )
    assert (revoked.actor, revoked.before["revoked"], revoked.after["revoked"]) == (world.admin, False, True)
