from django.urls import path

from sikap.dashboards import views

urlpatterns = [
    path("", views.home, name="dashboard_home"),
    path("<slug:code>/", views.unit_dashboard, name="dashboard_unit"),
    path("<slug:code>/layanan/<int:service_id>/", views.service_dashboard, name="dashboard_service"),
]
