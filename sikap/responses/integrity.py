"""Integrity without surveillance: keyed hashes that rotate per period, signals, and the suspect rules.

No raw IP address or device identifier is stored. A network or device is kept only as an HMAC keyed
with the installation's secret and the period, so repeats within a period can be spotted while the
value is useless for identifying anyone, and cannot be linked across periods.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sikap.organisation.models import Period
from sikap.organisation.rules import DEFAULT_INTEGRITY

REASON_LABELS = {
    "device_repeat": _("Perangkat yang sama sudah mengirim dalam satu jam terakhir"),
    "network_repeat": _("Banyak kiriman dari jaringan yang sama dalam satu jam terakhir"),
    "too_fast": _("Diisi lebih cepat dari batas wajar"),
    "straight_line": _("Semua unsur dijawab dengan nilai yang sama"),
    "outside_hours": _("Dikirim di luar jam layanan unit"),
}


def rules(period: Period) -> dict[str, Any]:
    """The period's integrity rules (stored with the period; a rule it lacks takes today's default)."""
    return {**DEFAULT_INTEGRITY, **(period.integrity_rules or {})}


def keyed_hash(kind: str, value: str, period_id: int) -> str:
    """HMAC of a network or device value, keyed per installation and period."""
    if not value:
        return ""
    key = hashlib.sha256(f"{settings.SECRET_KEY}:integrity:{period_id}".encode()).digest()
    return hmac.new(key, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def network_of(address: str) -> str:
    """The network a client address belongs to: the IPv4 address, or the IPv6 /64 (one household or phone)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return ""
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


@dataclass
class Signals:
    """What was measured about one submission, and which rules it broke."""

    values: dict[str, Any] = field(default_factory=dict)
    reasons: list[str] = field(default_factory=list)

    @property
    def suspect(self) -> bool:
        return bool(self.reasons)


def measure(
    *,
    device_recent: int,
    network_recent: int,
    duration_seconds: int | None,
    answers_by_version: Mapping[int, Mapping[int, int]],
    submitted_at: datetime.datetime,
    opens_at: datetime.time | None,
    closes_at: datetime.time | None,
    kiosk: bool,
    config: Mapping[str, Any] = DEFAULT_INTEGRITY,
) -> Signals:
    """Apply the rules (`config`: the period's) to the measured facts of one submission (plain inputs)."""
    signals = Signals()
    v = signals.values
    v["device_recent"], v["network_recent"], v["duration_seconds"] = (
        device_recent,
        network_recent,
        duration_seconds,
    )
    # A kiosk is one device on one network by design: repeats there are the point, not a signal.
    if not kiosk and device_recent >= config["device_repeat_per_hour"]:
        signals.reasons.append("device_repeat")
    if not kiosk and network_recent >= config["network_repeat_per_hour"]:
        signals.reasons.append("network_repeat")
    if duration_seconds is not None and duration_seconds < config["min_seconds"]:
        signals.reasons.append("too_fast")
    values = [value for answers in answers_by_version.values() for value in answers.values()]
    v["straight_line"] = len(values) >= config["straight_line_min_elements"] and all(
        len(set(answers.values())) == 1 for answers in answers_by_version.values() if answers
    )
    if v["straight_line"]:
        signals.reasons.append("straight_line")
    local = timezone.localtime(submitted_at)
    v["outside_hours"] = bool(
        config["check_service_hours"]
        and opens_at
        and closes_at
        and (local.weekday() >= 5 or not opens_at <= local.time() <= closes_at)
    )
    if v["outside_hours"]:
        signals.reasons.append("outside_hours")
    return signals
