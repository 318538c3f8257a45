"""What makes a report official: the ministry's letterhead (name, logo) and the unit's signer.

Reads here are what the report builders and pages ask (the logo's rules are in `logo`); changes go
through `sikap.reports.actions` (`set_letterhead`, `set_signer`).
"""

from __future__ import annotations

import base64
from typing import Any

from django.utils.translation import get_language

from sikap.lib import evidence
from sikap.organisation.models import Unit
from sikap.reports.models import Letterhead, Signer


def current() -> Any:
    """The letterhead row (None until a central admin sets one)."""
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
    return Signer.objects.filter(unit=unit).first()
