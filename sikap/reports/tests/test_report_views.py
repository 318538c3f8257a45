"""The report page: scoped by access (outsiders 404), one unit downloaded at once, a subtree queued."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from sikap.indices.tests.helpers import answered_campaign
from sikap.reports.models import ReportJob

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(world):
    return answered_campaign([(world.division, 6), (world.other_division, 0)], seed=9)


def page(unit):
    return f"/laporan/unit/{unit.code}/"


def form(period, kind="skm", fmt="xlsx", **extra):
    return {"kind": kind, "format": fmt, "period": period.pk, **extra}


def test_anonymous_visitors_are_sent_to_log_in(client, world, campaign):
    response = client.get(page(world.division))
    assert response.status_code == 302 and "/akun/" in response["Location"]


def test_an_outsider_gets_404_for_the_page_and_the_report(world, campaign, login):
    client = login(world.outsider)
    assert client.get(page(world.division)).status_code == 404
    assert client.post(page(world.division), form(campaign.period)).status_code == 404
    assert client.get(page(world.kanwil)).status_code == 404
    assert not ReportJob.objects.exists()


def test_the_operator_downloads_their_unit_report_at_once(world, campaign, login):
    client = login(world.operator)
    response = client.get(page(world.division))
    assert response.status_code == 200 and "Buat laporan" in response.content.decode()
    assert "subtree" not in response.content.decode()  # a unit without children has no such choice
    response = client.post(page(world.division), form(campaign.period))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="laporan-skm-kanwil-jabar-ki-')
    book = load_workbook(io.BytesIO(response.content))
    summary = {r[0]: r[1] for r in book["Ringkasan"].iter_rows(values_only=True) if r and r[0]}
    assert summary["Jumlah responden"] == 6
    pdf = client.post(page(world.division), form(campaign.period, kind="spkp-spak", fmt="pdf"))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_a_read_only_leader_may_make_reports(world, campaign, login):
    response = login(world.leader).post(page(world.division), form(campaign.period, fmt="pdf"))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_a_subtree_report_becomes_a_job_with_a_progress_page(world, campaign, login, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client = login(world.kanwil_admin)
    response = client.post(page(world.kanwil), form(campaign.period, subtree="on"))
    job = ReportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/laporan/tugas/{job.pk}/"
    assert (job.status, job.subtree, job.requested_by, job.unit) == (
        "queued",
        True,
        world.kanwil_admin,
        world.kanwil,
    )
    progress = client.get(response["Location"]).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in progress and "Dalam antrean" in progress
    assert client.get(f"/laporan/tugas/{job.pk}/berkas/").status_code == 404  # nothing to fetch yet
    # The Kanwil's page lists the job; an outsider cannot see it.
    assert f"/laporan/tugas/{job.pk}/" in client.get(page(world.kanwil)).content.decode()
    assert login(world.outsider).get(f"/laporan/tugas/{job.pk}/").status_code == 404


def test_a_bad_form_is_shown_again_with_errors(world, campaign, login):
    response = login(world.operator).post(page(world.division), {"kind": "laporan-lain", "format": "pdf"})
    assert response.status_code == 200 and 'class="error" role="alert"' in response.content.decode()
