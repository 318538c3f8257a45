"""What makes a report official: the ministry's letterhead (name, logo) and the unit's signer.

The logo rules (PNG, JPEG or SVG, at most 1 MB, content matching the name) use the shared evidence
checks; a raster logo must also open as an image, and an SVG must be an SVG without scripts (it is drawn
into every report). Reads here are what the report builders and pages ask; changes go through
`sikap.reports.actions` (`set_letterhead`, `set_signer`).
"""

from __future__ import annotations

import base64
import io
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from sikap.lib import evidence
from sikap.organisation.models import Unit

MAX_LOGO_BYTES = 1024 * 1024
SVG_HEAD = 4096  # an SVG's root element is within its first bytes (after any XML declaration, comments)

LOGO_RULES = evidence.Rules(
    kinds=frozenset({"png", "jpg", "jpeg", "svg"}),
    max_bytes=MAX_LOGO_BYTES,
    wrong_type=gettext_lazy("Logo harus berupa gambar PNG, JPEG atau SVG (berkas ini: %(name)s)."),
    too_large=gettext_lazy("Logo paling besar 1 MB; berkas ini %(size)s MB."),
)


def validate_logo(file: Any) -> None:
    """Refuse a logo of another type, larger than 1 MB, not what its name says, or that does not open."""
    evidence.validate(file, LOGO_RULES)
    if getattr(file, "_committed", False):
        return  # stored already: it passed when it was uploaded
    kind = evidence.extension(file.name or "")
    file.seek(0)
    content = file.read()
    file.seek(0)
    if kind == "svg":
        head = content[:SVG_HEAD].lower()
        if b"<svg" not in head or b"<script" in content.lower():
            raise ValidationError(
                _("Logo SVG tidak dapat dipakai: berkas harus berisi gambar SVG tanpa skrip."),
                code="logo_svg",
            )
        return
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(content)) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError) as error:
        raise ValidationError(
            _("Logo tidak dapat dibuka sebagai gambar. Unggah berkas gambar aslinya."), code="logo_broken"
        ) from error


def current() -> Any:
    """The letterhead row (None until a central admin sets one)."""
    from sikap.reports.models import Letterhead

    return Letterhead.objects.order_by("pk").first()


def ministry_name(letterhead: Any) -> str:
    """The ministry's name in the active language (English falls back to the Indonesian name)."""
    if letterhead is None:
        return ""
    english = (get_language() or "id").lower().startswith("en")
    return (letterhead.ministry_name_en if english else "") or letterhead.ministry_name


def logo_data_uri(letterhead: Any) -> str:
    """The logo as a `data:` URL for WeasyPrint (which fetches nothing else); "" without a logo."""
    if letterhead is None or not letterhead.logo:
        return ""
    kind = evidence.extension(letterhead.logo.name)
    try:
        with letterhead.logo.open("rb") as stored:
            content = stored.read()
    except OSError:
        return ""  # a file lost from storage: the cover goes without a logo rather than fail
    encoded = base64.b64encode(content).decode("ascii")
    return f"data:{evidence.CONTENT_TYPES[kind]};base64,{encoded}"


def signer_of(unit: Unit) -> Any:
    """The unit's own signer, or None. A unit without one is not signed by a unit above it: the head of
    a Kanwil does not sign a division's report, so the report leaves the name blank instead."""
    from sikap.reports.models import Signer

    return Signer.objects.filter(unit=unit).first()
