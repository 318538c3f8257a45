"""The CSV export written by Python's csv module: everywhere but PostgreSQL, where `csv_copy` writes it."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from typing import Any

from sikap.lib.spreadsheet import csv_writer
from sikap.reports.exports.rows import Rows


def header(export: Rows, line_end: str = "\r\n") -> bytes:
    """The column names, after a byte order mark so Excel opens the file as UTF-8."""
    buffer = io.StringIO()
    csv_writer(buffer, lineterminator=line_end).writerow(export.layout.names)
    return ("\ufeff" + buffer.getvalue()).encode()


def python_csv(export: Rows) -> Iterator[bytes]:
    """The CSV from `chunks`, one piece per chunk."""
    yield header(export)
    yield from body(export, export.chunks())


def body(export: Rows, chunks: Iterable[list[list[Any]]], line_end: str = "\r\n") -> Iterator[bytes]:
    """These chunks of the export's rows as CSV lines, every text cell defused by the writer (unit and
    service names, profile text, free text)."""
    buffer = io.StringIO()
    writer = csv_writer(buffer, lineterminator=line_end)
    for rows in chunks:
        buffer.seek(0)
        buffer.truncate()
        writer.writerows(rows)
        yield buffer.getvalue().encode()
