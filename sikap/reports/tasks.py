"""Building a report file, now (one unit) or as a background task with a ReportJob row (a whole Kanwil).

Background tasks use django-tasks (the backport of Django 6's task API) with the django-tasks-db backend,
so the queue is a table in the same SQLite or PostgreSQL database; `sikap db_worker` runs them.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django_tasks import task

from sikap.organisation.models import Period, Service, Unit
from sikap.reports.builders.common import ProgressFn, no_progress
from sikap.reports.builders.pdf import perception_pdf, skm_pdf
from sikap.reports.builders.perception import perception_report
from sikap.reports.builders.rows import skm_report
from sikap.reports.builders.xlsx import perception_xlsx, skm_xlsx
from sikap.reports.models import ReportJob

logger = logging.getLogger(__name__)

KINDS = ("skm", "spkp-spak")
FORMATS = ("pdf", "xlsx")
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# Per kind: the function making its plain rows, and the renderer of each format.
REPORTS: dict[str, tuple[Callable[..., Any], dict[str, Callable[[Any], bytes]]]] = {
    "skm": (skm_report, {"pdf": skm_pdf, "xlsx": skm_xlsx}),
    "spkp-spak": (perception_report, {"pdf": perception_pdf, "xlsx": perception_xlsx}),
}


@dataclass(frozen=True)
class Built:
    content: bytes
    filename: str
    content_type: str


def filename(kind: str, fmt: str, unit: Unit, period: Period, service: Service | None = None) -> str:
    parts = ["laporan", kind, unit.code, *([slugify(service.name)] if service else []), slugify(period.name)]
    return "-".join(parts) + f".{fmt}"


def build(
    kind: str,
    fmt: str,
    unit: Unit,
    period: Period,
    *,
    subtree: bool = False,
    service: Service | None = None,
    place: str = "",
    today: datetime.date | None = None,
    progress: ProgressFn = no_progress,
) -> Built:
    """The report file. Raises ReportError (a clear message) when it cannot be made."""
    make_rows, renderers = REPORTS[kind]
    with translation.override("id"):  # an official document in Indonesian, whoever asks
        rows = make_rows(
            unit, period, subtree=subtree, service=service, place=place, today=today, progress=progress
        )
        content = renderers[fmt](rows)
    return Built(content, filename(kind, fmt, unit, period, service), CONTENT_TYPES[fmt])


def request_report(
    user: Any,
    *,
    kind: str,
    fmt: str,
    unit: Unit,
    period: Period,
    subtree: bool = False,
    service: Service | None = None,
) -> ReportJob:
    """Queue a report for the worker; the caller has checked that `user` may view `unit`."""
    with transaction.atomic():
        job = ReportJob.objects.create(
            kind=kind,
            format=fmt,
            unit=unit,
            period=period,
            service=service,
            subtree=subtree,
            requested_by=user,
        )
    return enqueue(job)


def enqueue(job: ReportJob) -> ReportJob:
    """Hand a stored job to the worker (or, with the immediate backend, build it now)."""
    result = build_report_job.enqueue(job.pk)
    ReportJob.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])
    job.refresh_from_db()
    return job


def _update(job_id: int, **fields: Any) -> None:
    ReportJob.objects.filter(pk=job_id).update(**fields)


@task()
def build_report_job(job_id: int) -> str:
    """The background task: build the job's report, keep its progress, save the file or the error."""
    job = ReportJob.objects.select_related("unit", "period", "service").get(pk=job_id)
    if job.status != ReportJob.Status.QUEUED:
        return job.status  # a retried or duplicated task must not build twice
    _update(job.pk, status=ReportJob.Status.RUNNING, percent=1)
    progress = lambda percent: _update(job.pk, percent=min(max(percent, 1), 99))  # noqa: E731
    try:
        if job.is_export:
            from sikap.reports.export_jobs import write_export_file

            write_export_file(job, progress)
        else:
            built = build(
                job.kind,
                job.format,
                job.unit,
                job.period,
                subtree=job.subtree,
                service=job.service,
                progress=progress,
            )
            job.file.save(built.filename, ContentFile(built.content), save=False)
    except Exception as error:
        logger.exception("report job %s failed", job.pk)
        _update(job.pk, status=ReportJob.Status.FAILED, error=str(error)[:2000], finished_at=timezone.now())
        raise
    _update(job.pk, status=ReportJob.Status.DONE, percent=100, file=job.file.name, finished_at=timezone.now())
    return ReportJob.Status.DONE
