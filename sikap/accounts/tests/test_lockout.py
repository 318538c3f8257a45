"""Login lockout by client address and user name: nobody locks another's account from outside."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.1"


@pytest.fixture(autouse=True)
def behind_a_proxy(settings):
    settings.SIKAP_TRUSTED_PROXIES = ["10.0.0.0/8"]
    settings.AXES_FAILURE_LIMIT = 5
    settings.SIKAP_LOGIN_USERNAME_LIMIT = 20


def attempt(client, client_ip: str, password: str, *, remote: str = PROXY, forwarded: str | None = None):
    return client.post(
        reverse("login"),
        {"username": "admin.jabar", "password": password},
        REMOTE_ADDR=remote,
        HTTP_X_FORWARDED_FOR=forwarded if forwarded is not None else client_ip,
    )


def test_failures_from_one_client_behind_the_proxy_do_not_lock_another(client, world, password):
    for _ in range(5):
        attempt(client, "203.0.113.66", "salah-sekali-123")
    assert attempt(client, "203.0.113.66", password).status_code == 429
    owner = attempt(client, "198.51.100.7", password)
    assert owner.status_code == 302
    assert client.session["_auth_user_id"] == str(world.kanwil_admin.pk)


def test_a_forged_forwarded_header_from_an_untrusted_peer_changes_nothing(client, world, password):
    # The attacker is not behind our proxy: each forged header still counts against its socket address.
    for n in range(5):
        attempt(client, "", "salah-sekali-123", remote="203.0.113.66", forwarded=f"198.51.100.{n}")
    assert attempt(client, "", password, remote="203.0.113.66", forwarded="198.51.100.99").status_code == 429


def test_a_garbage_hop_is_no_way_out_of_the_lockout(client, world, password):
    for junk in ["unknown", "x", "", "::zz", "1.2.3.4:80"]:
        attempt(client, "", "salah-sekali-123", forwarded=f"203.0.113.66, {junk}")
    assert attempt(client, "", password, forwarded="203.0.113.66, junk-again").status_code == 429


def test_many_addresses_together_lock_the_user_name_at_the_gentler_limit(client, world, password):
    for n in range(19):
        attempt(client, f"203.0.113.{n}", "salah-sekali-123")
    assert attempt(client, "198.51.100.7", password).status_code == 302
    client.post(reverse("logout"))
    attempt(client, "203.0.113.200", "salah-sekali-123")
    locked = attempt(client, "198.51.100.8", password)
    assert locked.status_code == 429
    assert "Terlalu banyak percobaan masuk yang gagal" in locked.content.decode()
