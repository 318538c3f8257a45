from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResponsesConfig(AppConfig):
    name = "sikap.responses"
    verbose_name = _("Jawaban responden")
