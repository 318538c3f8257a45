"""Reports and large exports as background tasks, each with a ReportJob row (its state changes through
`actions`): `request_report` and `request_export` create and queue a job, `build_report_job` builds it.

Background tasks use django-tasks (the backport of Django 6's task API) with the django-tasks-db backend,
so the queue is a table in the same SQLite or PostgreSQL database; `sikap db_worker` runs them.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import Any

from django.core.files.base import ContentFile
from django_tasks import task

from sikap.organisation.models import Period, Service, Unit
from sikap.reports import actions
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
    language: str = "id",
) -> ReportJob:
    """Queue a report for the worker; the caller has checked that `user` may view `unit`."""
    job = actions.create_report_job(
        user,
        kind=kind,
        fmt=fmt,
        unit=unit,
        period=period,
        subtree=subtree,
        service=service,
        language=language,
    )
    return enqueue(job)


def request_export(user: Any, scope: Scope, fmt: str) -> ReportJob:
    """Queue the export for the worker; the caller has checked access and audited the export."""
    return enqueue(actions.create_export_job(user, scope, fmt))


def enqueue(job: ReportJob) -> ReportJob:
    """Hand a stored job to the worker (or, with the immediate backend, build it now)."""
    result = build_report_job.enqueue(job.pk)
    return actions.job_queued(job, str(result.id))


@task()
def build_report_job(job_id: int) -> str:
    """The background task: build the job's report, keep its progress, save the file or the error."""
    job = ReportJob.objects.select_related("unit", "period", "service").get(pk=job_id)
    if job.status != ReportJob.Status.QUEUED:
        return job.status  # a retried or duplicated task must not build twice
    actions.start_job(job)
    progress = partial(actions.job_progress, job)
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
                language=str((job.options or {}).get("language", "")),
            )
            job.file.save(built.filename, ContentFile(built.content), save=False)
    except Exception as error:
        logger.exception("report job %s failed", job.pk)
        actions.fail_job(job, error)
        raise
    actions.finish_job(job)
    return ReportJob.Status.DONE
