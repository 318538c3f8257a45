"""Internal surveys under /survei-internal/ (the section's index page is the workspace's)."""

from django.urls import path

from sikap.internal import views

app_name = "internal"

urlpatterns = [
    path("daftar-pegawai/", views.rosters, name="rosters"),
    path("daftar-pegawai/impor/", views.roster_import, name="roster_import"),
    path("daftar-pegawai/impor/<int:pk>/", views.roster_confirm, name="roster_confirm"),
    path("daftar-pegawai/templat.xlsx", views.roster_template, name="roster_template"),
    path("daftar-pegawai/<slug:unit>/<int:period>/", views.roster_unit, name="roster_unit"),
    path("daftar-pegawai/<slug:unit>/<int:period>/jumlah/", views.headcount, name="headcount"),
]
