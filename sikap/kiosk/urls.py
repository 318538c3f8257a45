from django.urls import path

from sikap.kiosk import views_tablet

app_name = "kiosk"

urlpatterns = [
    path("", views_tablet.app, name="app"),
    path("sw.js", views_tablet.service_worker, name="service_worker"),
    path("manifest.webmanifest", views_tablet.manifest, name="manifest"),
    path("api/kirim/", views_tablet.submit_batch, name="batch"),
    path("pasang/<str:code>/", views_tablet.pair, name="pair"),
]
