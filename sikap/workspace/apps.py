from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "sikap.workspace"
    label = "workspace"
    verbose_name = "Ruang kerja"
