"""Mounted at /api/v1/ by config/urls.py."""

from django.urls import path

from sikap.api.api import api

urlpatterns = [path("", api.urls)]
