"""Every change of a report or export job (`ReportJob`), and the audit of an export.

A job is created (`create_report_job`, `create_export_job`), handed to the worker (`job_queued`), started,
moved on (`job_progress`), finished or failed, and at last pruned. Handing it to the worker is
`tasks.enqueue`: the task calls these functions, so they cannot call it back.

Pruning: export files hold respondents' data and must not outlive their use. UU 27/2022 asks that
personal data be kept no longer than needed. An export job's file (answers and, unless left out, free
text) is deleted `export_days` after it was made (default 7); a report's file (aggregates only) after
`report_days` (default 90). The job row goes with its file; each deletion is audited. Run daily
(`sikap prune-jobs`, e.g. from cron beside `sikap send-digests`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation

from sikap.audit.actions import record
from sikap.organisation.models import Period, Service, Unit
from sikap.reports.exports.rows import Scope
from sikap.reports.models import ReportJob

EXPORT_DAYS = 7
REPORT_DAYS = 90


def create_report_job(
    user: Any,
    *,
    kind: str,
    fmt: str,
    unit: Unit,
    period: Period,
    subtree: bool = False,
    service: Service | None = None,
) -> ReportJob:
    """A report waiting for the worker; the caller has checked that `user` may view `unit`."""
    with transaction.atomic():
        return ReportJob.objects.create(
            kind=kind,
            format=fmt,
            unit=unit,
            period=period,
            service=service,
            subtree=subtree,
            requested_by=user,
            # The worker builds the report in the language of the page it was asked from.
            options={"language": translation.get_language() or settings.LANGUAGE_CODE},
        )


def create_export_job(user: Any, scope: Scope, fmt: str) -> ReportJob:
    """An export waiting for the worker; the caller has checked access and audited the export."""
    options = {"instrument": scope.instrument, "statuses": list(scope.statuses), "free_text": scope.free_text}
    with transaction.atomic():
        return ReportJob.objects.create(
            kind=ReportJob.Kind.RESPONSES,
            format=fmt,
            unit=scope.unit,
            period=scope.period,
            subtree=True,
            requested_by=user,
            options=options,
        )


def _update(job_id: int, **fields: Any) -> None:
    # A plain UPDATE of the named fields: a long build holds no lock, and a progress write cannot undo
    # the worker's other writes.
    ReportJob.objects.filter(pk=job_id).update(**fields)


def job_queued(job: ReportJob, task_id: str) -> ReportJob:
    """Keep the task's id on the job (with the immediate backend the job is already built)."""
    _update(job.pk, task_id=task_id[:64])
    job.refresh_from_db()
    return job


def start_job(job: ReportJob) -> None:
    _update(job.pk, status=ReportJob.Status.RUNNING, percent=1)


def job_progress(job: ReportJob, percent: int) -> None:
    """Between 1 and 99: 100 is for `finish_job` alone."""
    _update(job.pk, percent=min(max(percent, 1), 99))


def finish_job(job: ReportJob) -> None:
    """Done, with the file the worker has just stored in `job.file`."""
    _update(job.pk, status=ReportJob.Status.DONE, percent=100, file=job.file.name, finished_at=timezone.now())


def fail_job(job: ReportJob, error: BaseException) -> None:
    _update(job.pk, status=ReportJob.Status.FAILED, error=str(error)[:2000], finished_at=timezone.now())


@dataclass(frozen=True)
class Pruned:
    exports: int
    reports: int


def prune_jobs(
    *, now: datetime.datetime | None = None, export_days: int = EXPORT_DAYS, report_days: int = REPORT_DAYS
) -> Pruned:
    """Delete finished jobs (and their files) older than their kind's retention; queued or running stay."""
    now = now or timezone.now()
    finished = Q(status__in=[ReportJob.Status.DONE, ReportJob.Status.FAILED])
    exports = Q(kind=ReportJob.Kind.RESPONSES, finished_at__lt=now - datetime.timedelta(days=export_days))
    reports = ~Q(kind=ReportJob.Kind.RESPONSES) & Q(
        finished_at__lt=now - datetime.timedelta(days=report_days)
    )
    counts = {"exports": 0, "reports": 0}
    for job in ReportJob.objects.filter(finished & (exports | reports)).select_related("unit", "period"):
        with transaction.atomic():
            after = {"kind": job.kind, "format": job.format, "period": job.period.name, "file": job.file.name}
            record(None, "reports.job_pruned", job.unit, after=after, reason="masa simpan berakhir")
            name = job.file.name
            job.delete()
            if name:
                # After the row is gone: a failure here leaves an orphan file, never a row without its file.
                transaction.on_commit(partial(job.file.storage.delete, name))
        counts["exports" if job.kind == ReportJob.Kind.RESPONSES else "reports"] += 1
    return Pruned(**counts)


def record_export(actor: Any, scope: Scope, fmt: str) -> None:
    """Audit who took which respondents' data out, as UU 27/2022 accountability asks."""
    after = {
        "period": scope.period.name,
        "instrument": scope.instrument or "all",
        "format": fmt,
        "statuses": list(scope.statuses),
        "free_text": scope.free_text,
    }
    record(actor, "responses.exported", scope.unit, after=after)
