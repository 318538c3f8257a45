"""The workspace at / and the section index pages (wired in config/urls.py before the sections' own)."""

from django.urls import path

from sikap.workspace import views

app_name = "workspace"

urlpatterns = [
    path("", views.home, name="home"),
    path("operator/", views.operator_index, name="operator"),
    path("laporan/", views.reports_index, name="reports"),
    path("tindak-lanjut/", views.followup_index, name="followup"),
    path("survei-internal/", views.internal_index, name="internal"),
]
