"""Large XLSX and .sav exports as background jobs, so a whole ministry's data never waits on a request.

CSV always streams. XLSX and .sav are written to a file before the first byte can be sent; above
`SIKAP_EXPORT_INLINE_ROWS` submissions (default 20,000: a few seconds) the export page queues a
ReportJob instead (`tasks.request_export`) and the worker writes the file here, with its progress on the
job page.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable

from django.conf import settings
from django.core.files import File

from sikap.reports.exports import Export
from sikap.reports.exports.rows import Scope, submissions
from sikap.reports.models import ReportJob


def inline_limit() -> int:
    return int(settings.SIKAP_EXPORT_INLINE_ROWS)


def too_large_for_a_request(export: Export, fmt: str) -> bool:
    """One COUNT over the scope: does this XLSX or .sav belong in the background?"""
    if fmt == "csv":
        return False
    return submissions(export.scope, export.layout)[: inline_limit() + 1].count() > inline_limit()


def scope_of(job: ReportJob) -> Scope:
    options = job.options
    return Scope(
        job.unit, job.period, options.get("instrument", ""), tuple(options["statuses"]), options["free_text"]
    )


def write_export_file(job: ReportJob, progress: Callable[[int], None]) -> None:
    """Write the job's export to a temporary file, then into the job's file field (not yet saved)."""
    export = Export(scope_of(job))
    total = max(submissions(export.scope, export.layout).count(), 1)
    export.on_chunk = lambda rows: progress(99 * rows // total)
    fd, path = tempfile.mkstemp(suffix=f".{job.format}")
    os.close(fd)
    try:
        export.write(job.format, path)
        with open(path, "rb") as handle:
            job.file.save(export.scope.filename(job.format), File(handle), save=False)
    finally:
        os.unlink(path)
