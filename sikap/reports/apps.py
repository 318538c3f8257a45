from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "sikap.reports"
    verbose_name = _("Laporan dan ekspor")
