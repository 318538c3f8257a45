"""The CSV export written by Python's csv module: everywhere but PostgreSQL, where `csv_copy` writes it."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from sikap.reports.exports.rows import FORMULA_START, Rows


def header(export: Rows, line_end: str = "\r\n") -> bytes:
    """The column names, after a byte order mark so Excel opens the file as UTF-8."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=line_end).writerow(export.layout.names)
    return ("\ufeff" + buffer.getvalue()).encode()


def python_csv(export: Rows) -> Iterator[bytes]:
    """The CSV from `chunks`, one piece per chunk."""
    yield header(export)
    yield from body(export, export.chunks())


def body(export: Rows, chunks: Iterable[list[list[Any]]], line_end: str = "\r\n") -> Iterator[bytes]:
    """These chunks of the export's rows as CSV lines, free text defused."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=line_end)
    for rows in chunks:
        buffer.seek(0)
        buffer.truncate()
        if export.scope.free_text:
            for row in rows:  # inline: this runs for every row of a million-row export
                if row[-2] and row[-2][0] in FORMULA_START:
                    row[-2] = "'" + row[-2]
                if row[-1] and row[-1][0] in FORMULA_START:
                    row[-1] = "'" + row[-1]
        for position in export.layout.free_text:  # a custom free-text profile field
            for row in rows:
                if row[position] and row[position][0] in FORMULA_START:
                    row[position] = "'" + row[position]
        writer.writerows(rows)
        yield buffer.getvalue().encode()
