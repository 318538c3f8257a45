"""An operator on a 360 px phone reaches the import page from the home page by the menu, uploads a file over
the row threshold, and follows its background import to the result, in Indonesian and in English."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from sikap.responses import import_jobs
from sikap.responses.models import ImportJob, Submission

from .test_workspace_menu import log_in, section_summary

pytestmark = pytest.mark.browser


def rows(n: int) -> bytes:
    today = timezone.localdate()
    days = [(today - datetime.timedelta(days=d % 20)).isoformat() for d in range(n)]
    return b"tanggal,U1,U2\n" + b"".join(f"{day},4,3\n".encode() for day in days)


def test_a_large_import_is_followed_on_a_phone_to_its_result(phone, survey, world, settings, artifacts):
    settings.SIKAP_IMPORT_INLINE_ROWS = 10
    page = phone.new_page()
    log_in(page, survey, world.operator.username)
    menu = page.get_by_role("navigation", name="Menu utama")
    section_summary(menu, "Survei").click()
    menu.get_by_role("link", name="Impor berkas", exact=True).click()
    form = page.locator("form[enctype='multipart/form-data']")
    form.get_by_label("Unit").select_option(str(world.division.pk))
    form.get_by_label("Periode").select_option(str(survey.campaign.period.pk))
    form.get_by_label("Berkas XLSX atau CSV").set_input_files(
        {"name": "besar.csv", "mimeType": "text/csv", "buffer": rows(40)}
    )
    form.get_by_role("button", name="Impor", exact=True).click()
    page.wait_for_url("**/operator/impor/tugas/*/")
    assert "Dalam antrean" in page.content()
    assert not Submission.objects.exists()  # the request returned at once; the worker has not run
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(artifacts / "phone-360-import-job-queued.png"), full_page=True)
    import_jobs.run_import_job.call(ImportJob.objects.get().pk)
    page.reload()
    assert "40 baris tersimpan" in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(artifacts / "phone-360-import-job-done.png"), full_page=True)
    page.get_by_role("button", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert "40 rows saved" in page.content()
    page.screenshot(path=str(artifacts / "phone-360-import-job-done-en.png"), full_page=True)
    assert Submission.objects.filter(unit=world.division).count() == 40
