"""Each role starts at its home page and reaches every page in its menu by clicking only, then comes back
through the menu; every page answers 200 with a heading and a breadcrumb trail."""

from __future__ import annotations

import random
import re

import pytest

from sikap.accounts.models import Membership
from sikap.indices.tests.helpers import random_submission
from sikap.testing.factories import PASSWORD, make_user

pytestmark = pytest.mark.browser

HOMES = {
    "admin": "Ikhtisar nasional",
    "kanwil_admin": "Pekerjaan wilayah hari ini",
    "operator": "Pekerjaan hari ini",
    "leader": "Dasbor pimpinan",
    "evaluator": "Penugasan evaluasi",
}


def log_in(page, survey, username: str) -> None:
    page.goto(survey.url("/akun/masuk/"))
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(survey.url("/"))


def section_summary(menu, section: str):  # type: ignore[no-untyped-def]
    """The menu section named exactly `section` ("Survei" is not "Survei internal")."""
    return menu.locator("summary").filter(has_text=re.compile(rf"^\s*{re.escape(section)}\s*$"))


def menu_entries(page) -> list[tuple[str, str, str]]:
    """(section, link label, href) of every entry in the menu, read from the page."""
    return page.evaluate(
        """() => [...document.querySelectorAll("nav.menu details")].flatMap(d =>
            [...d.querySelectorAll("a")].map(a => [
                d.querySelector("summary").textContent.trim(),
                a.textContent.trim(),
                a.getAttribute("href"),
            ]))"""
    )


@pytest.mark.parametrize("persona", list(HOMES))
def test_each_role_reaches_every_page_of_its_menu_by_clicking(desktop, survey, world, persona):
    rng = random.Random(5)
    for _ in range(4):
        random_submission(survey.campaign, world.division, rng)
    if persona == "evaluator":
        user = make_user("evaluator.jabar", (world.kanwil, Membership.Role.EVALUATOR))
    else:
        user = getattr(world, persona)
    page = desktop.new_page()
    log_in(page, survey, user.username)
    assert page.get_by_role("heading", level=1).inner_text() == HOMES[persona]
    menu = page.get_by_role("navigation", name="Menu utama")
    entries = menu_entries(page)
    assert len(entries) >= 8
    seen = set()
    for section, label, href in entries:
        section_summary(menu, section).click()
        with page.expect_navigation() as opened:
            menu.get_by_role("link", name=label, exact=True).click()
        response = opened.value
        assert response is not None and response.status == 200, (label, href)
        assert page.url == survey.url(href), (label, page.url)
        assert page.locator("h1").first.inner_text().strip(), (label, href)
        assert page.get_by_role("navigation", name="Jejak").first.is_visible(), (label, href)
        seen.add(href)
        menu.get_by_role("link", name="Beranda", exact=True).click()
        page.wait_for_url(survey.url("/"))
        assert page.get_by_role("heading", level=1).inner_text() == HOMES[persona]
    assert seen == {href for _, _, href in entries}
    writes = {"/operator/tinjau/", "/operator/impor/", "/operator/kertas/", "/operator/kode-layanan/"}
    if persona in ("leader", "evaluator"):
        assert not seen & writes
    else:
        assert writes <= seen
