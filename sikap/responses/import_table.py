"""Reading an import file into a table, and the problems an import reports.

An XLSX file (first sheet) or a CSV file (UTF-8 with or without BOM; comma, semicolon or tab) becomes a
header and its non-blank rows, each with the spreadsheet row number the user sees (the header is row 1).
"""

from __future__ import annotations

import csv
import io
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

MAX_ROWS = 50_000


@dataclass(frozen=True)
class Problem:
    """What is wrong: at a row and column, or (row None) with the file or the options as a whole."""

    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return f"{self.column}: {self.message}" if self.column else self.message
        where = _("Baris %(row)s") % {"row": self.row}
        if self.column:
            where += ", " + _("kolom %(column)s") % {"column": self.column}
        return f"{where}: {self.message}"


class ImportFailed(Exception):
    """Nothing was stored; `problems` says why (every one of them), `warnings` what was ignored."""

    def __init__(self, problems: list[Problem], warnings: Sequence[str] = ()) -> None:
        super().__init__("; ".join(str(p) for p in problems[:5]))
        self.problems = problems
        self.warnings = list(warnings)


@dataclass
class Table:
    header: list[str]
    rows: list[tuple[int, list[Any]]]  # (spreadsheet row number, cells), blank rows left out


def read_table(filename: str, content: bytes, *, max_rows: int = MAX_ROWS, empty: str = "") -> Table:
    """The header and non-blank rows of the first sheet of an XLSX file, or of a CSV file.

    Rows are read one at a time and reading stops at the first row over `max_rows`, so a file of a
    million rows costs no more than one just over the limit. `empty` says what a file without rows lacks."""
    if content.startswith(b"PK\x03\x04"):
        cells = _xlsx_rows(content)
    elif filename.lower().endswith((".xls", ".xlsx", ".ods")):
        raise ImportFailed(
            [Problem(None, "", _("Berkas bukan XLSX yang sah; simpan sebagai .xlsx atau .csv."))]
        )
    else:
        cells = _csv_rows(content)
    header = [("" if c is None else str(c)).strip() for c in (next(cells, None) or [])]
    if not any(header):
        raise ImportFailed([Problem(None, "", _("Berkas kosong: baris pertama harus berisi judul kolom."))])
    rows: list[tuple[int, list[Any]]] = []
    for number, row in enumerate(cells, start=2):
        if any(c is not None and str(c).strip() for c in row):
            rows.append((number, list(row)))
            if len(rows) > max_rows:
                message = _("Terlalu banyak baris (paling banyak %(n)s); bagi berkasnya.")
                raise ImportFailed([Problem(None, "", message % {"n": max_rows})])
    if not rows:
        raise ImportFailed([Problem(None, "", empty or _("Berkas tidak berisi satu baris jawaban pun."))])
    return Table(header, rows)


def _xlsx_rows(content: bytes) -> Iterator[Sequence[Any]]:
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = book.worksheets[0]
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, IndexError):
        raise ImportFailed([Problem(None, "", _unreadable_xlsx())]) from None
    return _closing(book, sheet.iter_rows(values_only=True))


def _unreadable_xlsx() -> str:
    return _("Berkas XLSX tidak dapat dibaca; simpan ulang sebagai .xlsx atau .csv.")


def _closing(book: Any, rows: Iterable[Sequence[Any]]) -> Iterator[Sequence[Any]]:
    """The rows of an open workbook, closing it when done; a sheet broken inside (bad compression or
    XML) is reported as an unreadable file, not an error page."""
    import zipfile

    try:
        yield from rows
    except (zipfile.BadZipFile, zlib.error, SyntaxError, EOFError, KeyError, OSError, ValueError, TypeError):
        raise ImportFailed([Problem(None, "", _unreadable_xlsx())]) from None
    finally:
        book.close()


def _csv_rows(content: bytes) -> Any:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFailed(
            [Problem(None, "", _("Berkas CSV harus berkodifikasi UTF-8 (di Excel: “CSV UTF-8”)."))]
        ) from None
    first_line = text.split("\n", 1)[0]
    # Sniff from the header, where a delimiter cannot hide inside quoted free text.
    delimiter = max(";,\t", key=first_line.count)
    return _checked_csv(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def _checked_csv(rows: Iterator[list[str]]) -> Iterator[list[str]]:
    """CSV rows; a malformed file (a field over the csv module's size limit, a stray NUL) is reported."""
    try:
        yield from rows
    except csv.Error:
        raise ImportFailed(
            [Problem(None, "", _("Berkas CSV rusak atau berisi sel yang terlalu panjang; periksa isinya."))]
        ) from None
