"""The filled form at 360 CSS pixels, saved as a picture for review (test-artifacts/, not in git)."""

from __future__ import annotations

import pytest

from .respondent import fill_form

pytestmark = pytest.mark.browser


def test_the_filled_form_fits_a_360_pixel_phone_and_is_saved_as_a_screenshot(phone, survey, artifacts):
    page = phone.new_page()
    page.goto(survey.form_url())
    fill_form(page, survey.campaign, service=survey.service.name)

    # Nothing wider than the screen: no sideways scrolling on a small phone (WCAG 1.4.10 reflow).
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    path = artifacts / "public-form-360px.png"
    path.unlink(missing_ok=True)
    page.screenshot(path=str(path), full_page=True)
    assert path.exists()
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert path.stat().st_size > 10_000
