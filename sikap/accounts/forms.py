from typing import Any

from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from sikap.accounts import actions

# Audit reasons of a password set by its own user (kept in Indonesian, like every audit reason).
OWN_CHANGE = "diganti sendiri"
RESET_BY_EMAIL = "diatur ulang lewat tautan e-mail"


class LoginForm(AuthenticationForm):
    """Django's login form with our wording; django-axes counts its failures."""

    error_messages = {
        "invalid_login": _("Nama pengguna atau kata sandi salah. Perhatikan huruf besar dan kecil."),
        "inactive": _("Akun ini tidak aktif. Hubungi admin unit Anda."),
    }


class ResetPasswordForm(SetPasswordForm):
    """Django's form for a new password from a reset link; saving goes through the audited action."""

    reason = RESET_BY_EMAIL

    def save(self, commit: bool = True) -> Any:
        actions.set_password(self.user, self.user, self.cleaned_data["new_password1"], reason=self.reason)
        return self.user


class ChangePasswordForm(PasswordChangeForm):
    """Django's own-password form (old password first); saving goes through the audited action."""

    def save(self, commit: bool = True) -> Any:
        actions.set_password(self.user, self.user, self.cleaned_data["new_password1"], reason=OWN_CHANGE)
        return self.user
