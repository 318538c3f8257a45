"""PEKPPP clicked through as people do it: the unit fills its F-01 with an evidence file and submits it;
the evaluator scores its aspect against the rubric (the suggested level is offered) and finalises; the
validator confirms the lokus."""

from __future__ import annotations

import pytest

from sikap.accounts.models import Membership
from sikap.pekppp import actions
from sikap.pekppp.models import Cycle, Evidence, Lokus, Score, SelfAssessment
from sikap.testing.factories import make_user

from .test_workspace_menu import log_in, section_summary

pytestmark = pytest.mark.browser
PHONE_360 = {"viewport": {"width": 360, "height": 800}, "is_mobile": True, "has_touch": True}
LAPTOP = {"viewport": {"width": 1366, "height": 768}}
R = Membership.Role


def test_f01_with_evidence_then_f02_against_the_rubric_then_validation(
    new_context, survey, world, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    cycle = actions.create_cycle(world.admin, year=2026, scheme=Cycle.Scheme.MANDIRI)
    lokus = actions.add_lokus(world.admin, cycle, world.division)
    evaluator = make_user("evaluator.inovasi", (world.ministry, R.EVALUATOR))
    others = make_user("evaluator.lain", (world.ministry, R.EVALUATOR))
    validator = make_user("validator.pusat", (world.ministry, R.VALIDATOR))
    actions.assign_evaluator(world.admin, lokus, evaluator, ["f"])
    actions.assign_evaluator(world.admin, lokus, others, ["a", "b", "c", "d", "e"])
    for indicator in lokus.indicators().exclude(aspect__code="f"):
        actions.set_level(others, lokus, indicator, 4)
    actions.finalise(others, lokus, ["a", "b", "c", "d", "e"])
    pdf = tmp_path / "sk-inovasi.pdf"
    pdf.write_bytes(b"%PDF-1.4 SK inovasi pelayanan")

    unit = new_context(PHONE_360).new_page()
    log_in(unit, survey, world.operator.username)
    menu = unit.get_by_role("navigation", name="Menu utama")
    section_summary(menu, "Evaluasi PEKPPP").click()
    menu.get_by_role("link", name="Siklus dan unit lokus").click()
    unit.get_by_role("link", name="Buka").first.click()
    unit.get_by_role("link", name="Penilaian mandiri (F-01)").click()
    unit.locator(f"#f-{lokus.indicators().get(number=29).pk}").set_input_files(str(pdf))
    unit.locator("#i29").get_by_role("button", name="Unggah", exact=True).click()
    assert "Bukti dukung diunggah" in unit.locator(".messages").inner_text()
    unit.locator("#i29").get_by_label("4: Mengikuti kompetisi").check()
    unit.locator("#i30").get_by_label("3: Dasar hukum dan 1 sumber daya", exact=False).check()
    unit.get_by_role("button", name="Kirim ke evaluator").click()
    assert "versi 1" in unit.locator(".messages").inner_text()
    assert SelfAssessment.objects.get(lokus=lokus).versions.count() == 1
    assert Evidence.objects.filter(self_assessment__lokus=lokus).count() == 1

    page = new_context(LAPTOP).new_page()
    log_in(page, survey, evaluator.username)
    page.get_by_role("link", name="f", exact=True).click()
    section = page.locator("#i29")
    assert section.locator(".suggested").inner_text() == "4"
    assert section.get_by_role("link", name="sk-inovasi", exact=False).count() == 1
    section.get_by_label("Catatan").fill("Mengikuti kompetisi inovasi provinsi")
    section.get_by_role("button", name="Simpan nilai").click()
    page.locator("#i30").get_by_role("radio").nth(3).check()
    page.locator("#i30").get_by_role("button", name="Simpan nilai").click()
    page.get_by_role("button", name="Finalisasi aspek f").click()
    assert "final" in page.locator(".messages").inner_text()
    assert sorted(
        Score.objects.filter(lokus=lokus, indicator__number__gte=29).values_list("level", flat=True)
    ) == [3, 4]

    check = new_context(LAPTOP).new_page()
    log_in(check, survey, validator.username)
    check.get_by_role("link", name="Buka").first.click()
    check.get_by_label("Catatan validasi").fill("Sesuai bukti")
    check.get_by_role("button", name="Validasi").click()
    assert "tervalidasi" in check.locator(".messages").inner_text()
    lokus.refresh_from_db()
    assert lokus.stage == Lokus.Stage.VALIDATED and lokus.validated_by == validator
