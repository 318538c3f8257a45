from django.urls import path

from sikap.instruments import builder_part_views as parts
from sikap.instruments import builder_views as views

app_name = "builder"
urlpatterns = [
    path("", views.index, name="index"),
    path("baru/", views.instrument_edit, name="instrument_create"),
    path("<slug:code>/ubah/", views.instrument_edit, name="instrument_edit"),
    path("<slug:code>/draf/", views.draft_create, name="draft_create"),
    path("versi/<int:pk>/", views.version_detail, name="version"),
    path("versi/<int:pk>/pengaturan/", views.version_edit, name="version_edit"),
    path("versi/<int:pk>/pratinjau/", views.preview, name="preview"),
    path("versi/<int:pk>/terjemahan/", parts.translate, name="translate"),
    path("versi/<int:pk>/<str:step>/", views.version_status, name="version_status"),
    path("versi/<int:pk>/unsur/baru/", parts.element_edit, name="element_create"),
    path("versi/<int:pk>/unsur/<int:part_pk>/", parts.element_edit, name="element_edit"),
    path("versi/<int:pk>/isian/baru/", parts.field_edit, name="field_create"),
    path("versi/<int:pk>/isian/<int:part_pk>/", parts.field_edit, name="field_edit"),
    path("versi/<int:pk>/<str:kind>/<int:part_pk>/hapus/", parts.part_delete, name="part_delete"),
    path("versi/<int:pk>/<str:kind>/<int:part_pk>/<str:step>/", parts.part_move, name="part_move"),
]
