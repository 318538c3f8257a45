"""A large XLSX or .sav export runs as a background job; only the user who asked may download it."""

from __future__ import annotations

import io

import pyreadstat
import pytest
from openpyxl import load_workbook

from sikap.audit.models import AuditEvent
from sikap.reports.models import ReportJob
from sikap.reports.tests.test_export_fixtures import Survey
from sikap.testing.factories import World

pytestmark = pytest.mark.django_db
URL = "/laporan/ekspor/"


@pytest.fixture(autouse=True)
def immediate_tasks(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SIKAP_EXPORT_INLINE_ROWS = 3  # the survey has 5 + 2 submissions


def post(client, unit, survey: Survey, fmt: str, **fields):  # type: ignore[no-untyped-def]
    data = {"unit": unit.code, "period": survey.campaign.period.pk, "format": fmt, "free_text": "on"}
    return client.post(URL, {**data, **fields})


def test_a_large_xlsx_export_becomes_a_job_with_the_same_rows(world: World, survey: Survey, login) -> None:
    client = login(world.admin)
    response = post(client, world.ministry, survey, "xlsx")
    job = ReportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/laporan/tugas/{job.pk}/"
    assert (job.kind, job.format, job.status, job.percent) == ("responses", "xlsx", "done", 100)
    assert job.options == {"instrument": "", "statuses": ["accepted"], "free_text": True}
    page = client.get(response["Location"]).content.decode()
    assert "Unduh data" in page and "hanya dapat diunduh oleh Anda" in page
    download = client.get(f"/laporan/tugas/{job.pk}/berkas/")
    assert download.status_code == 200 and download["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(b"".join(download.streaming_content)), read_only=True)["Data"]
    values = list(sheet.values)
    assert values[0][:3] == ("no", "unit_code", "unit_name")
    assert len(values) == 1 + 3 + 2  # accepted only: three in Jawa Barat, two in Bali
    assert AuditEvent.objects.filter(action="responses.exported").count() == 1


def test_small_exports_still_come_at_once(world: World, survey: Survey, login) -> None:
    response = post(login(world.kanwil_admin), world.division, survey, "xlsx")  # three accepted rows
    assert response.status_code == 200 and not ReportJob.objects.exists()


def test_a_large_sav_job_keeps_the_choices(world: World, survey: Survey, login, tmp_path) -> None:
    client = login(world.admin)
    post(client, world.ministry, survey, "sav", with_suspect="on", instrument="SKM", free_text="")
    job = ReportJob.objects.get()
    assert job.options == {"instrument": "SKM", "statuses": ["accepted", "suspect"], "free_text": False}
    path = tmp_path / "out.sav"
    path.write_bytes(b"".join(client.get(f"/laporan/tugas/{job.pk}/berkas/").streaming_content))
    frame, _meta = pyreadstat.read_sav(str(path))
    assert len(frame) == 6 and "SKM_U1" in frame.columns and "SPKP_K1" not in frame.columns
    assert "suggestion" not in frame.columns


def test_nobody_else_sees_the_job_or_its_file(world: World, survey: Survey, login) -> None:
    post(login(world.admin), world.ministry, survey, "xlsx")
    job = ReportJob.objects.get()
    other = login(world.leader)  # may read the whole ministry, but did not ask for this file
    assert other.get(f"/laporan/tugas/{job.pk}/").status_code == 404
    assert other.get(f"/laporan/tugas/{job.pk}/berkas/").status_code == 404
    assert job.pk not in [j.pk for j in other.get(f"/laporan/unit/{world.ministry.code}/").context["jobs"]]
