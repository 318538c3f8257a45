"""The whole form can be filled and sent with the keyboard alone: Tab, arrow keys, Space and Enter."""

from __future__ import annotations

import pytest

from .respondent import PROFILE, SUGGESTION, THANKS, assert_stored_once, choices

pytestmark = pytest.mark.browser


def focused(page) -> dict:
    return page.evaluate(
        """() => { const e = document.activeElement;
        return {tag: e.tagName.toLowerCase(), name: e.name || "", type: e.type || "", value: e.value,
                checked: !!e.checked, text: e.innerText || ""}; }"""
    )


def tab_to(page, name: str, *, tag: str = "") -> dict:
    """Press Tab once; the focus must land on the control named `name` (the tab order is the form order)."""
    page.keyboard.press("Tab")
    now = focused(page)
    assert now["name"] == name, f"Tab landed on {now}, expected {name}"
    if tag:
        assert now["tag"] == tag
    return now


def choose_with_arrows(page, name: str, position: int) -> None:
    """In a radio group with nothing chosen: Space chooses the focused (first) option, arrows move on."""
    page.keyboard.press("Space")
    for _ in range(position - 1):
        page.keyboard.press("ArrowRight")
    now = focused(page)
    assert now["name"] == name and now["checked"], now


def select_with_arrows(page, name: str, value: str) -> None:
    """A closed <select>: each ArrowDown moves the selection one option down, without opening it."""
    steps = page.evaluate(
        "value => [...document.activeElement.options].findIndex(o => o.value === value)", value
    )
    assert steps > 0, f"{name} has no option {value!r}"
    for _ in range(steps):
        page.keyboard.press("ArrowDown")
    assert focused(page)["value"] == value, f"{name}: ArrowDown did not reach {value!r}"


def test_a_keyboard_user_fills_every_question_and_sends_the_form(desktop, survey):
    page = desktop.new_page()
    page.goto(survey.form_url())
    answers = choices(survey.campaign, low=True)  # options 1 and 2: Space, or Space then one arrow

    tab_to(page, "language")  # the language switch comes first, in the header
    tab_to(page, "service", tag="select")
    select_with_arrows(page, "service", str(survey.service.pk))
    for answer in answers:
        tab_to(page, answer.name)  # one Tab per question: a radio group is a single stop
        choose_with_arrows(page, answer.name, answer.position)
    tab_to(page, "age")
    page.keyboard.type(PROFILE["age"])
    tab_to(page, "sex")
    choose_with_arrows(page, "sex", 2)  # Laki-laki, Perempuan
    tab_to(page, "education", tag="select")
    select_with_arrows(page, "education", PROFILE["education"])
    tab_to(page, "occupation", tag="select")
    select_with_arrows(page, "occupation", PROFILE["occupation"])
    tab_to(page, "suggestion", tag="textarea")
    page.keyboard.type(SUGGESTION)
    tab_to(page, "complaint", tag="textarea")
    tab_to(page, "service_code", tag="input")
    button = tab_to(page, "", tag="button")
    assert button["text"] == "Kirim penilaian"
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.url == survey.thanks_url()
    assert page.get_by_role("heading", level=1).inner_text() == THANKS
    assert_stored_once(survey.campaign, answers)
