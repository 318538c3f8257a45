"""One's own recent logins and failed attempts, read from django-axes' logs, shown coarsely.

The page shows the network, not the address (IPv4 /24, IPv6 /48) and the browser and system, not the
whole user-agent string: enough to recognise "that was not me", little to give away.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from datetime import datetime

from axes.models import AccessFailureLog, AccessLog

RECENT = 20

# Checked in order: the first name found in the user agent wins (Edge and Opera also say "Chrome").
BROWSERS = (
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("SamsungBrowser", "Samsung Internet"),
    ("Firefox/", "Firefox"),
    ("Chrome/", "Chrome"),
    ("Chromium/", "Chromium"),
    ("Safari/", "Safari"),
)
SYSTEMS = (
    ("Android", "Android"),
    ("iPhone", "iOS"),
    ("iPad", "iPadOS"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("CrOS", "ChromeOS"),
    ("Linux", "Linux"),
)


@dataclass(frozen=True)
class Entry:
    at: datetime
    network: str
    device: str


def coarse_network(address: str | None) -> str:
    """The address's network: "203.0.113.x" or "2001:db8:1::/48"; "?" when it is no address."""
    try:
        ip = ipaddress.ip_address((address or "").strip())
    except ValueError:
        return "?"
    if ip.version == 4:
        return ".".join(str(ip).split(".")[:3]) + ".x"
    return str(ipaddress.ip_network(f"{ip}/48", strict=False))


def coarse_device(user_agent: str | None) -> str:
    """The browser and system named by a user agent, "?" for either that is not recognised."""
    agent = user_agent or ""
    browser = next((name for key, name in BROWSERS if key in agent), "?")
    system = next((name for key, name in SYSTEMS if key in agent), "?")
    return f"{browser} · {system}"


def recent_logins(username: str) -> list[Entry]:
    rows = AccessLog.objects.filter(username=username).order_by("-attempt_time")[:RECENT]
    return [Entry(r.attempt_time, coarse_network(r.ip_address), coarse_device(r.user_agent)) for r in rows]


def recent_failures(username: str) -> list[Entry]:
    rows = AccessFailureLog.objects.filter(username=username).order_by("-attempt_time")[:RECENT]
    return [Entry(r.attempt_time, coarse_network(r.ip_address), coarse_device(r.user_agent)) for r in rows]
