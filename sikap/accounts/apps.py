from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "sikap.accounts"
    verbose_name = _("Akun dan akses")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from sikap.accounts.middleware import mark_active

        # Session bookkeeping, not a business rule: a login is activity, written with the login's own
        # session save rather than by an extra write on the next request.
        user_logged_in.connect(mark_active, dispatch_uid="sikap.accounts.mark_active")
