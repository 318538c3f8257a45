"""An admin on a 360 px phone reaches its account from the top bar, sets up two-step verification by
reading the key off the page, signs out and back in with a code; every account page fits the screen."""

from __future__ import annotations

import time
from base64 import b32decode
from typing import Any

import pytest
from django_otp.oath import TOTP

from sikap.testing.factories import PASSWORD

from .test_phone_width import PHONE_360, measure
from .test_workspace_menu import log_in

pytestmark = pytest.mark.browser


def code_for(secret: str, steps_ahead: int = 0) -> str:
    key = secret.replace(" ", "")
    totp = TOTP(b32decode(key + "=" * (-len(key) % 8)))
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def fits(page: Any, where: str) -> None:
    width, offenders = measure(page)
    assert width <= 360, f"{where}: {width} px; {offenders}"


def test_an_admin_sets_up_two_step_verification_on_a_phone(new_context, survey, world, artifacts):
    page = new_context(PHONE_360).new_page()
    log_in(page, survey, world.kanwil_admin.username)
    page.get_by_role("link", name=world.kanwil_admin.username).click()
    page.wait_for_url(survey.url("/akun/"))
    fits(page, "/akun/")
    for label in ("Ganti kata sandi", "Aktivitas masuk"):
        page.get_by_role("link", name=label, exact=True).click()
        page.wait_for_load_state("load")
        fits(page, label)
        page.go_back()
    page.get_by_role("link", name="Verifikasi dua langkah").click()
    page.get_by_role("button", name="Mulai memasang").click()
    page.wait_for_selector(".qr svg")
    fits(page, "QR code")
    page.screenshot(path=str(artifacts / "phone-360-two-factor-qr.png"), full_page=True)
    secret = page.locator(".qr figcaption code").inner_text()
    page.get_by_label("Kode verifikasi").fill(code_for(secret))
    page.get_by_role("button", name="Aktifkan").click()
    assert page.locator(".backup-codes li").count() == 10
    fits(page, "backup codes")
    page.get_by_role("button", name="Keluar").click()
    page.goto(survey.url("/akun/masuk/"))
    page.get_by_label("Nama pengguna").fill(world.kanwil_admin.username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(survey.url("/akun/masuk/kode/"))
    fits(page, "code page")
    page.get_by_label("Kode verifikasi").fill(code_for(secret, 1))
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(survey.url("/"))
    assert page.get_by_role("link", name=world.kanwil_admin.username).is_visible()


def test_a_forgotten_password_is_reset_from_the_login_page_in_english(new_context, survey, world):
    from django.core import mail

    world.operator.email = "operator@example.go.id"
    world.operator.save()
    page = new_context(PHONE_360).new_page()
    page.goto(survey.url("/akun/masuk/"))
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state("load")
    page.get_by_role("link", name="Forgot your password?").click()
    fits(page, "reset form")
    page.get_by_label("Email").fill("operator@example.go.id")
    page.get_by_role("button", name="Send the link").click()
    page.get_by_role("heading", name="Check your e-mail").wait_for()
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/akun/atur-ulang/" in line)
    page.goto(link.strip())
    page.locator("#id_new_password1").fill("Kopi-Tubruk-Panas-2026")
    page.locator("#id_new_password2").fill("Kopi-Tubruk-Panas-2026")
    fits(page, "new password form")
    page.get_by_role("button", name="Save the new password").click()
    page.get_by_role("heading", name="Password saved").wait_for()
    world.operator.refresh_from_db()
    assert world.operator.check_password("Kopi-Tubruk-Panas-2026")
