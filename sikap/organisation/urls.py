from django.urls import path

from sikap.organisation import views

urlpatterns = [
    path("unit/", views.unit_list, name="unit_list"),
    path("unit/<slug:code>/", views.unit_detail, name="unit_detail"),
    path("unit/<slug:code>/layanan/baru/", views.service_create, name="service_create"),
    path("layanan/<int:pk>/ubah/", views.service_edit, name="service_edit"),
    path("layanan/<int:pk>/pengguna/", views.service_user_count, name="service_user_count"),
]
