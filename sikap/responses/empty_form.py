"""The public form's questions as the empty form shows them, rendered once per bundle and language.

Everything between the service choice and the privacy notice (the instruments' question blocks, the
profile and feedback inputs, the service code) is the same for every respondent of a bundle in a
language; only the token, key and signed start around it are per request. The key is the bundle's
`BundleStamp` (its rows and its versions' revisions), which names the content for good, so each app
server keeps its own copy and no invalidation has to reach other servers (docs/architecture.md).
A form shown again with answers and messages is rendered whole (`build_page`).

The thank-you page is kept the same way (`thanks_page`), per language, unit name and form address, with
slots for its two per-request parts (the language switch's CSRF token and return address).
"""

from __future__ import annotations

from functools import lru_cache
from types import SimpleNamespace

from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import SafeString

from sikap.instruments.queries import BundleStamp, bundle
from sikap.responses.forms_public import build_page

TEMPLATE = "responses/public/_questions.html"


@lru_cache(maxsize=512)
def questions_html(stamp: BundleStamp, language: str) -> SafeString:
    """The rendered questions of the stamp's bundle in `language` (about 30 KB each)."""
    with translation.override(language):
        return SafeString(render_to_string(TEMPLATE, {"page": build_page(bundle(stamp), (), {}, {})}))


# Marks no template output can contain (the slots' values are escaped where they are filled).
CSRF_SLOT, PATH_SLOT = "\x00csrf-slot\x00", "\x00path-slot\x00"


def thanks_page(request: HttpRequest, unit_name: str) -> str:
    """The thank-you page, rendered once per language and unit name; only the language switch's CSRF
    token and return address are filled in per request (as the template would escape them)."""
    page = _thanks(translation.get_language() or "id", unit_name)
    token, path = escape(get_token(request)), escape(request.get_full_path())
    return page.replace(CSRF_SLOT, token).replace(PATH_SLOT, path)


@lru_cache(maxsize=512)
def _thanks(language: str, unit_name: str) -> str:
    slots = SimpleNamespace(get_full_path=lambda: PATH_SLOT)  # the template's `request`
    context = {
        "link": SimpleNamespace(unit=SimpleNamespace(name=unit_name)),
        "csrf_token": CSRF_SLOT,
        "request": slots,
    }
    with translation.override(language):
        return render_to_string("responses/public/thanks.html", context)
