"""The only code that changes accounts, memberships and API tokens."""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sikap.accounts.models import ApiToken, Membership, User
from sikap.accounts.tokens import PREFIX_LENGTH, TOKEN_FIELDS, hash_key
from sikap.audit.actions import delete_recorded, record, snapshot
from sikap.audit.actors import Actor
from sikap.organisation.models import Unit

USER_FIELDS = ["username", "first_name", "last_name", "email", "is_active", "is_staff", "is_superuser"]


@transaction.atomic
def create_user(actor: Actor, *, username: str, password: str, **fields: Any) -> User:
    """Add a user; the password must pass Django's validators."""
    user = User(username=username, **fields)
    validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    record(actor, "user.create", user, after=snapshot(user, USER_FIELDS))
    return user


@transaction.atomic
def save_user(actor: Actor, user: User) -> User:
    """Create or change a user as an admin form left it (a new user's password is already hashed)."""
    stored = User.objects.select_for_update().filter(pk=user.pk).first() if user.pk else None
    before = snapshot(stored, USER_FIELDS) if stored is not None else None
    user.full_clean()
    user.save()
    after = snapshot(user, USER_FIELDS)
    if after != before:
        record(actor, "user.update" if before else "user.create", user, before=before, after=after)
    return user


def _user_state(user: User) -> dict[str, Any]:
    state = snapshot(user, USER_FIELDS)
    state["memberships"] = [
        [m.unit_id, m.role] for m in Membership.objects.filter(user=user).order_by("unit_id", "role")
    ]
    return state


@transaction.atomic
def delete_users(actor: Actor, users: Iterable[User]) -> int:
    """Delete users (their memberships and API tokens go with them); nobody deletes their own account."""
    users = list(users)
    if actor is not None and any(user.pk == actor.pk for user in users):
        raise ValidationError(_("Anda tidak dapat menghapus akun Anda sendiri."))
    return delete_recorded(actor, "user.delete", users, _user_state)


@transaction.atomic
def set_password(actor: Actor, user: User, password: str, *, reason: str = "") -> None:
    """Set a user's password (by an admin, by the user itself, or by a reset link: `reason` says which)."""
    validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    record(actor, "user.set_password", user, reason=reason)


@transaction.atomic
def grant_role(actor: Actor, user: User, unit: Unit, role: str) -> Membership:
    """Give `user` a role over `unit` and its subtree (idempotent)."""
    membership, created = Membership.objects.get_or_create(user=user, unit=unit, role=role)
    if created:
        record(actor, "membership.grant", membership, after=snapshot(membership))
    return membership


@transaction.atomic
def revoke_role(actor: Actor, membership: Membership) -> None:
    revoke_roles(actor, [membership])


@transaction.atomic
def revoke_roles(actor: Actor, memberships: Iterable[Membership]) -> int:
    """Revoke many memberships at once (the admin's bulk delete), one audit row each."""
    return delete_recorded(actor, "membership.revoke", memberships)


# --- API tokens ------------------------------------------------------------------------------------------


def _may_manage(actor: Actor, user: User) -> bool:
    """Only the user or a superuser may hold a user's token: it carries all of that user's reach."""
    if actor is None:  # the system itself (commands, data migrations, tests)
        return True
    return bool(getattr(actor, "is_superuser", False) or getattr(actor, "pk", None) == user.pk)


@transaction.atomic
def issue_token(actor: Actor, user: User, name: str, days: int | None = None) -> tuple[ApiToken, str]:
    """Create a token for `user`; returns it with the full key, which is never stored or shown again."""
    if not _may_manage(actor, user):
        raise PermissionDenied(
            _("Hanya pengguna itu sendiri atau superuser yang boleh menerbitkan tokennya.")
        )
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Nama token wajib diisi.")})
    if days is not None and days < 1:
        raise ValidationError({"days": _("Masa berlaku token minimal 1 hari.")})
    raw = secrets.token_urlsafe(32)
    expires_at = timezone.now() + datetime.timedelta(days=days) if days else None
    token = ApiToken.objects.create(
        user=user, name=name, key_prefix=raw[:PREFIX_LENGTH], key_hash=hash_key(raw), expires_at=expires_at
    )
    record(actor, "api_token.issue", token, after=snapshot(token, TOKEN_FIELDS))
    return token, raw


@transaction.atomic
def revoke_token(actor: Actor, token: ApiToken, reason: str = "") -> ApiToken:
    """Revoke a token for good (idempotent: a revoked token stays revoked and is not audited twice)."""
    if not _may_manage(actor, token.user):
        raise PermissionDenied(_("Hanya pengguna itu sendiri atau superuser yang boleh mencabut tokennya."))
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked:
        return token
    before = snapshot(token, TOKEN_FIELDS)
    token.revoked = True
    token.save(update_fields=["revoked"])
    record(
        actor, "api_token.revoke", token, before=before, after=snapshot(token, TOKEN_FIELDS), reason=reason
    )
    return token


@transaction.atomic
def revoke_tokens(actor: Actor, tokens: Iterable[ApiToken]) -> list[ApiToken]:
    """Revoke many tokens in one transaction (the admin's bulk action): all of them or none."""
    return [revoke_token(actor, token) for token in tokens]


# --- Two-factor login (django-otp) ---------------------------------------------------------------------


@transaction.atomic
def start_two_factor(actor: Actor, user: User) -> Any:
    """A new, unconfirmed authenticator device for `user` (replacing an earlier unconfirmed one)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from sikap.accounts.twofactor import DEVICE_NAME

    _require_self(actor, user)
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


@transaction.atomic
def confirm_two_factor(actor: Actor, user: User, code: str) -> list[str]:
    """Confirm the unconfirmed device with a code from the app; returns the new backup codes (shown once)."""
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from sikap.accounts.twofactor import BACKUP_CODES, BACKUP_NAME

    _require_self(actor, user)
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).order_by("-pk").first()
    code = "".join((code or "").split())
    if device is None:
        raise ValidationError(_("Mulai lagi: pindai kode QR yang baru."))
    if not (code.isdigit() and len(code) == device.digits and device.verify_token(code)):
        raise ValidationError(
            {"code": _("Kode tidak cocok. Tulis 6 angka yang sedang tampil di aplikasi autentikator.")}
        )
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    StaticDevice.objects.filter(user=user).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    backup = StaticDevice.objects.create(user=user, name=BACKUP_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=backup, token=c) for c in codes])
    record(actor, "user.two_factor_enable", user)
    return codes


@transaction.atomic
def remove_two_factor(actor: Actor, user: User, reason: str = "") -> int:
    """Remove every two-factor device of `user`: by the user, or a central admin when a phone is lost."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from sikap.accounts.access import Use, access_for

    is_self = actor is not None and getattr(actor, "pk", None) == user.pk
    if actor is not None and not is_self and not access_for(actor).may(Use.CENTRAL):
        raise PermissionDenied(
            _("Hanya admin pusat yang boleh mengatur ulang verifikasi dua langkah orang lain.")
        )
    removed = (
        TOTPDevice.objects.filter(user=user).delete()[0] + StaticDevice.objects.filter(user=user).delete()[0]
    )
    if removed:
        record(actor, "user.two_factor_remove", user, reason=reason)
    return removed


@transaction.atomic
def remove_two_factors(actor: Actor, users: Iterable[User], reason: str = "") -> int:
    """Remove the devices of many users (the admin's bulk action): all of them or none."""
    return sum(remove_two_factor(actor, user, reason) for user in users)


def _require_self(actor: Actor, user: User) -> None:
    if actor is not None and getattr(actor, "pk", None) != user.pk:
        raise PermissionDenied(_("Verifikasi dua langkah hanya dipasang oleh pemilik akun sendiri."))
