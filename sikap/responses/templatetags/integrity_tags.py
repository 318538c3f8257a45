"""Integrity signals by their display labels, never their codes (`straight_line True`)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sikap.indices.templatetags.indices_tags import idnum
from sikap.responses.integrity import REASON_LABELS

register = template.Library()

# The measured values stored beside the reasons.
SIGNAL_LABELS = {
    **REASON_LABELS,
    "device_recent": gettext_lazy("Kiriman dari perangkat yang sama dalam satu jam terakhir"),
    "network_recent": gettext_lazy("Kiriman dari jaringan yang sama dalam satu jam terakhir"),
    "duration_seconds": gettext_lazy("Lama pengisian (detik)"),
}


@register.filter
def signal_label(code: str) -> str:
    return str(SIGNAL_LABELS.get(code, code))


@register.filter
def signal_value(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return _("ya") if value else _("tidak")
    if isinstance(value, int | float):
        return idnum(value, 0 if float(value).is_integer() else 1)
    if isinstance(value, list):
        return ", ".join(signal_label(str(v)) for v in value)
    return str(value)
