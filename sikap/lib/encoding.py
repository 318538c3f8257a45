"""Input must be readable before any view sees it. Forms must arrive in UTF-8: a form posted in another
charset, or a body that is not UTF-8, gets a 400 page saying so before any view (or the CSRF check) reads
it.

Django reads a declared charset as the body's encoding and replaces undecodable bytes, so a charset such as
rot13 or base64 (known to Python, but no text encoding) raised an error, utf-16 or unicode_escape turned
answers into other characters, and latin-1 silently changed every accented letter. Our pages are UTF-8 and
browsers post forms in the page's encoding, so anything else is a broken or hostile client. An address
with a NUL (in the path or the query string) is refused the same way: no link has one, and PostgreSQL
refuses it in any lookup a view would make with it.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from urllib.parse import unquote_to_bytes

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

URLENCODED = "application/x-www-form-urlencoded"
FORM_TYPES = {URLENCODED, "multipart/form-data"}


class FormEncodingMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
            # A NUL in an address reaches lookups PostgreSQL refuses; no link or browser sends one.
            message = _("Alamat halaman berisi karakter NUL yang tidak sah. Periksa tautan yang dibuka.")
            return render(request, "errors/bad_encoding.html", {"message": message, "again": "/"}, status=400)
        if request.method not in ("GET", "HEAD") and not readable(request):
            message = _(
                "Isian formulir tidak dikirim dalam pengodean UTF-8, sehingga tidak dapat dibaca dengan "
                "benar. Jawaban Saudara belum disimpan. Buka formulir lagi di peramban biasa dan kirim ulang."
            )
            context = {"message": message, "again": request.path}
            return render(request, "errors/bad_encoding.html", context, status=400)
        return self.get_response(request)


def readable(request: HttpRequest) -> bool:
    """Whether a posted form is UTF-8 as declared and, for a URL-encoded one, in its bytes (other bodies,
    such as JSON, are their reader's concern)."""
    if request.content_type not in FORM_TYPES:
        return True
    return declared_utf8(request) and (request.content_type != URLENCODED or utf8_body(request))


def declared_utf8(request: HttpRequest) -> bool:
    """Whether the form's Content-Type declares no charset or UTF-8 (in any spelling)."""
    charset = (request.content_params or {}).get("charset")
    if charset is None:
        return True
    try:
        return codecs.lookup(charset).name == "utf-8"
    except LookupError:
        return False


def utf8_body(request: HttpRequest) -> bool:
    """Whether a URL-encoded body, and every value in it once unquoted, is UTF-8. A body over Django's
    size limit raises RequestDataTooBig here, which Django answers with 400 as it would in the view."""
    try:
        text = request.body.decode("utf-8")
        unquote_to_bytes(text.replace("+", " ")).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
