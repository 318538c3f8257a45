"""The respondent's pages, mounted at /s/ by config/urls.py: a public link's form and its thank-you page."""

from django.urls import path

from sikap.responses import public_views

urlpatterns = [
    path("<slug:token>/", public_views.form, name="public_form"),
    path("<slug:token>/terima-kasih/", public_views.thanks, name="public_thanks"),
]
