"""Response imports too large for a web request: `import_or_queue` imports a small file at once and hands a
large one (over `SIKAP_IMPORT_INLINE_MB`, or over `SIKAP_IMPORT_INLINE_ROWS` rows) to the background
worker as an `ImportJob`; `run_import_job` reads, checks and stores it with the same functions as the
request (`importing.read_table`, `importing.import_rows`), so it is all or nothing exactly the same.

The job's state changes are the functions below (each one UPDATE of its row); the import itself is
audited by `importing.import_rows`. The task runs on django-tasks' database backend (`sikap db_worker`).
"""

from __future__ import annotations

import io
import logging
from typing import IO, Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from sikap.audit.actions import record
from sikap.audit.actors import Actor
from sikap.responses import importing
from sikap.responses.models import ImportJob

logger = logging.getLogger(__name__)

READ_SHARE = 50  # the percentage reached when the file is read; checking and storing take the rest
MAX_PROBLEMS_KEPT = 1000  # as many as the page shows


def inline_bytes() -> int:
    return int(settings.SIKAP_IMPORT_INLINE_MB * 1024 * 1024)


def import_or_queue(
    actor: Actor, target: importing.Target, upload: Any, *, service_name: str = ""
) -> importing.Result | ImportJob:
    """Import a small file now (its Result), or queue a large one (its ImportJob); ImportFailed (nothing
    stored) when a small file has a problem. `upload` is an uploaded file, read as a stream."""
    size = int(upload.size or 0)
    if size <= inline_bytes():
        table = importing.read_table(upload.name, upload)
        if len(table.rows) <= settings.SIKAP_IMPORT_INLINE_ROWS:
            digest = importing.digest_of(upload)
            return importing.import_rows(actor, target, upload.name, table, digest)
    upload.seek(0)
    return queue_import(actor, target, upload.name, upload, service_name=service_name)


def queue_import(
    actor: Actor, target: importing.Target, filename: str, file: IO[bytes], *, service_name: str = ""
) -> ImportJob:
    """Stage the file in the database and hand it to the worker (with the immediate backend: run it)."""
    if actor is None:
        raise ValueError("a queued import belongs to the user who sees its progress")
    content = file.read()  # bounded by the upload limit (SIKAP_MAX_UPLOAD_MB["import"])
    with transaction.atomic():
        job = ImportJob.objects.create(
            requested_by=actor,
            unit=target.unit,
            period=target.period,
            service_name=service_name,
            instrument_codes=list(target.instrument_codes),
            filename=filename[:200],
            size=len(content),
            content=content,
        )
        after = {"unit": target.unit.code, "period": target.period.pk, "bytes": len(content)}
        record(actor, "responses.queue_import", job, after=after, reason=filename[:200])
    result = run_import_job.enqueue(job.pk)
    ImportJob.objects.filter(pk=job.pk, task_id="").update(task_id=str(result.id)[:64])
    job.refresh_from_db()
    return job


@task()
def run_import_job(job_id: int) -> str:
    """The background task: read, check and store the job's file, keeping its progress and outcome."""
    job = ImportJob.objects.select_related("unit", "period", "requested_by").get(pk=job_id)
    if job.status != ImportJob.Status.QUEUED:
        return job.status  # a retried or duplicated task must not import twice
    start(job)
    try:
        target = importing.resolve_target(
            job.unit, job.period, service_name=job.service_name, instrument_codes=job.instrument_codes
        )
        content = bytes(job.content)
        expected = content.count(b"\n") if not content.startswith(b"PK") else importing.MAX_ROWS
        file = io.BytesIO(content)
        digest = importing.digest_of(file)
        del content
        table = importing.read_table(
            job.filename, file, progress=lambda rows: read_progress(job, rows, expected=expected)
        )
        read_progress(job, len(table.rows), percent=READ_SHARE)
        result = importing.import_rows(job.requested_by, target, job.filename, table, digest)
    except importing.ImportFailed as failed:
        refuse(job, failed)
        return ImportJob.Status.REFUSED
    except Exception:
        logger.exception("import job %s failed", job.pk)
        fail(job)
        raise
    finish(job, result)
    return ImportJob.Status.DONE


def outcome_of(job: ImportJob) -> tuple[importing.Result | None, list[importing.Problem]]:
    """An ended job's Result (when stored) and problems (when refused), as the request would have them."""
    outcome = job.outcome or {}
    problems = [importing.Problem(row, column, text) for row, column, text in outcome.get("problems", [])]
    if job.status != ImportJob.Status.DONE:
        return None, problems
    blanks = [(name, n) for name, n in outcome.get("blanks", [])]
    result = importing.Result(outcome.get("stored", 0), outcome.get("skipped", 0), blanks=blanks)
    return result, problems


def start(job: ImportJob) -> None:
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING, percent=1)


def read_progress(job: ImportJob, rows: int, *, expected: int = 0, percent: int | None = None) -> None:
    """Rows read so far, and a percentage from the rows expected (a CSV file's lines; an XLSX file's
    cannot be counted before reading, so the row limit stands for them)."""
    if percent is None:
        percent = max(1, min(READ_SHARE - 1, rows * READ_SHARE // max(1, expected)))
    ImportJob.objects.filter(pk=job.pk).update(rows_read=rows, percent=percent)


def finish(job: ImportJob, result: importing.Result) -> None:
    outcome = {
        "stored": result.stored,
        "skipped": result.skipped,
        "warnings": [str(w) for w in result.warnings],
        "blanks": [[name, n] for name, n in result.blanks],
    }
    _end(job, ImportJob.Status.DONE, outcome)


def refuse(job: ImportJob, failed: importing.ImportFailed) -> None:
    """Nothing stored: every problem kept (as many as the page shows) with the warnings."""
    problems = [[p.row, p.column, p.message] for p in failed.problems[:MAX_PROBLEMS_KEPT]]
    outcome = {"problems": problems, "total": len(failed.problems), "warnings": failed.warnings}
    _end(job, ImportJob.Status.REFUSED, outcome)


def fail(job: ImportJob) -> None:
    _end(job, ImportJob.Status.FAILED, {})


def _end(job: ImportJob, status: str, outcome: dict[str, Any]) -> None:
    ImportJob.objects.filter(pk=job.pk).update(
        status=status, percent=100, outcome=outcome, content=b"", finished_at=timezone.now()
    )
