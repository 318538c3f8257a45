"""Internal surveys under /survei-internal/ (the section's index page is the workspace's)."""

from django.urls import path

from sikap.internal import campaign_views, views

app_name = "internal"

urlpatterns = [
    path("daftar-pegawai/", views.rosters, name="rosters"),
    path("daftar-pegawai/impor/", views.roster_import, name="roster_import"),
    path("daftar-pegawai/impor/<int:pk>/", views.roster_confirm, name="roster_confirm"),
    path("daftar-pegawai/templat.xlsx", views.roster_template, name="roster_template"),
    path("daftar-pegawai/<slug:unit>/<int:period>/", views.roster_unit, name="roster_unit"),
    path("daftar-pegawai/<slug:unit>/<int:period>/jumlah/", views.headcount, name="headcount"),
    path("kampanye/", campaign_views.campaigns, name="campaigns"),
    path("kampanye/baru/", campaign_views.campaign_new, name="campaign_new"),
    path("kampanye/<int:pk>/", campaign_views.campaign, name="campaign"),
    path("kampanye/<int:pk>/pengaturan/", campaign_views.campaign_settings, name="campaign_settings"),
    path("kampanye/<int:pk>/kertas-kode/<slug:unit>/", campaign_views.slips, name="slips"),
]
