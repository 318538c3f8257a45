"""Report and export URLs, included by config/urls.py under laporan/."""

from django.urls import path

from sikap.reports import views
from sikap.reports.exports import views as export_views

urlpatterns = [
    path("ekspor/", export_views.export_responses, name="export_responses"),
    path("unit/<slug:code>/", views.report_page, name="report_unit"),
    path("unit/<slug:code>/penanda-tangan/", views.signer_page, name="report_signer"),
    path("kop/", views.letterhead_page, name="report_letterhead"),
    path("kop/logo/", views.letterhead_logo, name="report_letterhead_logo"),
    path("tugas/<int:pk>/", views.job_page, name="report_job"),
    path("tugas/<int:pk>/berkas/", views.job_file, name="report_job_file"),
]
