"""The logo's rules: PNG, JPEG or SVG, at most the "logo" upload limit (1 MB), content matching the name
(the shared evidence checks); a raster logo must also open as an image, and an SVG must be an SVG
without scripts (it is drawn into every report)."""

from __future__ import annotations

import io
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sikap.lib import evidence

SVG_HEAD = 4096  # an SVG's root element is within its first bytes (after any XML declaration, comments)

LOGO_RULES = evidence.Rules(
    kinds=frozenset({"png", "jpg", "jpeg", "svg"}),
    wrong_type=gettext_lazy("Logo harus berupa gambar PNG, JPEG atau SVG (berkas ini: %(name)s)."),
    size="logo",
)


def validate_logo(file: Any) -> None:
    """Refuse a logo of another type, larger than its limit, not what its name says, or that does not open."""
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
