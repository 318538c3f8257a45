"""'Aktivitas masuk': one's own recent logins and failed attempts, with coarse network and device."""

import pytest
from django.urls import reverse

from sikap.accounts.activity import coarse_device, coarse_network

pytestmark = pytest.mark.django_db
PHONE = "Mozilla/5.0 (Linux; Android 14; SM-A155F) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36"


def test_the_page_lists_ones_own_logins_and_failures_coarsely(client, world, password):
    client.post(
        reverse("login"), {"username": "pimpinan", "password": "salah-123"}, REMOTE_ADDR="198.51.100.77"
    )
    client.post(
        reverse("login"),
        {"username": "pimpinan", "password": password},
        REMOTE_ADDR="203.0.113.45",
        HTTP_USER_AGENT=PHONE,
    )
    client.get(reverse("account"))  # reachable from the account page
    page = client.get(reverse("login_activity")).content.decode()
    assert "203.0.113.x" in page and "203.0.113.45" not in page
    assert "Chrome · Android" in page
    assert "198.51.100.x" in page  # the failed attempt


def test_nobody_sees_anothers_activity(client, world, password):
    client.post(
        reverse("login"), {"username": "admin.jabar", "password": "salah-123"}, REMOTE_ADDR="192.0.2.9"
    )
    client.post(reverse("login"), {"username": "pimpinan", "password": password}, REMOTE_ADDR="203.0.113.45")
    page = client.get(reverse("login_activity")).content.decode()
    assert "192.0.2.x" not in page


def test_the_page_needs_a_login(client, world):
    assert client.get(reverse("login_activity")).status_code == 302


@pytest.mark.parametrize(
    ("address", "shown"),
    [
        ("203.0.113.45", "203.0.113.x"),
        ("2001:db8:1:2::5", "2001:db8:1::/48"),
        ("", "?"),
        (None, "?"),
        ("junk", "?"),
    ],
)
def test_addresses_are_shown_as_their_network(address, shown):
    assert coarse_network(address) == shown


def test_an_unknown_agent_is_a_question_mark():
    assert coarse_device("") == "? · ?"
    assert coarse_device("Mozilla/5.0 (Windows NT 10.0) Edg/131.0 Chrome/131.0") == "Edge · Windows"
