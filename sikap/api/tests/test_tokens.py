import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from sikap.accounts.actions import issue_token, revoke_token
from sikap.accounts.models import ApiToken
from sikap.accounts.tokens import authenticate, hash_key
from sikap.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_issuing_stores_only_the_hash_and_the_prefix_and_is_audited(world):
    token, raw = issue_token(world.admin, world.admin, "  dasbor provinsi  ")
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.key_hash == hash_key(raw) and raw not in stored.key_hash
    assert stored.key_prefix == raw[:8] and len(raw) >= 40
    assert stored.name == "dasbor provinsi" and stored.expires_at is None
    event = AuditEvent.objects.get(action="api_token.issue")
    assert event.actor == world.admin and raw not in str(event.after)


def test_a_token_authenticates_its_active_user(world):
    _, raw = issue_token(None, world.leader, "integrasi")
    assert authenticate(raw) == world.leader
    assert authenticate(raw + "x") is None
    assert authenticate("") is None and authenticate(None) is None


def test_an_expired_token_no_longer_authenticates(world):
    token, raw = issue_token(None, world.leader, "sementara", days=1)
    assert authenticate(raw) == world.leader
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert authenticate(raw) is None


def test_a_revoked_token_no_longer_authenticates_and_the_revocation_is_audited(world):
    token, raw = issue_token(None, world.operator, "skrip")
    revoke_token(world.operator, token, reason="bocor")
    revoke_token(world.operator, token)  # idempotent
    assert authenticate(raw) is None
    event = AuditEvent.objects.get(action="api_token.revoke")
    assert (event.before["revoked"], event.after["revoked"], event.reason) == (False, True, "bocor")


def test_a_deactivated_users_token_no_longer_authenticates(world):
    _, raw = issue_token(None, world.operator, "skrip")
    world.operator.is_active = False
    world.operator.save()
    assert authenticate(raw) is None


def test_last_used_is_written_at_most_once_a_minute(world, django_assert_num_queries):
    token, raw = issue_token(None, world.leader, "integrasi")
    authenticate(raw)
    first = ApiToken.objects.get(pk=token.pk).last_used_at
    assert first is not None
    with django_assert_num_queries(1):  # the lookup only, no write
        authenticate(raw)
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - datetime.timedelta(minutes=2))
    authenticate(raw)
    assert ApiToken.objects.get(pk=token.pk).last_used_at > first


def test_only_the_user_or_a_superuser_may_issue_or_revoke_a_users_token(world):
    with pytest.raises(PermissionDenied):
        issue_token(world.kanwil_admin, world.admin, "naik pangkat")
    token, _ = issue_token(None, world.admin, "milik admin")
    with pytest.raises(PermissionDenied):
        revoke_token(world.kanwil_admin, token)
    world.kanwil_admin.is_superuser = True
    assert issue_token(world.kanwil_admin, world.admin, "oleh superuser")[0].user == world.admin


def test_a_token_needs_a_name_and_a_positive_lifetime(world):
    with pytest.raises(ValidationError) as error:
        issue_token(None, world.leader, "   ")
    assert "wajib" in str(error.value)
    with pytest.raises(ValidationError):
        issue_token(None, world.leader, "nol hari", days=0)
    assert not ApiToken.objects.exists()
