"""The Content-Security-Policy header on every HTML page (Django 5.2 has none built in; Django 6 will).

A small middleware rather than a dependency: one header from one setting. Pages load scripts, styles,
Chart.js and the kiosk's service worker from our own origin only; no inline script, style or handler runs
(JSON data for charts is `json_script`, which is data, not code). A response that already carries the
header (a view that needs its own policy) keeps it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

HEADER = "Content-Security-Policy"


def policy() -> str:
    return "; ".join(f"{name} {' '.join(values)}".strip() for name, values in settings.SIKAP_CSP.items())


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.header = policy()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if HEADER not in response and response.get("Content-Type", "").startswith("text/html"):
            response[HEADER] = self.header
        return response
