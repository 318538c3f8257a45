"""Token authentication for the API, and its errors as JSON in Indonesian and English.

A token acts as its user: every endpoint asks `access_for(request.auth)`, the same helper as the pages.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja.security import HttpBearer

from sikap.accounts import tokens
from sikap.api.throttle import CALLER_ATTRIBUTE


class ApiError(Exception):
    """An error answered as `{"detail": Indonesian, "detail_en": English}` with its status."""

    def __init__(self, status: int, detail: str, detail_en: str) -> None:
        super().__init__(detail_en)
        self.status, self.detail, self.detail_en = status, detail, detail_en


# Both languages always: integrations log the body, and their readers may read either.
UNAUTHORIZED = ApiError(
    401,
    "Token API tidak ada, salah, kedaluwarsa atau sudah dicabut. "
    "Kirim header 'Authorization: Bearer <token>'.",
    "The API token is missing, invalid, expired or revoked. Send 'Authorization: Bearer <token>'.",
)
NOT_FOUND = ApiError(404, "Tidak ditemukan.", "Not found.")


def error_response(error: ApiError) -> HttpResponse:
    response = JsonResponse({"detail": error.detail, "detail_en": error.detail_en}, status=error.status)
    if error.status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="sikap"'
    return response


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`; the token's user becomes `request.auth`."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = tokens.authenticate(token)
        if user is not None:  # the throttle counts calls per token (sikap.api.throttle)
            setattr(request, CALLER_ATTRIBUTE, tokens.hash_key(token.strip()))
        return user
