"""Kiosk mode on the counter's tablet: an empty form after each respondent and after two idle minutes."""

from __future__ import annotations

import pytest

from sikap.responses.forms_public import kiosk_signature, kiosk_url

from .respondent import PROFILE, SUBMIT, THANKS, assert_stored_once, fill_form

pytestmark = pytest.mark.browser


def form_state(page) -> dict:
    return page.evaluate(
        """() => ({key: document.querySelector("input[name=key]").value,
                  age: document.querySelector("input[name=age]").value,
                  checked: document.querySelectorAll("main input[type=radio]:checked").length})"""
    )


def test_the_kiosk_shows_an_empty_form_after_the_thank_you_page_and_after_two_idle_minutes(tablet, survey):
    link = survey.service_link
    kiosk = survey.url(kiosk_url(link))
    page = tablet.new_page()
    # kiosk.js's two-minute timer is a plain setTimeout: a controllable clock lets the test skip the wait.
    page.clock.install()
    page.goto(kiosk)
    first = form_state(page)
    answers = fill_form(page, survey.campaign, service=None)
    page.get_by_role("button", name=SUBMIT).click()

    page.wait_for_url(f"{survey.thanks_url(link)}?kiosk={kiosk_signature(link.token)}")
    assert page.get_by_role("heading", level=1).inner_text() == THANKS
    assert_stored_once(survey.campaign, answers, channel="kiosk")
    # The thank-you page returns by itself (a five-second meta refresh, no script needed).
    page.wait_for_url(kiosk, timeout=15_000)
    fresh = form_state(page)
    assert fresh == {"key": fresh["key"], "age": "", "checked": 0}
    assert fresh["key"] != first["key"]

    # The next respondent starts, then walks away. Scroll first, so that filling the two fields (both in
    # view) scrolls nothing: a late scroll event would restart kiosk.js's timer behind the test's back.
    page.evaluate(
        """() => new Promise(done => { addEventListener("scroll", () => done(), {once: true});
                                       scrollTo(0, document.body.scrollHeight); })"""
    )
    page.get_by_role("textbox", name="Usia (tahun)").fill(PROFILE["age"])
    page.clock.fast_forward("01:30")
    page.get_by_role("textbox", name="Saran").fill("Masih mengisi")  # any input restarts the two minutes
    page.clock.fast_forward("01:50")
    assert form_state(page)["age"] == PROFILE["age"], "reset while the respondent was still busy"
    with page.expect_navigation():
        page.clock.fast_forward("00:11")
    idle = form_state(page)
    assert idle == {"key": idle["key"], "age": "", "checked": 0}
    assert idle["key"] != fresh["key"]
    assert page.get_by_role("textbox", name="Saran").input_value() == ""
    assert_stored_once(survey.campaign, answers, channel="kiosk")  # the abandoned form stored nothing
