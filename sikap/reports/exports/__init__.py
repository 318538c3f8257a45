"""Anonymised raw responses of a scope as CSV, XLSX or SPSS .sav: one row per submission.

What never leaves: device and network hashes, service codes, database ids (rows carry a running number
instead), who entered or reviewed a submission, integrity signals, and the `extra` answers of custom
fields (they may hold contact details, which UU 27/2022 keeps apart from answers). Free text (suggestion,
complaint) is included unless the caller turns it off: respondents sometimes write names or phone numbers
in it. Internal survey submissions follow `rows.internal_rows` (see `sikap.responses.anonymity`): only
groups of at least k, masked roster attributes, no date, free text only when their campaign allows it.

The rows and their columns are read in `rows`; one module per format writes them: `csv` (Python's
writer), `csv_copy` (PostgreSQL's COPY), `xlsx`, `sav`. CSV streams and XLSX is written to a temporary
file, both with constant memory. SPSS .sav cannot stream: pyreadstat writes a whole data frame, so the
rows are gathered first as one- or two-byte codes (masked Int8/Int16) and categories; docs/benchmarks.md
has the memory. `jobs` moves large files to the background worker; `views` is the export page.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from django.db import connection

from sikap.reports.exports.csv import body, header, python_csv
from sikap.reports.exports.csv_copy import copy_csv
from sikap.reports.exports.rows import Rows, Scope, statuses
from sikap.reports.exports.sav import write_sav
from sikap.reports.exports.xlsx import write_xlsx

__all__ = ["FORMATS", "Export", "Scope", "statuses"]

FORMATS = ("csv", "xlsx", "sav")


class Export(Rows):
    """One export of a scope: its layout and rows (`Rows`), and a writer per format."""

    def csv(self) -> Iterator[bytes]:
        """UTF-8 with a byte order mark, so Excel opens it as UTF-8; streamed in pieces.

        On PostgreSQL the database writes the rows (`csv_copy`), elsewhere `python_csv` does.
        """
        if connection.vendor != "postgresql":
            yield from self.python_csv()
            return
        yield header(self, line_end="\n")  # PostgreSQL ends its lines with LF
        yield from copy_csv(self)  # the public submissions; the internal ones after them, masked by `rows`
        yield from body(self, self.internal_chunks(), line_end="\n")

    def python_csv(self) -> Iterator[bytes]:
        """The CSV from `chunks`, one piece per chunk."""
        return python_csv(self)

    def write_csv(self, out: IO[bytes]) -> None:
        out.writelines(self.csv())

    def write_xlsx(self, target: str | IO[bytes]) -> None:
        """XlsxWriter in constant-memory mode: each row goes to disk as soon as the next one starts."""
        write_xlsx(self, target)

    def write_sav(self, path: str) -> None:
        """Not streamed: pyreadstat needs the whole frame (see `sav`)."""
        write_sav(self, path)

    def write(self, fmt: str, path: str) -> int:
        """Write the export to `path` in `fmt`; returns the number of rows."""
        if fmt == "csv":
            with open(path, "wb") as out:
                self.write_csv(out)
        else:
            self.write_sav(path) if fmt == "sav" else self.write_xlsx(path)
        return self.rows
