from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    """Read-only dashboards over the index rollups: no models of its own."""

    name = "sikap.dashboards"
    verbose_name = _("Dasbor")
