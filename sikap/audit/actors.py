"""Who acts: the one type every action takes as its first argument, and the one way a request names it.

An `Actor` is a signed-in `User`, or `None` for the system (commands, data loads, the public form, where
no one is signed in). It lives in the audit app because the audit trail is what an actor is for, and
because this module imports no other app at run time: every `actions.py` can import it without a cycle.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeAlias, cast

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from sikap.accounts.models import User

Actor: TypeAlias = "User | None"


def acting_user(request: HttpRequest) -> User:
    """The signed-in user behind a view or admin request, to pass to an action.

    Views and admin screens that change state require a login; an anonymous request reaching one is
    refused (403) rather than recorded as the system.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        raise PermissionDenied(_("Masuk terlebih dahulu untuk melakukan perubahan."))
    return cast("User", user)


def user_or_none(actor: Any) -> User | None:
    """The user to store in a `*_by` column: the actor when it is a saved user, else None (the system)."""
    return actor if getattr(actor, "pk", None) else None


def actor_name(actor: Any) -> str:
    """The name the audit trail keeps, readable after the user is gone: the username, or "system"."""
    return getattr(actor, "username", "") or ("system" if actor is None else str(actor))
