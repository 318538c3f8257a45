"""Error pages people can act on: Indonesian first, no technical detail."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """An expired or missing form token, typically a survey form left open too long on a phone."""
    return render(request, "errors/csrf_failure.html", {"again": request.path}, status=403)
