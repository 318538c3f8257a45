"""The project's URLs plus /bench/ceiling/: the cheapest answer the same server and middleware can give."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns


def ceiling(request: HttpRequest) -> HttpResponse:
    """Reads nothing, writes nothing: the request rate of this view is the ceiling for any page."""
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/ceiling/", ceiling, name="bench_ceiling"), *project_urlpatterns]
