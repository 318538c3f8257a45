"""Inputs views read by hand (no Django form): Unicode digits, huge numbers and NUL get a message or are
ignored, never a 500 (issue 14); an address with a NUL gets a 400 page."""

from __future__ import annotations

from typing import Any

import pytest

from sikap.publication.models import Publication
from sikap.testing.factories import make_period

pytestmark = pytest.mark.django_db

HOSTILE_NUMBERS = ["²", "١", "３", "9" * 5000, "-1"]


def test_a_publication_note_with_a_nul_is_refused(world: Any, login: Any) -> None:
    period = make_period()
    url = f"/hasil/kelola/{world.division.code}/{period.pk}/ajukan/"
    reply = login(world.operator).post(url, {"catatan": "siap\x00"}, follow=True)
    assert reply.status_code == 200
    assert "karakter kendali" in reply.content.decode()
    assert not Publication.objects.exists()


@pytest.mark.parametrize("value", HOSTILE_NUMBERS)
def test_a_period_or_count_in_unicode_digits_is_ignored(world: Any, login: Any, value: str) -> None:
    client = login(world.operator)
    reply = client.post(
        f"/tindak-lanjut/unit/{world.division.code}/usulkan/", {"periode": value, "jumlah": value}
    )
    assert reply.status_code < 500
    assert client.get(f"/indeks/?periode={value}").status_code < 500


@pytest.mark.parametrize("address", ["/pekppp/lokus/1/f02/%00/", "/indeks/?periode=%00", "/s/ab%00cd/"])
def test_an_address_with_a_nul_gets_a_400_page(world: Any, login: Any, address: str) -> None:
    reply = login(world.operator).get(address)
    assert reply.status_code == 400
    assert "karakter NUL" in reply.content.decode()
