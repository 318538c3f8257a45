"""Operator pages under /operator/ (wired in config/urls.py)."""

from django.urls import path

from sikap.responses import operator_views as views

app_name = "operator"

urlpatterns = [
    path("jawaban/", views.submission_list, name="submissions"),
    path("jawaban/<int:pk>/", views.submission_detail, name="submission"),
    path("tinjau/", views.review_list, name="review"),
    path("tinjau/<int:pk>/", views.review_submit, name="review_submit"),
    path("kertas/", views.paper_choose, name="paper_choose"),
    path("kertas/<int:campaign>/<slug:unit>/", views.paper_entry, name="paper_entry"),
    path("impor/", views.import_responses, name="import"),
    path("impor/tugas/<int:pk>/", views.import_job, name="import_job"),
    path("impor/templat/", views.import_template, name="import_template"),
    path("kode-layanan/", views.service_codes, name="codes"),
    path("kode-layanan/<slug:unit>/<int:period>/", views.service_codes_download, name="codes_download"),
    path("kode-layanan/<slug:unit>/<int:period>/slip.pdf", views.service_codes_slips, name="codes_slips"),
]
