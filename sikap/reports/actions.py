"""Pruning finished jobs: export files hold respondents' data and must not outlive their use.

UU 27/2022 asks that personal data be kept no longer than needed. An export job's file (answers and,
unless left out, free text) is deleted `export_days` after it was made (default 7); a report's file
(aggregates only) after `report_days` (default 90). The job row goes with its file; each deletion is
audited. Run daily (`sikap prune-jobs`, e.g. from cron beside `sikap send-digests`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from sikap.audit.actions import record
from sikap.reports.exports.rows import Scope
from sikap.reports.models import ReportJob

EXPORT_DAYS = 7
REPORT_DAYS = 90


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
