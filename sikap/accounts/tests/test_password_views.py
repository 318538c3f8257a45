"""Every user changes its own password; a forgotten one is reset by an e-mailed link; both are audited."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from sikap.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
NEW = "Kopi-Tubruk-Panas-2026"


@pytest.mark.parametrize("persona", ["admin", "kanwil_admin", "operator", "leader"])
def test_every_role_reaches_the_password_change_from_the_home_page(login, world, persona):
    client = login(getattr(world, persona))
    home = client.get(reverse("workspace:home")).content.decode()
    assert f'href="{reverse("account")}"' in home
    account = client.get(reverse("account")).content.decode()
    assert f'href="{reverse("password_change")}"' in account
    assert f'href="{reverse("login_activity")}"' in account


def test_a_user_changes_its_own_password_and_it_is_audited(login, world, password):
    client = login(world.leader)
    page = client.post(
        reverse("password_change"), {"old_password": password, "new_password1": NEW, "new_password2": NEW}
    )
    assert page.status_code == 302
    world.leader.refresh_from_db()
    assert world.leader.check_password(NEW)
    event = AuditEvent.objects.get(action="user.set_password", object_id=str(world.leader.pk))
    assert event.actor_id == world.leader.pk
    assert event.reason == "diganti sendiri"
    assert client.get(reverse("account")).status_code == 200  # still signed in


def test_a_wrong_old_password_changes_nothing_and_says_so(login, world):
    client = login(world.operator)
    page = client.post(
        reverse("password_change"),
        {"old_password": "bukan-ini-123", "new_password1": NEW, "new_password2": NEW},
    )
    assert page.status_code == 200
    assert 'class="error"' in page.content.decode()
    world.operator.refresh_from_db()
    assert not world.operator.check_password(NEW)
    assert not AuditEvent.objects.filter(
        action="user.set_password", object_id=str(world.operator.pk)
    ).exists()


@pytest.mark.parametrize(
    ("url_name", "english"),
    [
        ("account", "My account"),
        ("password_change", "Change password"),
        ("login_activity", "Recent sign-ins"),
        ("two_factor", "Start setting up"),
    ],
)
def test_the_account_pages_speak_english_when_asked(login, world, url_name, english):
    client = login(world.kanwil_admin)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse(url_name)).content.decode()
    assert english in page
    text = re.sub(r"<[^>]+>", " ", page).lower()
    for indonesian in ("kata sandi", "akun saya", "masuk", "dua langkah", "aktivitas"):
        assert indonesian not in text


def test_the_signed_out_account_pages_speak_english_when_asked(client, world):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    for url_name, english in [("password_reset", "Forgotten password"), ("login", "Forgot your password?")]:
        page = client.get(reverse(url_name)).content.decode()
        assert english in page
        assert "kata sandi" not in page.lower()


def test_a_reset_link_is_mailed_and_sets_a_new_password(client, world):
    world.operator.email = "operator@example.go.id"
    world.operator.save()
    login_page = client.get(reverse("login")).content.decode()
    assert f'href="{reverse("password_reset")}"' in login_page
    done = client.post(reverse("password_reset"), {"email": "operator@example.go.id"})
    assert done.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/akun/atur-ulang/\S+/", mail.outbox[0].body).group(0)
    form = client.get(link, follow=True)
    assert form.status_code == 200
    confirm_url = form.redirect_chain[-1][0]
    saved = client.post(confirm_url, {"new_password1": NEW, "new_password2": NEW})
    assert saved.status_code == 302
    world.operator.refresh_from_db()
    assert world.operator.check_password(NEW)
    event = AuditEvent.objects.get(action="user.set_password", object_id=str(world.operator.pk))
    assert event.reason == "diatur ulang lewat tautan e-mail"
    assert client.get(confirm_url).content.decode().count("Minta tautan baru") >= 1  # used once only


def test_a_reset_request_never_tells_whether_the_address_exists(client, world):
    world.operator.email = "operator@example.go.id"
    world.operator.save()
    known = client.post(reverse("password_reset"), {"email": "operator@example.go.id"})
    unknown = client.post(reverse("password_reset"), {"email": "nobody@example.go.id"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mail.outbox) == 1


def test_reset_mails_to_one_address_stop_at_the_hours_limit_and_the_page_does_not_change(client, world):
    world.operator.email = "operator@example.go.id"
    world.operator.save()
    pages = [client.post(reverse("password_reset"), {"email": "operator@example.go.id"}) for _ in range(5)]
    assert len(mail.outbox) == 3  # SIKAP_RESET_PER_EMAIL_HOUR
    assert {(page.status_code, page["Location"]) for page in pages} == {(302, reverse("password_reset_done"))}


def test_one_client_cannot_send_more_reset_requests_than_the_hours_limit(client, world):
    world.operator.email = "operator@example.go.id"
    world.operator.save()
    for n in range(10):  # SIKAP_RESET_PER_CLIENT_HOUR, spent on addresses nobody has
        client.post(reverse("password_reset"), {"email": f"nobody{n}@example.go.id"})
    client.post(reverse("password_reset"), {"email": "operator@example.go.id"})
    assert len(mail.outbox) == 0
    data = {"email": "operator@example.go.id"}
    other = client.post(reverse("password_reset"), data, REMOTE_ADDR="10.9.8.7")
    assert other.status_code == 302 and len(mail.outbox) == 1  # another client is not held back


@pytest.mark.parametrize("junk", ["", "bukan-email", "a" * 300 + "@x.id", "\x00@x.id"])
def test_a_bad_reset_address_gets_a_message_not_an_error(client, world, junk):
    page = client.post(reverse("password_reset"), {"email": junk})
    assert page.status_code in (200, 302)
    assert len(mail.outbox) == 0


def test_a_broken_reset_link_says_so(client, world):
    page = client.get(reverse("password_reset_confirm", args=["Mg", "set-password"]))
    assert page.status_code == 200
    assert "tidak berlaku lagi" in page.content.decode()
