from django.urls import path

from sikap.indices import views

urlpatterns = [
    path("unit/<slug:code>/", views.unit_page, name="unit_index"),
    path("liga/", views.league_table, name="index_league"),
    path("pemerataan/", views.equity_page, name="index_equity"),
]
