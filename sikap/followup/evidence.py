"""Checks on an uploaded evidence file: an allowed type, content that matches it, at most 10 MB."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_BYTES = 10 * 1024 * 1024

# The first bytes each allowed type starts with: a renamed HTML or executable file is refused.
# DOCX and XLSX are ZIP containers.
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
}

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def extension(name: str) -> str:
    return PurePath(name).suffix.lower().lstrip(".")


def validate_evidence(file: Any) -> None:
    """Refuse a file that is not PDF, JPG, PNG, DOCX or XLSX, or is larger than 10 MB."""
    kind = extension(file.name or "")
    if kind not in SIGNATURES:
        raise ValidationError(
            _("Berkas bukti harus berupa PDF, JPG, PNG, DOCX atau XLSX (berkas ini: %(name)s)."),
            code="evidence_type",
            params={"name": PurePath(file.name or "").name or "?"},
        )
    if file.size > MAX_BYTES:
        raise ValidationError(
            _("Berkas bukti paling besar 10 MB; berkas ini %(size)s MB."),
            code="evidence_size",
            params={"size": f"{file.size / 1024 / 1024:.1f}".replace(".", ",")},
        )
    if not _starts_with(file, SIGNATURES[kind]):
        raise ValidationError(
            _("Isi berkas tidak sesuai dengan jenisnya (.%(kind)s). Unggah berkas aslinya."),
            code="evidence_content",
            params={"kind": kind},
        )


def _starts_with(file: Any, signatures: tuple[bytes, ...]) -> bool:
    # A stored file already passed this check when it was uploaded; only new uploads are read.
    if getattr(file, "_committed", False):
        return True
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(8)
    file.seek(position)
    return any(head.startswith(signature) for signature in signatures)
