"""Optional two-factor login for admin roles: set-up with a QR code, a code after the password, recovery."""

import time

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from sikap.accounts import actions
from sikap.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def code_of(device: TOTPDevice, steps_ahead: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def set_up(user) -> tuple[TOTPDevice, list[str]]:
    device = actions.start_two_factor(user, user)
    codes = actions.confirm_two_factor(user, user, code_of(device))
    device.refresh_from_db()
    return device, codes


def test_an_admin_sets_it_up_from_its_account_page_with_a_qr_code(login, world):
    client = login(world.kanwil_admin)
    assert f'href="{reverse("two_factor")}"' in client.get(reverse("account")).content.decode()
    started = client.post(reverse("two_factor"), {"step": "start"}).content.decode()
    assert "<svg" in started
    device = TOTPDevice.objects.get(user=world.kanwil_admin)
    wrong = client.post(reverse("two_factor"), {"step": "confirm", "code": "000000"}).content.decode()
    assert "Kode tidak cocok" in wrong
    assert not TOTPDevice.objects.get(pk=device.pk).confirmed
    done = client.post(reverse("two_factor"), {"step": "confirm", "code": code_of(device)}).content.decode()
    assert done.count("<code>") == 10  # backup codes, shown once
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert AuditEvent.objects.filter(
        action="user.two_factor_enable", object_id=str(world.kanwil_admin.pk)
    ).exists()


def test_other_roles_neither_see_nor_open_the_set_up(login, world):
    client = login(world.operator)
    assert reverse("two_factor") not in client.get(reverse("account")).content.decode()
    assert client.get(reverse("two_factor")).status_code == 403
    assert client.post(reverse("two_factor"), {"step": "start"}).status_code == 403
    assert not TOTPDevice.objects.exists()


def test_with_a_device_the_password_alone_does_not_sign_in(client, world, password):
    device, _codes = set_up(world.kanwil_admin)
    step = client.post(reverse("login"), {"username": "admin.jabar", "password": password})
    assert step["Location"] == reverse("login_code")
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("workspace:home")).status_code == 302
    wrong = client.post(reverse("login_code"), {"code": "123456"})
    assert "Kode tidak cocok" in wrong.content.decode()
    assert "_auth_user_id" not in client.session
    time.sleep(1.1)  # django-otp throttles a device for a second after a wrong code
    right = client.post(reverse("login_code"), {"code": code_of(device, 1)})
    assert right.status_code == 302
    assert client.session["_auth_user_id"] == str(world.kanwil_admin.pk)


def test_a_backup_code_works_once(client, world, password):
    _device, codes = set_up(world.kanwil_admin)
    client.post(reverse("login"), {"username": "admin.jabar", "password": password})
    assert client.post(reverse("login_code"), {"code": codes[0]}).status_code == 302
    client.post(reverse("logout"))
    client.post(reverse("login"), {"username": "admin.jabar", "password": password})
    client.post(reverse("login_code"), {"code": codes[0]})
    assert "_auth_user_id" not in client.session


def test_too_many_wrong_codes_send_back_to_the_password(client, world, password):
    device, _codes = set_up(world.kanwil_admin)
    client.post(reverse("login"), {"username": "admin.jabar", "password": password})
    for _ in range(5):
        last = client.post(reverse("login_code"), {"code": "999999"})
    assert last["Location"] == reverse("login")
    assert client.post(reverse("login_code"), {"code": code_of(device, 1)})["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("junk", ["", " ", "x" * 5000, "12 34 56", "'; drop table x", "\x00"])
def test_any_code_input_gets_a_page_not_an_error(client, world, password, junk):
    set_up(world.kanwil_admin)
    client.post(reverse("login"), {"username": "admin.jabar", "password": password})
    assert client.post(reverse("login_code"), {"code": junk}).status_code == 200
    assert "_auth_user_id" not in client.session


def test_the_code_page_without_a_password_step_sends_to_login(client, world):
    assert client.get(reverse("login_code"))["Location"] == reverse("login")


def test_users_without_a_device_sign_in_as_before(client, world, password):
    response = client.post(reverse("login"), {"username": "pimpinan", "password": password})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(world.leader.pk)


def test_the_owner_removes_it_with_its_password(login, world, password):
    set_up(world.kanwil_admin)
    client = login(world.kanwil_admin)
    client.post(reverse("two_factor"), {"step": "remove", "password": "salah-123"})
    assert TOTPDevice.objects.filter(user=world.kanwil_admin).exists()
    client.post(reverse("two_factor"), {"step": "remove", "password": password})
    assert not TOTPDevice.objects.filter(user=world.kanwil_admin).exists()
    assert AuditEvent.objects.filter(
        action="user.two_factor_remove", object_id=str(world.kanwil_admin.pk)
    ).exists()


def test_a_central_admin_resets_a_lost_phone_and_it_is_audited(login, world):
    set_up(world.kanwil_admin)
    client = login(world.admin)
    world.admin.is_superuser = True
    world.admin.save()
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_two_factor", "_selected_action": [world.kanwil_admin.pk]},
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=world.kanwil_admin).exists()
    event = AuditEvent.objects.get(action="user.two_factor_remove")
    assert event.actor_id == world.admin.pk
    assert event.reason == "diatur ulang oleh admin pusat"


def test_a_regional_admin_cannot_reset_another_users_device(world):
    set_up(world.admin)
    with pytest.raises(Exception, match="admin pusat"):
        actions.remove_two_factor(world.kanwil_admin, world.admin)
    assert TOTPDevice.objects.filter(user=world.admin).exists()


def test_the_admin_site_signs_in_through_the_two_factor_login(client, world):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("step", ["confirm", "remove", "nonsense", ""])
def test_any_set_up_post_out_of_order_gets_a_page_not_an_error(login, world, step):
    client = login(world.kanwil_admin)
    page = client.post(reverse("two_factor"), {"step": step, "code": "123456", "password": "x" * 5000})
    assert page.status_code in (200, 302)
    assert not TOTPDevice.objects.filter(user=world.kanwil_admin, confirmed=True).exists()
    if step == "confirm":
        assert "Mulai lagi" in page.content.decode()
