"""The rules that change results, and their defaults: each period stores its own copy when it is created.

A period keeps its minimum-sample rule (method, margin of error, floor), its integrity rules and its
regional weights as data (`Period` fields), changed only by `organisation.actions.set_period_rules`
(audited, refused once the period has ended). So a redeploy with other defaults never changes a figure
already computed; the defaults below apply to periods created after the change. Thresholds such as the
WBK/WBBM index belong to the instrument version (`InstrumentVersion.scoring`), immutable once published.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

TARGET_METHODS = (("krejcie-morgan", _("Krejcie dan Morgan (1970)")), ("slovin", _("Slovin")))
DEFAULT_TARGET_METHOD, DEFAULT_MARGIN, DEFAULT_FLOOR = "krejcie-morgan", Decimal("0.050"), 30

# The integrity rules a new period starts with.
DEFAULT_INTEGRITY: dict[str, Any] = {
    # A second submission from the same device within the hour.
    "device_repeat_per_hour": 1,
    # Offices share one address behind NAT, so only a burst from one network is suspect.
    "network_repeat_per_hour": 20,
    "min_seconds": 20,
    "straight_line_min_elements": 5,
    "check_service_hours": True,
    # Rate limits answered with 429 (per 10 minutes).
    "device_limit_per_10_min": 5,
    "network_limit_per_10_min": 60,
}
INTEGRITY_LABELS = {
    "device_repeat_per_hour": _("Kiriman per perangkat per jam sebelum diragukan"),
    "network_repeat_per_hour": _("Kiriman per jaringan per jam sebelum diragukan"),
    "min_seconds": _("Lama pengisian paling singkat (detik)"),
    "straight_line_min_elements": _("Jumlah unsur paling sedikit untuk memeriksa jawaban seragam"),
    "check_service_hours": _("Periksa jam layanan unit"),
    "device_limit_per_10_min": _("Batas kiriman per perangkat per 10 menit"),
    "network_limit_per_10_min": _("Batas kiriman per jaringan per 10 menit"),
}


def default_integrity() -> dict[str, Any]:
    """A new period's integrity rules (a fresh dict: each period owns its copy)."""
    return dict(DEFAULT_INTEGRITY)
