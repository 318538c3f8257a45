"""The public form's questions as the empty form shows them, rendered once per bundle and language.

Everything between the service choice and the privacy notice (the instruments' question blocks, the
profile and feedback inputs, the service code) is the same for every respondent of a bundle in a
language; only the token, key and signed start around it are per request. The key is the bundle's
`BundleStamp` (its rows and its versions' revisions), which names the content for good, so each app
server keeps its own copy and no invalidation has to reach other servers (docs/architecture.md).
A form shown again with answers and messages is rendered whole (`build_page`).
"""

from __future__ import annotations

from functools import lru_cache

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString

from sikap.instruments.queries import BundleStamp, bundle
from sikap.responses.forms_public import build_page

TEMPLATE = "responses/public/_questions.html"


@lru_cache(maxsize=512)
def questions_html(stamp: BundleStamp, language: str) -> SafeString:
    """The rendered questions of the stamp's bundle in `language` (about 30 KB each)."""
    with translation.override(language):
        return SafeString(render_to_string(TEMPLATE, {"page": build_page(bundle(stamp), (), {}, {})}))
