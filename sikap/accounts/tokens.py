"""API tokens: the only code that issues, revokes and checks them.

A token is a random key shown once; the database keeps its SHA-256 and the first characters (to tell
tokens apart in lists). Looking a token up by its hash means the secret itself is never compared byte
by byte against stored secrets, so response times tell an attacker nothing about a near miss.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import secrets
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sikap.accounts.models import ApiToken, User
from sikap.audit.actions import record, snapshot

PREFIX_LENGTH = 8
# Marking a token as used is bookkeeping, not state worth a write per request: once a minute is enough.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)
TOKEN_FIELDS = ["user_id", "name", "key_prefix", "created_at", "expires_at", "revoked"]


def hash_key(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _may_manage(actor: Any, user: User) -> bool:
    """Only the user or a superuser may hold a user's token: it carries all of that user's reach."""
    if actor is None:  # the system itself (commands, data migrations, tests)
        return True
    return bool(getattr(actor, "is_superuser", False) or getattr(actor, "pk", None) == user.pk)


@transaction.atomic
def issue_token(actor: Any, user: User, name: str, days: int | None = None) -> tuple[ApiToken, str]:
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
def revoke_token(actor: Any, token: ApiToken, reason: str = "") -> ApiToken:
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


def authenticate(raw: str | None) -> User | None:
    """The active user behind a valid, unexpired, unrevoked token; None otherwise."""
    if not raw or len(raw) > 200:
        return None
    digest = hash_key(raw.strip())
    token = ApiToken.objects.select_related("user").filter(key_hash=digest).first()
    if token is None or not hmac.compare_digest(token.key_hash, digest):
        return None
    now = timezone.now()
    if token.revoked or (token.expires_at is not None and token.expires_at <= now):
        return None
    if not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        # A conditional UPDATE: of many parallel requests in the same minute, at most one writes.
        stale = now - LAST_USED_RESOLUTION
        ApiToken.objects.filter(pk=token.pk).filter(
            Q(last_used_at__isnull=True) | Q(last_used_at__lte=stale)
        ).update(last_used_at=now)
    return token.user
