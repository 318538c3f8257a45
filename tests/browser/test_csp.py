"""Under the Content-Security-Policy the dashboards draw and the public form works, without one violation."""

from __future__ import annotations

import random
from typing import Any

import pytest
from playwright.sync_api import expect

from sikap.indices.tests.helpers import random_submission
from sikap.testing.factories import PASSWORD

from .respondent import SUBMIT, THANKS, fill_form

pytestmark = pytest.mark.browser

# Every violation is reported twice over: as an event in the page and as a console error.
WATCH = """window.__csp = [];
document.addEventListener("securitypolicyviolation",
    e => window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline")));"""


def watched(context: Any) -> tuple[Any, list[str]]:
    context.add_init_script(WATCH)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda error: console.append(str(error)))
    return page, console


def violations(page: Any, console: list[str]) -> list[str]:
    return [*page.evaluate("window.__csp"), *console]


def test_the_dashboards_draw_under_the_policy_without_a_violation(desktop, survey, world):
    rng = random.Random(7)
    for i in range(24):
        random_submission(survey.campaign, world.division, rng, service=survey.service if i % 3 else None)
    page, console = watched(desktop)
    response = page.goto(survey.url("/akun/masuk/?next=/dasbor/"))
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.get_by_label("Nama pengguna").fill(world.admin.username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(survey.url("/dasbor/"))
    for link in (None, "Kanwil Jawa Barat", "Bidang KI Jawa Barat"):
        if link:
            page.get_by_role("link", name=link, exact=True).click()
            page.wait_for_load_state()
        page.wait_for_function("window.sikapCharts && window.sikapCharts.length > 0")
        # The chart's height comes from data-height (no style attribute under the policy).
        heights = page.evaluate(
            "[...document.querySelectorAll('.chart-box:not([hidden])')].map(b => b.offsetHeight)"
        )
        assert heights and all(h > 100 for h in heights), heights
        assert violations(page, console) == [], page.url
    page.goto(survey.url("/indeks/"))
    page.goto(survey.url("/tidak-ada-halaman-ini/"))
    assert page.get_by_role("heading", level=1).inner_text() == "Halaman tidak ditemukan"
    assert violations(page, console) == []


def test_the_public_form_works_on_a_phone_under_the_policy(phone, survey):
    page, console = watched(phone)
    response = page.goto(survey.form_url())
    assert "default-src 'self'" in response.headers["content-security-policy"]
    fill_form(page, survey.campaign, service=survey.service.name)
    page.get_by_role("button", name=SUBMIT).click()
    expect(page).to_have_url(survey.thanks_url(), timeout=10_000)
    expect(page.get_by_role("heading", level=1)).to_have_text(THANKS)
    assert violations(page, console) == []
