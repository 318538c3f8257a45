"""Sessions of admin roles end after SIKAP_ADMIN_IDLE_MINUTES without a request; others are untouched."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from sikap.accounts.access import Use, access_for

LAST_SEEN = "sikap_last_seen"
# Writing the session on every request would cost a database write each; a minute's precision is enough.
RESOLUTION_SECONDS = 60


def mark_active(sender: object, request: HttpRequest | None = None, **kwargs: object) -> None:
    """A login starts the idle clock (connected to `user_logged_in` in `AccountsConfig.ready`)."""
    if request is not None and hasattr(request, "session"):
        request.session[LAST_SEEN] = int(time.time())


class AdminIdleMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and access_for(user).may(Use.ADMIN):
            now = int(time.time())
            last = request.session.get(LAST_SEEN)
            if isinstance(last, int) and now - last > settings.SIKAP_ADMIN_IDLE_MINUTES * 60:
                logout(request)
                messages.info(
                    request,
                    _("Sesi Anda berakhir karena %(n)d menit tanpa aktivitas. Silakan masuk lagi.")
                    % {"n": settings.SIKAP_ADMIN_IDLE_MINUTES},
                )
                return redirect_to_login(request.get_full_path())
            if not isinstance(last, int) or now - last >= RESOLUTION_SECONDS:
                request.session[LAST_SEEN] = now
        return self.get_response(request)
