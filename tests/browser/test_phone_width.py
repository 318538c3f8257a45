"""Every signed-in page fits a 360 x 800 phone: the document is never wider than the screen (WCAG 1.4.10
reflow). Wide tables scroll inside their own box; the page itself never scrolls sideways.

Each role starts at its home page, opens every entry of its menu by clicking (as the menu walk does), and
also visits a unit's index and dashboard pages, where the charts are drawn.
"""

from __future__ import annotations

import random
from typing import Any

import pytest
from django.urls import reverse

from sikap.accounts.models import Membership
from sikap.indices.tests.helpers import random_submission
from sikap.indices.tests.internal_helpers import answer, ilk_everywhere, internal_campaign
from sikap.responses.models import Submission
from sikap.testing.factories import make_user

from .test_workspace_menu import HOMES, log_in, menu_entries, section_summary

pytestmark = pytest.mark.browser

SHOTS = {  # pages saved as pictures for a look (test-artifacts/, not in git)
    ("admin", "/dasbor/"): "phone-360-ministry-board.png",
    ("operator", "/operator/jawaban/"): "phone-360-operator-responses.png",
    ("kanwil_admin", "/tindak-lanjut/wilayah/"): "phone-360-followup-region.png",
    ("kanwil_admin", "/survei-internal/hasil/ilk/"): "phone-360-ilk-kanwil.png",
}
PHONE_360 = {"viewport": {"width": 360, "height": 800}, "is_mobile": True, "has_touch": True}

# The outermost elements that stick out past the right edge of the screen, outside any box that scrolls or
# clips on its own: those are what make the page scroll sideways. Each as a short CSS path.
OFFENDERS = """() => {
  const width = document.documentElement.clientWidth;
  const clips = el => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== "visible") return true;
    }
    return false;
  };
  // A closed <details> keeps its content laid out (hidden, not counted in the page's width): skip it.
  const sticksOut = el => el.checkVisibility() && el.getBoundingClientRect().right > width + 0.5;
  const name = el => {
    let s = el.tagName.toLowerCase();
    if (el.id) return s + "#" + el.id;
    if (el.classList.length) s += "." + [...el.classList].join(".");
    return s;
  };
  const path = el => {
    const parts = [];
    for (let e = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
      parts.unshift(name(e));
    }
    return parts.join(" > ");
  };
  const all = [...document.body.querySelectorAll("*")].filter(sticksOut);
  const outermost = all.filter(el => !clips(el) && !(el.parentElement && sticksOut(el.parentElement)
      && el.parentElement !== document.body && !clips(el.parentElement)));
  // None outside a scrolling box: then a box that should clip does not; name what sticks out anyway.
  return (outermost.length ? outermost : all).slice(0, 5)
    .map(el => path(el) + " (right " + Math.round(el.getBoundingClientRect().right) + " px)");
}"""


def measure(page: Any) -> tuple[int, list[str]]:
    """The document's width and, when wider than the screen, what sticks out."""
    page.wait_for_load_state("load")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    return width, (page.evaluate(OFFENDERS) if width > 360 else [])


@pytest.mark.parametrize("persona", list(HOMES))
def test_every_page_of_each_role_fits_a_360_pixel_phone(new_context, survey, world, persona, artifacts):
    rng = random.Random(5)
    for _ in range(6):
        random_submission(survey.campaign, world.division, rng)
    internal = internal_campaign(
        [world.kanwil, world.division], ("ILK", "INTEGRITAS"), period=survey.campaign.period
    )
    for value in (2, 3, 3, 4, 4):
        answer(internal, world.division, ilk_everywhere(value), perspektif="pengguna")
        answer(internal, world.division, {}, code="INTEGRITAS", every=value)
    if persona == "evaluator":
        user = make_user("evaluator.jabar", (world.kanwil, Membership.Role.EVALUATOR))
    else:
        user = getattr(world, persona)
    page = new_context(PHONE_360).new_page()
    log_in(page, survey, user.username)
    widths: dict[str, int] = {}
    wide: list[str] = []

    def check(where: str) -> None:
        width, offenders = measure(page)
        widths[where] = width
        if width > 360:
            wide.append(f"{where}: {width} px; {'; '.join(offenders) or 'no single element found'}")

    check("/")
    menu = page.get_by_role("navigation", name="Menu utama")
    entries = menu_entries(page)
    assert entries
    section_summary(menu, entries[0][0]).click()  # an open section must fit too
    check("/ (menu open)")
    page.screenshot(path=str(artifacts / f"phone-360-home-{persona}.png"))
    section_summary(menu, entries[0][0]).click()  # closed again, as the walk expects
    for section, label, href in entries:
        section_summary(menu, section).click()
        with page.expect_navigation():
            menu.get_by_role("link", name=label, exact=True).click()
        check(href)
        if (persona, href) in SHOTS:
            page.screenshot(path=str(artifacts / SHOTS[persona, href]), full_page=True)
        menu.get_by_role("link", name="Beranda", exact=True).click()
        page.wait_for_url(survey.url("/"))
    for name in ("unit_index", "dashboard_unit"):
        path = reverse(name, args=[world.division.code])
        response = page.goto(survey.url(path))
        assert response is not None and response.status == 200, path
        if name == "dashboard_unit":
            page.wait_for_function("() => (window.sikapCharts || []).length > 0")
            shot = artifacts / f"phone-360-dashboard-{persona}.png"
            page.screenshot(path=str(shot), full_page=True)
        check(path)
    # Pages a click or two below the menu, where a role may open them (others answer 403 or 404).
    submission = Submission.objects.filter(unit=world.division).first()
    assert submission is not None
    for name, arg in (
        ("internal_results:ilk_unit", world.division.code),
        ("internal_results:ilk_unit", world.kanwil.code),
        ("internal_results:integrity_unit", world.division.code),
        ("campaign_detail", survey.campaign.pk),
        ("operator:submission", submission.pk),
        ("followup:unit", world.division.code),
        ("publication:manage", world.division.code),
        ("publication:unit", world.division.code),
        ("unit_detail", world.division.code),
    ):
        path = reverse(name, args=[arg])
        response = page.goto(survey.url(path))
        assert response is not None and response.status in (200, 403, 404), path
        if response.status == 200:
            check(path)
    (artifacts / f"phone-360-widths-{persona}.txt").write_text(
        "".join(f"{width}\t{where}\n" for where, width in widths.items())
    )
    assert not wide, "pages wider than a 360 px phone:\n" + "\n".join(wide)
