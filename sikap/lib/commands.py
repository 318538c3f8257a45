"""What the `sikap` commands look up from their arguments, each refusal a one-line message and exit 2."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from sikap.organisation.models import Period, Unit


def refuse(message: str) -> CommandError:
    """A refusal of bad input: the message on stderr and exit code 2, like the scoring commands."""
    return CommandError(message, returncode=2)


def file_bytes(name: str) -> bytes:
    try:
        return Path(name).read_bytes()
    except OSError as error:
        raise refuse(f"Berkas tidak dapat dibaca: {error}") from None


def unit_by_code(code: str) -> Unit:
    unit = Unit.objects.filter(code=code).first()
    if unit is None:
        raise refuse(f"Unit tidak dikenal: {code}")
    return unit


def period_by_name(name: str) -> Period:
    period = Period.objects.filter(name=name).first()
    if period is None:
        raise refuse(f"Periode tidak dikenal: {name}")
    return period


def user_by_name(name: str | None) -> Any:
    """The user acting through the command, or None (the system) when no name is given."""
    if not name:
        return None
    user = get_user_model().objects.filter(username=name).first()
    if user is None:
        raise refuse(f"Pengguna tidak dikenal: {name}")
    return user
