"""Report URLs, included by config/urls.py under laporan/ (beside the export URLs of sikap.reports.urls)."""

from django.urls import path

from sikap.reports import report_views

urlpatterns = [
    path("unit/<slug:code>/", report_views.report_page, name="report_unit"),
    path("tugas/<int:pk>/", report_views.job_page, name="report_job"),
    path("tugas/<int:pk>/berkas/", report_views.job_file, name="report_job_file"),
]
