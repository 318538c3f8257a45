"""A central admin drills down from the ministry to a Kanwil, a unit and a service; charts draw on each."""

from __future__ import annotations

import random

import pytest

from sikap.indices.tests.helpers import random_submission
from sikap.testing.factories import PASSWORD

pytestmark = pytest.mark.browser

# Per canvas: the number of painted pixels, out of all of them (an undrawn canvas is fully transparent).
PAINTED = """() => [...document.querySelectorAll("canvas[data-chart]")].map(canvas => {
    const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++;
    return {chart: canvas.dataset.chart, painted, total: pixels.length / 4, shown: canvas.offsetHeight > 0};
})"""


def charts_drawn(page, artifacts, name: str) -> list[str]:
    """Wait for dashboard.js to draw, keep a screenshot, and check that every chart has painted pixels."""
    page.wait_for_function("window.sikapCharts && window.sikapCharts.length > 0")
    canvases = page.evaluate(PAINTED)
    page.screenshot(path=str(artifacts / f"dashboard-{name}.png"), full_page=True)
    assert canvases, "no chart on the page"
    assert page.evaluate("window.sikapCharts.length") == len(canvases)
    for canvas in canvases:
        assert canvas["shown"], canvas
        assert canvas["painted"] > canvas["total"] * 0.005, canvas  # more than axes' worth of ink
    # Drawn charts fold their tables away; the numbers stay one click (or one screen reader step) away.
    assert page.locator("details.chart-table[open]").count() < page.locator("details.chart-table").count()
    return [c["chart"] for c in canvases]


def test_a_central_admin_drills_down_from_the_ministry_to_a_service(desktop, survey, world, artifacts):
    rng = random.Random(41)
    for i in range(36):
        service = survey.service if i % 4 else None
        random_submission(survey.campaign, world.division, rng, service=service)
    page = desktop.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(survey.url("/akun/masuk/?next=/dasbor/"))
    page.get_by_label("Nama pengguna").fill(world.admin.username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(survey.url("/dasbor/"))
    assert page.get_by_role("heading", level=1).inner_text() == "Dasbor Kementerian Hukum"
    assert "chart-equity" in charts_drawn(page, artifacts, "ministry")

    page.get_by_role("link", name="Kanwil Jawa Barat", exact=True).click()
    page.wait_for_url(survey.url("/dasbor/kanwil-jabar/"))
    assert {"chart-elements", "chart-trend", "chart-progress"} <= set(charts_drawn(page, artifacts, "kanwil"))

    page.get_by_role("link", name="Bidang KI Jawa Barat", exact=True).click()
    page.wait_for_url(survey.url("/dasbor/kanwil-jabar-ki/"))
    assert "chart-group-service" in charts_drawn(page, artifacts, "unit")

    page.get_by_role("link", name=survey.service.name, exact=True).click()
    page.wait_for_url(survey.url(f"/dasbor/kanwil-jabar-ki/layanan/{survey.service.pk}/"))
    assert page.get_by_role("heading", level=1).inner_text() == f"Dasbor layanan {survey.service.name}"
    charts_drawn(page, artifacts, "service")
    assert page.get_by_role("img", name="Diagram batang nilai rata-rata", exact=False).count() == 1
    assert errors == []
