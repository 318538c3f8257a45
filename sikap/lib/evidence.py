"""Evidence files, the part every feature shares: type and size checks, storage naming, the download.

A feature that takes evidence (follow-up plans now, the PEKPPP evaluation next) states its own `Rules`
(which types, how large, its own wording), stores the file in a `FileField` whose `upload_to` comes from
`upload_to`, and serves it with `download` from a view that has already checked who may see it: files
are never served from the media URL. Access rules stay with the feature.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

from sikap.lib import uploads

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

# The first bytes each known type starts with: a renamed HTML or executable file is refused.
# DOCX and XLSX are ZIP containers.
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "svg": (b"<?xml", b"<svg", b"\xef\xbb\xbf<?xml", b"\xef\xbb\xbf<svg"),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
}

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "svg": "image/svg+xml",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class Rules:
    """What one feature accepts: its types, with its own message (lazy gettext, `%(name)s` the file's
    name) for another type, and which upload limit (`sikap.lib.uploads`, a setting) bounds its size."""

    kinds: frozenset[str]
    wrong_type: str | _StrPromise
    size: uploads.Kind = "evidence"

    def __post_init__(self) -> None:
        unknown = self.kinds - SIGNATURES.keys()
        if unknown:
            raise ValueError(f"no signature known for {sorted(unknown)}")


def extension(name: str) -> str:
    return PurePath(name).suffix.lower().lstrip(".")


def validate(file: Any, rules: Rules) -> None:
    """Refuse a file of a type the rules do not allow, larger than they allow, or not what it claims."""
    kind = extension(file.name or "")
    if kind not in rules.kinds:
        raise ValidationError(
            rules.wrong_type, code="evidence_type", params={"name": PurePath(file.name or "").name or "?"}
        )
    uploads.check_size(file, rules.size)
    if not _starts_with(file, SIGNATURES[kind]):
        raise ValidationError(
            _("Isi berkas tidak sesuai dengan jenisnya (.%(kind)s). Unggah berkas aslinya."),
            code="evidence_content",
            params={"kind": kind},
        )


def _starts_with(file: Any, signatures: Iterable[bytes]) -> bool:
    # A stored file already passed this check when it was uploaded; only new uploads are read.
    if getattr(file, "_committed", False):
        return True
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(8)
    file.seek(position)
    return any(head.startswith(signature) for signature in signatures)


def upload_to(feature: str) -> str:
    """Where a feature's files are stored: one folder per feature and year (`followup/2026/...`).

    Django's storage keeps the uploaded name and adds a random suffix when the name is taken, so a new
    file never overwrites an older one that the audit trail still names.
    """
    return f"{feature}/%Y/"


def download_name(file: FieldFile) -> str:
    """The name offered to the browser: the stored file's own name, without its folders."""
    return file.name.rsplit("/", 1)[-1] if file.name else ""


def download(file: FieldFile) -> FileResponse:
    """Stream a stored evidence file as an attachment; call it only after the feature's access check."""
    if not file:
        raise Http404
    name = download_name(file)
    content_type = CONTENT_TYPES.get(extension(name), "application/octet-stream")
    return FileResponse(file.open("rb"), as_attachment=True, filename=name, content_type=content_type)
