"""The menu on every page (base.html): only for a signed-in user, and only what it may use."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from sikap.accounts.access import access_for
from sikap.workspace.menu import menu_for


def menu(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # Lazy: pages that do not render base.html (files, images) pay nothing.
    return {"menu": SimpleLazyObject(lambda: menu_for(access_for(user)))}
