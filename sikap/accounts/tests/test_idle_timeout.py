"""Sessions of admin roles end after SIKAP_ADMIN_IDLE_MINUTES without a request; others keep theirs."""

import time

import pytest
from django.urls import reverse

from sikap.accounts.middleware import LAST_SEEN

pytestmark = pytest.mark.django_db


def idle_for(client, minutes: int) -> None:
    session = client.session
    session[LAST_SEEN] = int(time.time()) - minutes * 60
    session.save()


@pytest.mark.parametrize("persona", ["admin", "kanwil_admin"])
def test_an_admin_idle_longer_than_the_limit_is_signed_out(login, world, settings, persona):
    settings.SIKAP_ADMIN_IDLE_MINUTES = 30
    client = login(getattr(world, persona))
    assert client.get(reverse("workspace:home")).status_code == 200
    idle_for(client, 31)
    response = client.get(reverse("account"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"]).content.decode()
    assert "tanpa aktivitas" in page


def test_an_admin_active_within_the_limit_stays_signed_in(login, world, settings):
    settings.SIKAP_ADMIN_IDLE_MINUTES = 30
    client = login(world.kanwil_admin)
    client.get(reverse("workspace:home"))
    idle_for(client, 29)
    assert client.get(reverse("account")).status_code == 200
    assert client.session[LAST_SEEN] >= int(time.time()) - 5  # the request counted as activity


@pytest.mark.parametrize("persona", ["operator", "leader"])
def test_other_roles_keep_their_session(login, world, settings, persona):
    settings.SIKAP_ADMIN_IDLE_MINUTES = 30
    client = login(getattr(world, persona))
    client.get(reverse("workspace:home"))
    idle_for(client, 600)
    assert client.get(reverse("account")).status_code == 200
