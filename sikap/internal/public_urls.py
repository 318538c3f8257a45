"""The invited employee's pages, mounted at /undangan/ by config/urls.py."""

from django.urls import path

from sikap.internal import answer_views

urlpatterns = [
    path("", answer_views.entry, name="internal_entry"),
    path("terima-kasih/", answer_views.thanks, name="internal_thanks"),
    path("<slug:token>/", answer_views.answer, name="internal_answer"),
]
