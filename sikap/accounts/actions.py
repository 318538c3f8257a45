"""The only code that changes accounts and memberships."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from sikap.accounts.models import Membership, User
from sikap.audit.actions import record, snapshot
from sikap.organisation.models import Unit

USER_FIELDS = ["username", "first_name", "last_name", "email", "is_active", "is_staff", "is_superuser"]


@transaction.atomic
def create_user(actor: Any, *, username: str, password: str, **fields: Any) -> User:
    """Add a user; the password must pass Django's validators."""
    user = User(username=username, **fields)
    validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    record(actor, "user.create", user, after=snapshot(user, USER_FIELDS))
    return user


@transaction.atomic
def set_password(actor: Any, user: User, password: str) -> None:
    validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    record(actor, "user.set_password", user)


@transaction.atomic
def grant_role(actor: Any, user: User, unit: Unit, role: str) -> Membership:
    """Give `user` a role over `unit` and its subtree (idempotent)."""
    membership, created = Membership.objects.get_or_create(user=user, unit=unit, role=role)
    if created:
        record(actor, "membership.grant", membership, after=snapshot(membership))
    return membership


@transaction.atomic
def revoke_role(actor: Any, membership: Membership) -> None:
    before = snapshot(membership)
    record(actor, "membership.revoke", membership, before=before)
    membership.delete()
