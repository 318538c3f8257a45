from django.urls import path

from sikap.reports import export_views

urlpatterns = [
    path("ekspor/", export_views.export_responses, name="export_responses"),
]
