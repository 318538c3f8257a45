"""Building a report file, now (one unit) or as a background task with a ReportJob row (a whole Kanwil).

Background tasks use django-tasks (the backport of Django 6's task API) with the django-tasks-db backend,
so the queue is a table in the same SQLite or PostgreSQL database; `sikap db_worker` runs them.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from sikap.organisation.models import Period, Service, Unit
from sikap.reports.documents import build
from sikap.reports.exports.jobs import write_export_file
from sikap.reports.exports.rows import Scope
from sikap.reports.models import ReportJob

logger = logging.getLogger(__name__)


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


def request_export(user: Any, scope: Scope, fmt: str) -> ReportJob:
    """Queue the export for the worker; the caller has checked access and audited the export."""
    options = {"instrument": scope.instrument, "statuses": list(scope.statuses), "free_text": scope.free_text}
    with transaction.atomic():
        job = ReportJob.objects.create(
            kind=ReportJob.Kind.RESPONSES,
            format=fmt,
            unit=scope.unit,
            period=scope.period,
            subtree=True,
            requested_by=user,
            options=options,
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
