"""Helpers of the letterhead, signer and official-report tests: a real logo and its upload."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

NIP = "197501012000031001"


def png_logo(name: str = "logo.png") -> SimpleUploadedFile:
    """A small round PNG logo, made here (no binary fixtures in the repository)."""
    image = Image.new("RGB", (120, 120), "white")
    ImageDraw.Draw(image).ellipse((5, 5, 115, 115), fill=(20, 60, 140))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")
