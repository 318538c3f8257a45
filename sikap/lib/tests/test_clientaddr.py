"""The client address: forwarded hops are believed only from configured proxies, walked from the right."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from sikap.lib.clientaddr import client_address

PROXIES = ["127.0.0.1/32", "10.0.0.0/8"]


def address(remote: str, forwarded: str | None = None) -> str:
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(RequestFactory().get("/", **meta))


@pytest.fixture
def proxies(settings):
    settings.SIKAP_TRUSTED_PROXIES = PROXIES


def test_without_trusted_proxies_the_forwarded_header_is_ignored(settings):
    settings.SIKAP_TRUSTED_PROXIES = []
    assert address("10.0.0.1", "203.0.113.7") == "10.0.0.1"


def test_a_forwarded_header_from_an_untrusted_peer_changes_nothing(proxies):
    assert address("198.51.100.4", "203.0.113.7, 10.0.0.1") == "198.51.100.4"


def test_behind_a_trusted_proxy_the_right_most_untrusted_hop_is_the_client(proxies):
    # The client wrote "1.2.3.4" itself; our proxy appended the address it really came from.
    assert address("10.0.0.1", "1.2.3.4, 203.0.113.7") == "203.0.113.7"
    assert address("127.0.0.1", "1.2.3.4, 203.0.113.7, 10.0.0.2") == "203.0.113.7"


@pytest.mark.parametrize(
    "garbage", ["unknown", "", "   ", "203.0.113.7:443", "<script>", "1.2.3.4.5", "::zz"]
)
def test_a_hop_that_is_no_address_never_empties_or_chooses_the_address(proxies, garbage):
    assert address("10.0.0.1", f"8.8.8.8, {garbage}") == "10.0.0.1"
    assert address("10.0.0.1", f"8.8.8.8, {garbage}, 10.0.0.9") == "10.0.0.9"
    assert address("10.0.0.1", garbage) == "10.0.0.1"


def test_a_trusted_proxy_without_a_header_is_its_own_client(proxies):
    assert address("10.0.0.1") == "10.0.0.1"


def test_ipv4_mapped_ipv6_counts_as_the_ipv4_address(proxies):
    assert address("::ffff:10.0.0.1", "203.0.113.7") == "203.0.113.7"


def test_a_setting_that_is_no_network_stops_with_its_name(settings):
    settings.SIKAP_TRUSTED_PROXIES = ["10.0.0.0/8", "proxy.local"]
    with pytest.raises(ImproperlyConfigured, match="SIKAP_TRUSTED_PROXIES"):
        address("10.0.0.1", "203.0.113.7")


def test_the_old_setting_that_trusted_the_client_stops_the_start_up():
    import os
    import subprocess
    import sys

    env = {**os.environ, "SIKAP_TRUST_X_FORWARDED_FOR": "1", "DJANGO_SETTINGS_MODULE": "config.settings"}
    started = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"], env=env, capture_output=True, text=True
    )
    assert started.returncode != 0
    assert "SIKAP_TRUSTED_PROXIES" in started.stderr
