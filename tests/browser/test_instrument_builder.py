"""A central admin clicks from the home page to the instrument builder, copies the SKM into a draft, adds an
element with its own labels per point, and opens the preview as a respondent would see it. Pictures of the
builder at a laptop's and a phone's width go to test-artifacts/ (not in git) for a look."""

from __future__ import annotations

from typing import Any

import pytest

from sikap.instruments.models import Element

from .test_workspace_menu import log_in

pytestmark = pytest.mark.browser
PHONE_360 = {"viewport": {"width": 360, "height": 800}, "is_mobile": True, "has_touch": True}
LAPTOP = {"viewport": {"width": 1366, "height": 768}}


def test_an_admin_adds_an_element_and_previews_the_draft(new_context, survey, world, artifacts):
    page = new_context(LAPTOP).new_page()
    log_in(page, survey, world.admin.username)
    menu = page.get_by_role("navigation", name="Menu utama")
    menu.locator("summary", has_text="Instrumen").click()
    menu.get_by_role("link", name="Instrumen survei", exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Instrumen survei"
    page.screenshot(path=str(artifacts / "builder-laptop-list.png"), full_page=True)

    skm = page.locator("section", has=page.get_by_role("heading", name="SKM — Survei Kepuasan Masyarakat"))
    skm.get_by_role("button", name="Draf baru dari versi 1").click()
    assert "Draf versi 2 dibuat." in page.locator(".messages").inner_text()
    page.get_by_role("link", name="Tambah unsur").click()
    page.locator("#id_code").fill("U10")
    page.locator("#id_name").fill("Kebersihan ruang tunggu")
    page.locator("#id_question").fill("Bagaimana kebersihan ruang tunggu?")
    for point, label in enumerate(["Kotor", "Kurang bersih", "Bersih", "Sangat bersih"], start=1):
        page.get_by_label(f"Titik {point}", exact=True).fill(label)
    page.get_by_label("Titik 4 (Inggris)").fill("Very clean")
    page.screenshot(path=str(artifacts / "builder-laptop-element.png"), full_page=True)
    page.get_by_role("button", name="Simpan unsur").click()
    assert "Unsur U10 tersimpan." in page.locator(".messages").inner_text()
    assert Element.objects.get(code="U10", version__number=2).labels[-1] == "Sangat bersih"
    page.screenshot(path=str(artifacts / "builder-laptop-version.png"), full_page=True)

    page.get_by_role("link", name="Pratinjau formulir").click()
    assert page.get_by_text("Pratinjau — jawaban tidak disimpan").first.is_visible()
    assert page.get_by_text("Bagaimana kebersihan ruang tunggu?").is_visible()
    assert page.get_by_role("button", name="Kirim penilaian").is_disabled()
    page.get_by_role("link", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_text("Very clean").count() == 1
    page.screenshot(path=str(artifacts / "builder-laptop-preview-en.png"), full_page=True)
    _phone_pictures(new_context, survey, world, artifacts)


def _phone_pictures(new_context: Any, survey: Any, world: Any, artifacts: Any) -> None:
    """Every builder page at 360 px: pictures, and the page never wider than the screen."""
    from django.urls import reverse

    from sikap.instruments.models import InstrumentVersion

    draft = InstrumentVersion.objects.get(instrument__code="SKM", number=2)
    element = draft.elements.get(code="U10")
    sex = draft.fields.get(code="sex")
    page = new_context(PHONE_360).new_page()
    log_in(page, survey, world.admin.username)
    pages = {
        "list": reverse("builder:index"),
        "version": reverse("builder:version", args=[draft.pk]),
        "settings": reverse("builder:version_edit", args=[draft.pk]),
        "element": reverse("builder:element_edit", args=[draft.pk, element.pk]),
        "field": reverse("builder:field_edit", args=[draft.pk, sex.pk]),
        "translate": reverse("builder:translate", args=[draft.pk]),
        "preview": reverse("builder:preview", args=[draft.pk]),
    }
    for name, path in pages.items():
        page.goto(survey.url(path))
        width = page.evaluate("() => document.documentElement.scrollWidth")
        page.screenshot(path=str(artifacts / f"builder-phone-360-{name}.png"), full_page=True)
        assert width <= 360, (name, width)
