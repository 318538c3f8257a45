"""Internal surveys' result pages, included by config/urls.py under survei-internal/hasil/."""

from django.urls import path

from sikap.dashboards import internal_views as views

app_name = "internal_results"

ILK, INTEGRITY = {"instrument": "ILK"}, {"instrument": "INTEGRITAS"}
urlpatterns = [
    path("ilk/", views.home, ILK, name="ilk"),
    path("ilk/peringkat/", views.ranking, ILK, name="ilk_ranking"),
    path("ilk/unit/<slug:code>/", views.unit_page, ILK, name="ilk_unit"),
    path("ilk/unit/<slug:code>/tindak-lanjut/", views.plan_domain, name="ilk_plan"),
    path("integritas/", views.home, INTEGRITY, name="integrity"),
    path("integritas/peringkat/", views.ranking, INTEGRITY, name="integrity_ranking"),
    path("integritas/unit/<slug:code>/", views.unit_page, INTEGRITY, name="integrity_unit"),
]
