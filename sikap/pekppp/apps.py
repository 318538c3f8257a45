from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PekpppConfig(AppConfig):
    name = "sikap.pekppp"
    verbose_name = _("Evaluasi PEKPPP")
