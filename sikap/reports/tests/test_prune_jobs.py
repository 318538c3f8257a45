"""Finished jobs' files are deleted after their retention: exports after 7 days, reports after 90."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from sikap.audit.models import AuditEvent
from sikap.reports.models import ReportJob
from sikap.testing.factories import World, make_period

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def period():  # type: ignore[no-untyped-def]
    return make_period()


def job(world: World, period, kind: str, days_ago: float, status: str = "done") -> ReportJob:  # type: ignore[no-untyped-def]
    made = ReportJob(kind=kind, format="xlsx", unit=world.division, period=period, status=status)
    if status == "done":
        made.file.save(f"{kind}-{days_ago}.xlsx", ContentFile(b"data"), save=False)
    made.finished_at = timezone.now() - datetime.timedelta(days=days_ago) if status != "running" else None
    made.save()
    return made


def test_exports_go_after_a_week_and_reports_after_ninety_days(
    world: World, period, settings, capsys, django_capture_on_commit_callbacks
) -> None:
    old_export, new_export = job(world, period, "responses", 8), job(world, period, "responses", 6)
    old_report, new_report = job(world, period, "skm", 91), job(world, period, "skm", 30)
    failed, running = (
        job(world, period, "responses", 9, status="failed"),
        job(world, period, "responses", 30, status="running"),
    )
    old_path = settings.MEDIA_ROOT / old_export.file.name
    assert old_path.is_file()
    with django_capture_on_commit_callbacks(execute=True):  # the files go once the rows are gone
        call_command("prune-jobs")
    assert "Dihapus: 2 ekspor, 1 laporan." in capsys.readouterr().out
    left = set(ReportJob.objects.values_list("pk", flat=True))
    assert left == {new_export.pk, new_report.pk, running.pk}
    assert not old_path.exists() and not (settings.MEDIA_ROOT / old_report.file.name).exists()
    assert (settings.MEDIA_ROOT / new_export.file.name).is_file()
    assert AuditEvent.objects.filter(action="reports.job_pruned").count() == 3
    assert failed.pk not in left


def test_negative_days_are_refused(world: World) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="tidak boleh negatif"):
        call_command("prune-jobs", "--export-days", "-1")
