"""API tokens: hashing and checking them. Issuing and revoking are actions (`accounts.actions`).

A token is a random key shown once; the database keeps its SHA-256 and the first characters (to tell
tokens apart in lists). Looking a token up by its hash means the secret itself is never compared byte
by byte against stored secrets, so response times tell an attacker nothing about a near miss.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac

from django.db.models import Q
from django.utils import timezone

from sikap.accounts.models import ApiToken, User

PREFIX_LENGTH = 8
# Marking a token as used is bookkeeping, not state worth a write per request: once a minute is enough.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)
TOKEN_FIELDS = ["user_id", "name", "key_prefix", "created_at", "expires_at", "revoked"]


def hash_key(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


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
