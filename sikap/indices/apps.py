from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicesConfig(AppConfig):
    name = "sikap.indices"
    verbose_name = _("Indeks dan target")
