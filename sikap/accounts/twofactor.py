"""Two-factor login for admin roles (django-otp): reads, the QR code, and the login's pending step.

A user with a confirmed authenticator (TOTP) device is asked for a code after the password; the
password step leaves only a short-lived marker in the session, and Django's `login` runs after the
code. Backup codes (django-otp's static device) stand in for a lost phone, each once. Changing devices
is `accounts.actions` (`start_two_factor`, `confirm_two_factor`, `remove_two_factor`), audited.
"""

from __future__ import annotations

import time
from typing import Any

import segno
from django.http import HttpRequest
from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

PENDING = "sikap_2fa_pending"
PENDING_SECONDS = 300
MAX_CODE_TRIES = 5
DEVICE_NAME = "authenticator"
BACKUP_NAME = "backup"
BACKUP_CODES = 10


def has_device(user: Any) -> bool:
    """Whether the user's login asks for a code (a confirmed authenticator)."""
    return bool(user_has_device(user, confirmed=True))


def unconfirmed_device(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()


def qr_svg(device: TOTPDevice) -> str:
    """The device's otpauth:// address as an inline SVG QR code (no script, no request elsewhere)."""
    return str(segno.make(device.config_url, error="m").svg_inline(scale=4, border=4, omitsize=True))


def secret_text(device: TOTPDevice) -> str:
    """The key in base32 groups of four, for typing into an app when the camera cannot be used."""
    from base64 import b32encode

    key = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def begin_login(request: HttpRequest, user: Any, redirect_to: str) -> None:
    """After a right password: remember who is half-way in, for a few minutes."""
    request.session.cycle_key()
    request.session[PENDING] = {
        "user": user.pk,
        "backend": user.backend,
        "next": redirect_to,
        "since": int(time.time()),
        "tries": 0,
    }


def pending_login(request: HttpRequest) -> dict[str, Any] | None:
    """The half-way login, or None when there is none or it is too old."""
    pending = request.session.get(PENDING)
    if not isinstance(pending, dict) or int(time.time()) - int(pending.get("since", 0)) > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        return None
    return pending


def verified_device(user: Any, code: str) -> Any:
    """The confirmed device (authenticator or backup codes) that accepts `code`, or None."""
    from django.db import transaction

    code = "".join(code.split())
    if not code or len(code) > 16 or not code.isalnum():
        return None
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            if device.verify_token(code):
                return device
    return None
