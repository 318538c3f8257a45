from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "sikap.api"
    verbose_name = _("API baca-saja")
