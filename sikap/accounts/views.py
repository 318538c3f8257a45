"""The user's own account: its page, recent logins, and the password reset that e-mails a link."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sikap.accounts import activity
from sikap.accounts.access import Use, access_for
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
        self.extra_email_context = {"base_url": base_url(self.request)}
        return super().form_valid(form)
