"""Follow-up pages under /tindak-lanjut/ (wired in config/urls.py)."""

from django.urls import path

from sikap.followup import views

app_name = "followup"

urlpatterns = [
    path("unit/<slug:code>/", views.unit_plan, name="unit"),
    path("unit/<slug:code>/usulkan/", views.propose, name="propose"),
    path("unit/<slug:code>/tambah/", views.add_item, name="add"),
    path("butir/<int:pk>/", views.edit_item, name="edit"),
    path("butir/<int:pk>/bukti/", views.evidence, name="evidence"),
    path("butir/<int:pk>/unggah-bukti/", views.upload_evidence, name="upload"),
    path("butir/<int:pk>/batalkan/", views.cancel, name="cancel"),
    path("jawab/<int:pk>/", views.answer, name="answer"),
    path("wilayah/", views.region, name="region"),
]
