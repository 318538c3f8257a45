"""Reading values people type or files carry: whole numbers in ASCII digits, free text without control
characters and within its length. One rule for every path (the public form, paper entry, imports, the
operators' hand-read inputs); messages through gettext, Indonesian first.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Lengths of the text inputs, as the form declares them (maxlength) and every path enforces them.
TEXT_MAX = 200
LONG_TEXT_MAX = 4000
# An integer as people write it: ASCII digits only (str.isdigit() also takes "²", "١" and "３", which int()
# refuses or reads), an optional minus, and few enough digits that no input makes int() slow or fail.
INTEGER = re.compile(r"-?[0-9]{1,9}")
# C0 control characters (NUL among them, which PostgreSQL refuses in text): never in a text input, except
# line breaks and tabs in long text.
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
CONTROL_IN_LONG_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def parse_integer(text: str) -> int | None:
    """A whole number written in ASCII digits (an optional minus, at most nine digits), else None."""
    return int(text) if INTEGER.fullmatch(text) else None


def clean_text(text: str, *, long: bool = False, limit: int | None = None) -> tuple[str | None, str | None]:
    """Free text as stored: (text, None), or (None, error) for a control character (NUL, escape; line
    breaks and tabs are fine in long text) or a text over the field's length."""
    limit = limit or (LONG_TEXT_MAX if long else TEXT_MAX)
    if (CONTROL_IN_LONG_TEXT if long else CONTROL).search(text):
        return None, _("Berisi karakter kendali yang tidak diterima (mis. karakter NUL); hapus karakter itu.")
    if len(text) > limit:
        return None, _("Terlalu panjang (paling banyak %(n)s karakter).") % {"n": limit}
    return text, None


def printable(text: str) -> str:
    """A value as a message may quote it: control characters shown as the replacement sign."""
    return CONTROL.sub("\ufffd", text)


def refuse_control(text: str, *, label: str, long: bool = True) -> str:
    """Text a view reads by hand (no form), cut to its length as before: ValidationError naming the input
    (`label`) if it holds a control character, which the view shows as it shows the action's refusals."""
    cleaned, error = clean_text(text, long=long, limit=max(len(text), 1))
    if error or cleaned is None:
        raise ValidationError(f"{label}: {error}")
    return cleaned


def posted_text(data: Mapping[str, Any], name: str, *, limit: int, label: str = "", long: bool = True) -> str:
    """A posted text input cut to `limit` characters; ValidationError for a control character."""
    return refuse_control(str(data.get(name, "") or "")[:limit], label=label or name, long=long)
