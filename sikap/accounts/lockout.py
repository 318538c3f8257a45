"""Login lockout: django-axes' database handler with a second, gentler limit per user name.

Axes counts failures per (user name, client address) and locks that pair at AXES_FAILURE_LIMIT, so a
stranger's wrong passwords never lock the account for its owner elsewhere. On top, failures for a
user name from every address together lock the name at SIKAP_LOGIN_USERNAME_LIMIT, so guessing from
many addresses still slows down. The client address comes from `sikap.lib.clientaddr`.
"""

from __future__ import annotations

from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest


def username_failures(username: str, request: HttpRequest | None = None) -> int:
    """Failures for a user name from all addresses within the cool-off time."""
    attempts = AccessAttempt.objects.filter(username=username)
    if settings.AXES_COOLOFF_TIME is not None:
        attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
    return int(attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0)


class LockoutHandler(AxesDatabaseHandler):  # type: ignore[misc]
    """Locked when the (name, address) pair reached the limit or the name reached the gentler one."""

    def get_failures(self, request: Any, credentials: dict[str, Any] | None = None) -> int:
        failures = int(super().get_failures(request, credentials))
        username = get_client_username(request, credentials)
        if not username:
            return failures
        if username_failures(username, request) >= settings.SIKAP_LOGIN_USERNAME_LIMIT:
            return max(failures, int(get_failure_limit(request, credentials)))
        return failures
