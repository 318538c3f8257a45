"""A test client that calls the API with a persona's token."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from sikap.accounts.actions import issue_token


class ApiClient:
    def __init__(self, client: Client, raw: str | None) -> None:
        self.client, self.raw = client, raw

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.raw}"} if self.raw else {}

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(f"/api/v1/{path}", params, headers=self._headers())

    def request(self, method: str, path: str) -> Any:
        return getattr(self.client, method)(f"/api/v1/{path}", headers=self._headers())


@pytest.fixture
def api(client: Client) -> Callable[[Any], ApiClient]:
    """`api(world.leader).get("units")`; `api(None)` sends no token."""

    def _api(user: Any) -> ApiClient:
        raw = issue_token(None, user, "uji")[1] if user is not None else None
        return ApiClient(client, raw)

    return _api
