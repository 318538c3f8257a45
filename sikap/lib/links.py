"""The one absolute base URL of this installation, for every link that leaves the app.

QR codes, posters, infographics, e-mails and `campaign-links` print addresses that must work outside the
browser that asked for them. The configured `SIKAP_BASE_URL` wins (behind a proxy the request's host may be
an internal name); without it a page uses the host the operator reached, never a guessed host or port.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

MISSING = (
    "The public address of this installation is unknown: set SIKAP_BASE_URL "
    "(for example https://survei.example.go.id)."
)


def configured_base_url() -> str:
    """The `SIKAP_BASE_URL` setting without a trailing slash, or "" when it is not set."""
    return str(getattr(settings, "SIKAP_BASE_URL", "") or "").rstrip("/")


def base_url(request: HttpRequest | None = None) -> str:
    """The setting, else the request's scheme and host; raises when neither is known."""
    configured = configured_base_url()
    if configured:
        return configured
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    raise ImproperlyConfigured(MISSING)


def absolute_url(path: str, request: HttpRequest | None = None) -> str:
    """`path` (starting with "/") as an absolute address under `base_url`."""
    return base_url(request) + path
