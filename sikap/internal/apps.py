from django.apps import AppConfig


class InternalConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "sikap.internal"
    verbose_name = "Survei internal"
