"""The user's own account: its page, recent logins, and the password reset that e-mails a link."""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sikap.accounts import activity
from sikap.accounts.access import Use, access_for
from sikap.lib.clientaddr import client_address
from sikap.lib.links import base_url


@login_required
@require_GET
def account(request: HttpRequest) -> HttpResponse:
    from sikap.accounts import twofactor

    may_2fa = access_for(request.user).may(Use.ADMIN)
    context = {"may_2fa": may_2fa, "has_2fa": may_2fa and twofactor.has_device(request.user)}
    return render(request, "accounts/account.html", context)


@login_required
@require_GET
def login_activity(request: HttpRequest) -> HttpResponse:
    username = request.user.get_username()
    context = {"logins": activity.recent_logins(username), "failures": activity.recent_failures(username)}
    return render(request, "accounts/activity.html", context)


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset view; the link in the e-mail starts with the installation's public address.

    Whether an address belongs to an account is never said: every request ends on the same page.
    """

    def form_valid(self, form: Any) -> HttpResponse:
        # Nobody fills another's inbox: past the hour's limits (per client address, then per e-mail
        # address) no mail goes out, and the page is the same as when one did (it never says which).
        client = client_address(self.request)
        email = str(form.cleaned_data.get("email", "")).strip().lower()
        if _over("client", client, settings.SIKAP_RESET_PER_CLIENT_HOUR) or _over(
            "email", email, settings.SIKAP_RESET_PER_EMAIL_HOUR
        ):
            return HttpResponseRedirect(self.get_success_url())
        self.extra_email_context = {"base_url": base_url(self.request)}
        return super().form_valid(form)


def _over(kind: str, value: str, limit: int) -> bool:
    """Count one reset request for `value` in the current hour; True once the count passes `limit`.
    Counted in the database cache every app server shares (the API throttle's), keyed by a hash."""
    cache = caches["api_throttle"]
    key = f"reset:{kind}:{hashlib.sha256(value.encode()).hexdigest()[:40]}"
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.set(key, 1, timeout=3600)
        count = 1
    return count > limit
