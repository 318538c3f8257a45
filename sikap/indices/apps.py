from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicesConfig(AppConfig):
    name = "sikap.indices"
    verbose_name = _("Indeks dan target")

    def ready(self) -> None:
        # The rollups follow every stored or re-reviewed submission, inside its transaction.
        from sikap.indices import tallies
        from sikap.responses import hooks

        hooks.register(tallies.on_submission_changed)
        hooks.register_bulk(tallies.on_submissions_added)
