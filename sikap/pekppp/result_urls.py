"""PEKPPP results at /pekppp/hasil/ (the working pages of the evaluation are in `pekppp/urls.py`)."""

from django.urls import path

from sikap.pekppp import result_views as views

app_name = "pekppp_results"

urlpatterns = [
    path("", views.index, name="index"),
    path("siklus/<int:pk>/", views.cycle, name="cycle"),
    path("siklus/<int:pk>/peringkat.xlsx", views.ranking_xlsx, name="ranking_xlsx"),
    path("siklus/<int:pk>/f03/", views.f03, name="f03"),
    path("lokus/<int:pk>/", views.unit, name="unit"),
    path("lokus/<int:pk>/lembar-evaluasi.pdf", views.sheet, {"kind": "pdf"}, name="sheet_pdf"),
    path("lokus/<int:pk>/lembar-evaluasi.xlsx", views.sheet, {"kind": "xlsx"}, name="sheet_xlsx"),
    path("lokus/<int:pk>/piagam.pdf", views.certificate, name="certificate"),
]
