from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "sikap.demo"
    verbose_name = "Demo data"
