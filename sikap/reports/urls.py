from django.urls import path

from sikap.reports.exports import views as export_views

urlpatterns = [
    path("ekspor/", export_views.export_responses, name="export_responses"),
]
