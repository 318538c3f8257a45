"""The client's address: the one answer used by the public form, its network limit and the login lockout.

Behind a reverse proxy the socket peer (REMOTE_ADDR) is the proxy, and X-Forwarded-For lists the hops,
each proxy appending the address it received the request from. Only the right end of that list is
written by proxies we run; the left end is whatever the client sent. So the list is walked from the
right while the hop is one of SIKAP_TRUSTED_PROXIES; the first hop that is not is the client. A hop
that is not an IP address (garbage, "unknown", a port suffix) ends the walk at the last address a
trusted proxy vouched for: forging it never yields an empty address (which would switch the network
limit off) nor a chosen one.
"""

from __future__ import annotations

import functools
import ipaddress
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


@functools.cache
def parse_networks(networks: tuple[str, ...]) -> tuple[Network, ...]:
    """The trusted proxy networks; a setting that is not a network stops the start-up with its name."""
    parsed = []
    for item in networks:
        try:
            parsed.append(ipaddress.ip_network(item.strip(), strict=False))
        except ValueError as error:
            raise ImproperlyConfigured(
                f"SIKAP_TRUSTED_PROXIES: {item!r} is not an IP network (e.g. 10.0.0.0/8): {error}"
            ) from error
    return tuple(parsed)


def trusted_networks() -> tuple[Network, ...]:
    return parse_networks(tuple(getattr(settings, "SIKAP_TRUSTED_PROXIES", ())))


def parse_address(text: str) -> Address | None:
    """An IP address, IPv4-mapped IPv6 written as IPv4; None for anything else."""
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _trusted(address: Address, networks: Iterable[Network]) -> bool:
    return any(address in network for network in networks)


def client_address(request: HttpRequest) -> str:
    """The client's IP address as text; the socket peer unless it is a trusted proxy."""
    peer_text = str(request.META.get("REMOTE_ADDR", "") or "")
    peer = parse_address(peer_text)
    networks = trusted_networks()
    if peer is None or not networks or not _trusted(peer, networks):
        return str(peer) if peer is not None else peer_text
    client = peer
    hops = str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")
    for hop in reversed(hops):
        address = parse_address(hop)
        if address is None:
            break  # client = the last address a trusted proxy vouched for
        client = address
        if not _trusted(address, networks):
            break
    return str(client)
