"""Upload limits, one per kind of upload, checked from the size the browser sent before anything reads
the file (Django has spooled a large upload to a temporary file by then, not to memory).

The limits are settings (`SIKAP_MAX_UPLOAD_MB`: import, evidence, logo), documented in .env.example.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any, Literal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

Kind = Literal["import", "evidence", "logo"]


def max_bytes(kind: Kind) -> int:
    """The largest file accepted for this kind of upload, in bytes."""
    return int(settings.SIKAP_MAX_UPLOAD_MB[kind] * 1024 * 1024)


def megabytes(size: int) -> str:
    """A size in MB as people write it here: one decimal, decimal comma ("1,5")."""
    text = f"{size / 1024 / 1024:.1f}".replace(".", ",")
    return text.removesuffix(",0")


def too_large(kind: Kind, name: str, size: int) -> str:
    """The message for a file over its kind's limit, naming the file, its size and the limit."""
    return _("Berkas %(name)s terlalu besar (%(size)s MB); paling besar %(limit)s MB.") % {
        "name": PurePath(name or "").name or "?",
        "size": megabytes(size),
        "limit": megabytes(max_bytes(kind)),
    }


def check_size(file: Any, kind: Kind) -> None:
    """Refuse an upload larger than its kind allows, from its declared size (the file is not read)."""
    size = int(getattr(file, "size", 0) or 0)
    if size > max_bytes(kind):
        raise ValidationError(too_large(kind, getattr(file, "name", "") or "", size), code="upload_size")
