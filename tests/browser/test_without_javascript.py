"""With JavaScript switched off the form works the same: fill, send, thank-you page, stored once."""

from __future__ import annotations

import pytest

from .conftest import PHONE
from .respondent import SUBMIT, THANKS, RequestLog, assert_stored_once, fill_form

pytestmark = pytest.mark.browser


def test_a_browser_without_javascript_sends_the_form_and_asks_no_other_host(new_context, survey):
    context = new_context(PHONE, java_script_enabled=False)
    page = context.new_page()
    requests = RequestLog(survey.base_url).watch(page)
    page.goto(survey.form_url())
    assert page.evaluate("() => 1") == 1  # Playwright's own probe still runs; the page's scripts do not
    assert page.locator("script").count() == 0

    answers = fill_form(page, survey.campaign, service=survey.service.name)
    page.get_by_role("button", name=SUBMIT).click()

    page.wait_for_url(survey.thanks_url())
    assert page.get_by_role("heading", level=1).inner_text() == THANKS
    assert_stored_once(survey.campaign, answers)
    assert requests.foreign() == [], "the form asked another host"
    assert any(url.endswith(".css") for url in requests), "the stylesheet was not loaded"
