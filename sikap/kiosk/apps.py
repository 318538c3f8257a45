from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KioskConfig(AppConfig):
    name = "sikap.kiosk"
    verbose_name = _("Tablet kios")
