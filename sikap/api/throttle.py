"""API throttling per token: SIKAP_API_RATE calls (120 a minute by default) for each token.

One heavy call (the national league) holds a worker for seconds, so a token may not take all of them.
Counts live in the database cache (`api_throttle` in CACHES, its table made by this app's migration):
every app server sees the same count, on SQLite and PostgreSQL alike. A count is read, then written:
two servers answering the same token at the same instant may each let one call more through, which is
harmless for a limit meant to keep workers free.
"""

from __future__ import annotations

import math
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja.throttling import SimpleRateThrottle

CACHE_ALIAS = "api_throttle"
# What counting a call costs, pinned by the API's query-count tests: the read of the token's calls, then
# the database cache's write (its size check, the row's lookup and its update, inside a savepoint).
QUERIES_PER_CALL = 6
# Set by `TokenAuth` on a request whose token is valid: the token's hash, never the token itself.
CALLER_ATTRIBUTE = "sikap_token_hash"


class TokenRateThrottle(SimpleRateThrottle):
    """At most the rate's calls per token in any window of the rate's length (a sliding window)."""

    scope = "token"

    def __init__(self) -> None:
        """The rate is read from the settings at each call (see the properties), not fixed at import."""

    @property
    def rate(self) -> str:  # type: ignore[override]
        return str(settings.SIKAP_API_RATE)

    @property
    def num_requests(self) -> int | None:  # type: ignore[override]
        return self.parse_rate(self.rate)[0]

    @property
    def duration(self) -> int | None:  # type: ignore[override]
        return self.parse_rate(self.rate)[1]

    @property
    def cache(self) -> Any:  # type: ignore[override]
        return caches[CACHE_ALIAS]

    def get_cache_key(self, request: HttpRequest) -> str | None:
        token = getattr(request, CALLER_ATTRIBUTE, None)
        # Only calls with a valid token get this far; a call without one was answered 401 already.
        return None if token is None else self.cache_format % {"scope": self.scope, "ident": token}


def too_many_response(wait: float | None) -> HttpResponse:
    seconds = max(1, math.ceil(wait)) if wait is not None else 60
    response = JsonResponse(
        {
            "detail": f"Terlalu banyak panggilan dengan token ini (batas {settings.SIKAP_API_RATE}). "
            f"Coba lagi dalam {seconds} detik.",
            "detail_en": f"Too many calls with this token (limit {settings.SIKAP_API_RATE}). "
            f"Try again in {seconds} seconds.",
        },
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response
