"""Two-factor login: the login that asks for a code after the password, and the set-up page."""

from __future__ import annotations

from typing import Any, cast

import django_otp
from django import forms
from django.contrib import messages
from django.contrib.auth import authenticate, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from sikap.accounts import actions, twofactor
from sikap.accounts.access import Use, access_for
from sikap.accounts.forms import LoginForm
from sikap.accounts.models import User


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Kode verifikasi"),
        max_length=32,
        help_text=gettext_lazy("6 angka dari aplikasi autentikator, atau satu kode cadangan."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class PasswordForm(forms.Form):
    password = forms.CharField(label=gettext_lazy("Kata sandi Anda"), widget=forms.PasswordInput)


class LoginView(auth_views.LoginView):
    """Django's login; a user with two-factor set up is only half-way in after the password."""

    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.get_user()
        if not twofactor.has_device(user):
            return super().form_valid(form)
        twofactor.begin_login(self.request, user, self.get_success_url())
        return redirect("login_code")


@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def login_code(request: HttpRequest) -> HttpResponse:
    pending = twofactor.pending_login(request)
    user = User.objects.filter(pk=pending["user"], is_active=True).first() if pending else None
    if pending is None or user is None:
        messages.info(request, _("Masukkan lagi nama pengguna dan kata sandi Anda."))
        return redirect("login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = twofactor.verified_device(user, form.cleaned_data["code"])
        if device is not None:
            del request.session[twofactor.PENDING]
            login(request, user, backend=pending["backend"])
            django_otp.login(request, device)
            return redirect(pending["next"])
        pending["tries"] = int(pending["tries"]) + 1
        if pending["tries"] >= twofactor.MAX_CODE_TRIES:
            del request.session[twofactor.PENDING]
            messages.error(request, _("Terlalu banyak kode yang salah. Masukkan lagi kata sandi Anda."))
            return redirect("login")
        request.session[twofactor.PENDING] = pending
        form.add_error(
            "code", _("Kode tidak cocok atau sudah dipakai. Periksa jam ponsel Anda, lalu coba lagi.")
        )
    return render(request, "registration/login_code.html", {"form": form})


@login_required
@never_cache
@sensitive_post_parameters("code", "password")
@require_http_methods(["GET", "POST"])
def two_factor(request: HttpRequest) -> HttpResponse:
    """Set up (QR code, confirm with a code, backup codes shown once) or remove one's own two-factor login."""
    user = cast(User, request.user)
    if not access_for(user).may(Use.ADMIN):
        raise PermissionDenied
    context: dict[str, Any] = {"has_device": twofactor.has_device(user)}
    step = request.POST.get("step", "")
    code_form, password_form = CodeForm(), PasswordForm()
    if step == "start":
        actions.start_two_factor(user, user)
    elif step == "confirm":
        code_form = CodeForm(request.POST)
        if code_form.is_valid():
            try:
                context["backup_codes"] = actions.confirm_two_factor(
                    user, user, code_form.cleaned_data["code"]
                )
                context["has_device"] = True
            except ValidationError as refusal:
                if hasattr(refusal, "error_dict"):
                    code_form.add_error(None, refusal)
                else:  # nothing to confirm (a stale page): the set-up starts again, saying why
                    messages.error(request, " ".join(refusal.messages))
    elif step == "remove":
        password_form = PasswordForm(request.POST)
        if password_form.is_valid():
            if authenticate(
                request, username=user.get_username(), password=password_form.cleaned_data["password"]
            ):
                actions.remove_two_factor(user, user, reason="dihapus sendiri")
                messages.success(request, _("Verifikasi dua langkah dimatikan."))
                return redirect("two_factor")
            password_form.add_error("password", _("Kata sandi salah."))
    device = None if context["has_device"] else twofactor.unconfirmed_device(user)
    if device is not None:
        context |= {"qr": twofactor.qr_svg(device), "secret": twofactor.secret_text(device)}
    context |= {"device": device, "code_form": code_form, "password_form": password_form}
    return render(request, "accounts/two_factor.html", context)
