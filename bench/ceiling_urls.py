"""The project's URLs plus the fair ceiling under /bench/ceiling/: the same server, settings and middleware
answering the same form bytes from memory and storing the same answers as one row, with no checks.

bench/submit.py captures the real form and thank-you page once (from the code being measured), writes them
into $BENCH_CEILING_DIR and creates the table `bench_ceiling (key, body)` with raw SQL (no migration: the
table belongs to the benchmark, not to the app). Per request, the form gets a fresh CSRF token and
idempotency key by two byte replacements, so a client reads and posts it exactly as it does the real one.
"""

from __future__ import annotations

import os
import re
import uuid
from functools import cache
from pathlib import Path

from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns

CEILING_PATH = "/bench/ceiling/"
THANKS_PATH = "/bench/ceiling/terima-kasih/"
CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
KEY = re.compile(rb'name="key" value="([^"]+)"')


@cache
def captured(name: str) -> bytes:
    return (Path(os.environ["BENCH_CEILING_DIR"]) / name).read_bytes()


@cache
def placeholders() -> tuple[list[bytes], bytes]:
    """The CSRF tokens (one per form on the page) and the idempotency key the captured form holds."""
    form = captured("form.html")
    tokens, key = sorted(set(CSRF.findall(form))), KEY.search(form)
    assert tokens and key, "the captured form has no CSRF token or key"
    return tokens, key.group(1)


def form(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO bench_ceiling (key, body) VALUES (%s, %s)",
                [request.POST.get("key", ""), request.body.decode()],
            )
        return HttpResponseRedirect(THANKS_PATH)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    tokens, key = placeholders()
    body = captured("form.html").replace(key, str(uuid.uuid4()).encode(), 1)
    for token in tokens:
        body = body.replace(token, get_token(request).encode())
    return HttpResponse(body, content_type="text/html; charset=utf-8")


def thanks(request: HttpRequest) -> HttpResponse:
    return HttpResponse(captured("thanks.html"), content_type="text/html; charset=utf-8")


urlpatterns = [
    path("bench/ceiling/", form, name="bench_ceiling"),
    path("bench/ceiling/terima-kasih/", thanks, name="bench_ceiling_thanks"),
    *project_urlpatterns,
]
