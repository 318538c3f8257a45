"""The project's URLs plus views that fail, to see the error pages a visitor would get."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import urlpatterns as project_urls


def broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug")


def forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied("Hanya admin pusat.")


def suspicious(request: HttpRequest) -> HttpResponse:
    raise SuspiciousOperation("bad input")


urlpatterns = [
    path("rusak/", broken),
    path("terlarang/", forbidden),
    path("mencurigakan/", suspicious),
    *project_urls,
]
