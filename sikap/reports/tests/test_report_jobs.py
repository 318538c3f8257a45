"""Background report jobs: a Kanwil report runs as a task, keeps its progress, and ends with a file."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from sikap.indices.tests.helpers import answered_campaign
from sikap.reports import actions, documents, tasks
from sikap.reports.models import ReportJob
from sikap.testing.factories import make_unit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def immediate_tasks(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def campaign(world):
    second = make_unit("kanwil-jabar-ahu", parent=world.kanwil, name="Bidang AHU Jawa Barat")
    return answered_campaign([(world.division, 5), (second, 4), (world.other_division, 3)], seed=4)


def test_a_kanwil_report_job_reaches_done_with_a_file(world, campaign, login, settings):
    client = login(world.kanwil_admin)
    form = {"kind": "skm", "format": "pdf", "period": campaign.period.pk, "subtree": "on"}
    response = client.post(f"/laporan/unit/{world.kanwil.code}/", form)
    job = ReportJob.objects.get()
    assert response["Location"] == f"/laporan/tugas/{job.pk}/"
    assert (job.status, job.percent, job.error, job.finished_at is not None) == ("done", 100, "", True)
    assert job.task_id and job.file.name.startswith("reports/")
    assert (settings.MEDIA_ROOT / job.file.name).is_file()
    page = client.get(response["Location"]).content.decode()
    assert "http-equiv" not in page and f"/laporan/tugas/{job.pk}/berkas/" in page
    download = client.get(f"/laporan/tugas/{job.pk}/berkas/")
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]
    text = " ".join(
        p.extract_text() for p in PdfReader(io.BytesIO(b"".join(download.streaming_content))).pages
    )
    assert "Bidang AHU Jawa Barat" in text and "Bidang KI Jawa Barat" in text and "Bali" not in text


def test_the_file_is_served_only_to_users_who_can_view_the_unit(world, campaign, login):
    job = tasks.request_report(
        world.admin, kind="skm", fmt="xlsx", unit=world.kanwil, period=campaign.period, subtree=True
    )
    assert job.status == "done"
    url = f"/laporan/tugas/{job.pk}/berkas/"
    assert login(world.outsider).get(url).status_code == 404
    assert login(world.operator).get(url).status_code == 404  # the operator sees one division only
    response = login(world.leader).get(url)
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    units = [r[0] for r in book["Ringkasan"].iter_rows(values_only=True)]
    assert "Bidang AHU Jawa Barat" in units and "Bidang KI Jawa Barat" in units


def test_progress_is_stored_while_the_report_is_built(world, campaign, monkeypatch):
    seen: list[tuple[str, int]] = []
    real = actions._update

    def spy(job_id, **fields):
        real(job_id, **fields)
        row = ReportJob.objects.get(pk=job_id)
        seen.append((row.status, row.percent))

    monkeypatch.setattr(actions, "_update", spy)
    job = tasks.request_report(
        world.admin, kind="spkp-spak", fmt="pdf", unit=world.ministry, period=campaign.period, subtree=True
    )
    assert job.status == "done"
    running = [percent for status, percent in seen if status == "running"]
    assert running[0] == 1 and running == sorted(running) and 1 < running[-1] < 100
    assert seen[-1] == ("done", 100)


def test_a_failing_build_marks_the_job_failed_with_the_reason(world, campaign, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("renderer exploded")

    monkeypatch.setitem(documents.REPORTS, "skm", (broken, {}))
    job = tasks.request_report(
        world.admin, kind="skm", fmt="pdf", unit=world.kanwil, period=campaign.period, subtree=True
    )
    assert (job.status, job.error, bool(job.file)) == ("failed", "renderer exploded", False)


def test_a_job_already_taken_is_not_built_twice(world, campaign):
    job = tasks.request_report(
        world.admin, kind="skm", fmt="xlsx", unit=world.kanwil, period=campaign.period, subtree=True
    )
    assert tasks.build_report_job.call(job.pk) == "done"
    job.refresh_from_db()
    assert job.status == "done"
