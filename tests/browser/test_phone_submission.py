"""A respondent scans the QR code with a phone, fills SKM + SPKP + SPAK and submits: stored exactly once."""

from __future__ import annotations

import pytest
from django.core.signals import request_started
from playwright.sync_api import expect

from .respondent import SUBMIT, THANKS, RequestLog, assert_stored_once, fill_form

pytestmark = pytest.mark.browser


@pytest.fixture
def server_posts():
    """The POSTs the server received, as the server saw them (not as the browser reported them)."""
    seen: list[str] = []

    def on_request(sender, environ, **kwargs):
        if environ["REQUEST_METHOD"] == "POST":
            seen.append(environ["PATH_INFO"])

    request_started.connect(on_request, weak=False)
    yield seen
    request_started.disconnect(on_request)


def test_a_phone_respondent_is_stored_once_after_a_double_tap_and_a_network_retry(
    phone, survey, server_posts
):
    page = phone.new_page()
    requests = RequestLog(survey.base_url).watch(page)
    posts = []
    page.on("request", lambda request: posts.append(request) if request.method == "POST" else None)

    page.goto(survey.form_url())
    answers = fill_form(page, survey.campaign, service=survey.service.name)
    # Two taps in a row on "Kirim penilaian": the second submits the same form again while the first POST
    # is on its way, so the server receives the same idempotency key twice.
    submit = page.get_by_role("button", name=SUBMIT)
    submit.evaluate("button => { button.click(); setTimeout(() => button.click(), 0); }")
    # (The first POST's navigation is aborted by the second, so poll the URL rather than await one load.)
    expect(page).to_have_url(survey.thanks_url(), timeout=10_000)
    expect(page.get_by_role("heading", level=1)).to_have_text(THANKS)
    assert server_posts == [survey.form_url().removeprefix(survey.base_url)] * 2, "not a double submission"
    assert_stored_once(survey.campaign, answers)

    # A network retry: the browser's exact POST (same cookies, key and CSRF token) sent once more.
    retry = phone.request.post(
        survey.form_url(),
        data=posts[-1].post_data,
        headers={"Content-Type": "application/x-www-form-urlencoded", "Origin": survey.base_url},
        max_redirects=0,
    )
    assert retry.status == 302
    assert retry.headers["location"] == survey.thanks_url().removeprefix(survey.base_url)
    page.reload()  # the thank-you page reloaded: a GET, nothing to store
    assert page.get_by_role("heading", level=1).inner_text() == THANKS
    assert_stored_once(survey.campaign, answers)

    assert requests.foreign() == [], "the form asked another host"
