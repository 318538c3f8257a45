"""Which tablet a request comes from: its credential (the `Authorization: Bearer` header, or on the
tablet's own pages the cookie set at pairing), looked up by hash as API tokens are."""

from __future__ import annotations

import hmac

from django.http import HttpRequest

from sikap.accounts.tokens import hash_key
from sikap.kiosk.models import KioskDevice

COOKIE = "sikap_kiosk"
COOKIE_AGE = 400 * 24 * 3600  # the longest lifetime browsers keep a cookie; the server's expiry decides
MAX_LENGTH = 200


def device_for(raw: str | None) -> KioskDevice | None:
    """The tablet whose credential this is (revoked and expired ones too: they are told why), or None."""
    if not raw or len(raw) > MAX_LENGTH:
        return None
    digest = hash_key(raw.strip())
    device = (
        KioskDevice.objects.select_related("link__unit", "link__service", "link__campaign__period")
        .filter(credential_hash=digest)
        .first()
    )
    if device is None or not hmac.compare_digest(device.credential_hash, digest):
        return None
    return device


def bearer(request: HttpRequest) -> str:
    header = str(request.META.get("HTTP_AUTHORIZATION", ""))
    scheme, _space, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" else ""
