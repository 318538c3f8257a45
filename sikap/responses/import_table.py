"""Reading an import file into a table, and the problems an import reports.

An XLSX file (first sheet) or a CSV file (UTF-8 with or without BOM; comma, semicolon or tab) becomes a
header and its non-blank rows, each with the spreadsheet row number the user sees (the header is row 1).
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import itertools
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any

from django.utils.translation import gettext as _

MAX_ROWS = 50_000
MAX_COLUMNS = 500  # the widest campaign (SKM, SPKP, SPAK with importance and profile) has under 100
PROGRESS_EVERY = 1000
CSV_HEADER_CHARS = 1024 * 1024
# An XLSX file is a zip: its parts may unpack to at most this much, this many times the packed size
# (real sheets stay far below; a zip bomb is thousands of times), in at most this many parts.
XLSX_MAX_UNPACKED = 400 * 1024 * 1024
XLSX_MAX_RATIO = 200
XLSX_MAX_MEMBERS = 1000


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


def read_table(
    filename: str,
    content: bytes | IO[bytes],
    *,
    max_rows: int = MAX_ROWS,
    empty: str = "",
    progress: Callable[[int], None] | None = None,
) -> Table:
    """The header and non-blank rows of the first sheet of an XLSX file, or of a CSV file.

    `content` is the bytes or a binary file (an upload, spooled to disk when large): it is read as a
    stream, never whole. Reading stops at the first row over `max_rows` or a row wider than
    `MAX_COLUMNS`, so a file of a million rows costs no more than one just over the limit; an XLSX file
    is inspected before it is opened (`check_xlsx`). `empty` says what a file without rows lacks;
    `progress`, if given, hears the rows read so far every `PROGRESS_EVERY` rows."""
    file = io.BytesIO(content) if isinstance(content, bytes | bytearray) else content
    file.seek(0)
    head = file.read(4)
    file.seek(0)
    if head == b"PK\x03\x04":
        cells: Iterator[Sequence[Any]] = _Sheet(file)
    elif filename.lower().endswith((".xls", ".xlsx", ".ods")):
        raise ImportFailed(
            [Problem(None, "", _("Berkas bukan XLSX yang sah; simpan sebagai .xlsx atau .csv."))]
        )
    else:
        cells = _csv_rows(file)
    header = [("" if c is None else str(c)).strip() for c in (next(cells, None) or [])]
    while header and not header[-1]:
        header.pop()
    if not any(header):
        raise ImportFailed([Problem(None, "", _("Berkas kosong: baris pertama harus berisi judul kolom."))])
    if len(header) > MAX_COLUMNS:
        raise ImportFailed([_too_wide(1)])
    if isinstance(cells, _Sheet):
        cells.width = len(header)
    rows: list[tuple[int, list[Any]]] = []
    for number, row in enumerate(cells, start=2):
        if progress and number % PROGRESS_EVERY == 0:
            progress(number - 1)
        if any(c is not None and str(c).strip() for c in row):
            if len(row) > MAX_COLUMNS and any(c is not None and str(c).strip() for c in row[MAX_COLUMNS:]):
                raise ImportFailed([_too_wide(number)])
            rows.append((number, list(row[: len(header)]) if len(row) > len(header) else list(row)))
            if len(rows) > max_rows:
                message = _("Terlalu banyak baris (paling banyak %(n)s); bagi berkasnya.")
                raise ImportFailed([Problem(None, "", message % {"n": max_rows})])
    if not rows:
        raise ImportFailed([Problem(None, "", empty or _("Berkas tidak berisi satu baris jawaban pun."))])
    return Table(header, rows)


def _too_wide(row: int) -> Problem:
    message = _("Terlalu banyak kolom (paling banyak %(n)s); hapus kolom yang tidak dipakai.")
    return Problem(row, "", message % {"n": MAX_COLUMNS})


def check_xlsx(file: IO[bytes]) -> None:
    """Refuse an XLSX file whose zip would unpack too large (a zip bomb), too many times its own size,
    or into too many parts, from the zip's directory alone: nothing is unpacked."""
    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise ImportFailed([Problem(None, "", _unreadable_xlsx())]) from None
    unpacked = sum(m.file_size for m in members)
    packed = max(1, sum(m.compress_size for m in members))
    if len(members) > XLSX_MAX_MEMBERS or unpacked > XLSX_MAX_UNPACKED or unpacked > XLSX_MAX_RATIO * packed:
        message = _(
            "Berkas XLSX ini membengkak menjadi %(mb)s MB bila dibuka (paling banyak %(limit)s MB dan "
            "%(ratio)s kali ukuran berkas); simpan ulang sebagai .csv atau bagi berkasnya."
        )
        mb = {"mb": unpacked // 1024 // 1024, "limit": XLSX_MAX_UNPACKED // 1024 // 1024}
        raise ImportFailed([Problem(None, "", message % {**mb, "ratio": XLSX_MAX_RATIO})])
    file.seek(0)


class _Sheet:
    """The rows of the first sheet, read as a stream with openpyxl's read-only mode. The sheet's declared
    dimension is not trusted (a file may claim A1:XFD1048576): rows are as long as their cells, and after
    the header no wider than it (`width`)."""

    def __init__(self, file: IO[bytes]) -> None:
        from openpyxl import load_workbook
        from openpyxl.utils.exceptions import InvalidFileException

        check_xlsx(file)
        try:
            self.book = load_workbook(file, read_only=True, data_only=True)
            self.sheet = self.book.worksheets[0]
            self.sheet.reset_dimensions()
        except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, IndexError):
            raise ImportFailed([Problem(None, "", _unreadable_xlsx())]) from None
        self.width: int | None = None
        self._rows: Iterator[Sequence[Any]] | None = None

    def __iter__(self) -> Iterator[Sequence[Any]]:
        return self

    def __next__(self) -> Sequence[Any]:
        if self._rows is None:
            # The header is read alone (as wide as its cells); the rest once its width is known.
            header = next(_closing(None, self.sheet.iter_rows(max_row=1, values_only=True)), None)
            self._rows = _closing(
                self.book, self.sheet.iter_rows(min_row=2, max_col=self.width, values_only=True)
            )
            if header is not None and len(header) > MAX_COLUMNS:
                header = header[: MAX_COLUMNS + 1]
            return header if header is not None else ()
        return next(self._rows)


def _unreadable_xlsx() -> str:
    return _("Berkas XLSX tidak dapat dibaca; simpan ulang sebagai .xlsx atau .csv.")


def _closing(book: Any, rows: Iterable[Sequence[Any]]) -> Iterator[Sequence[Any]]:
    """The rows of an open workbook, closing it when done; a sheet broken inside (bad compression or
    XML) is reported as an unreadable file, not an error page."""
    try:
        yield from rows
    except (zipfile.BadZipFile, zlib.error, SyntaxError, EOFError, KeyError, OSError, ValueError, TypeError):
        raise ImportFailed([Problem(None, "", _unreadable_xlsx())]) from None
    finally:
        if book is not None:
            book.close()


def _csv_rows(file: IO[bytes]) -> Iterator[list[str]]:
    """The rows of a CSV file, decoded and split as a stream (one line at a time, never the whole)."""
    text = io.TextIOWrapper(file, encoding="utf-8-sig", newline="")
    try:
        first_line = text.readline(CSV_HEADER_CHARS)
    except UnicodeDecodeError:
        text.detach()
        raise ImportFailed([Problem(None, "", _not_utf8())]) from None
    # Sniff from the header, where a delimiter cannot hide inside quoted free text.
    delimiter = max(";,\t", key=first_line.count)
    return _checked_csv(csv.reader(itertools.chain([first_line], text), delimiter=delimiter), text)


def _not_utf8() -> str:
    return _("Berkas CSV harus berkodifikasi UTF-8 (di Excel: “CSV UTF-8”).")


def _checked_csv(rows: Iterator[list[str]], text: io.TextIOWrapper) -> Iterator[list[str]]:
    """CSV rows; a malformed file (a field over the csv module's size limit, a stray NUL, bytes that
    are not UTF-8) is reported. The wrapper is detached at the end, leaving the upload open."""
    try:
        yield from rows
    except UnicodeDecodeError:
        raise ImportFailed([Problem(None, "", _not_utf8())]) from None
    except csv.Error:
        raise ImportFailed(
            [Problem(None, "", _("Berkas CSV rusak atau berisi sel yang terlalu panjang; periksa isinya."))]
        ) from None
    finally:
        with contextlib.suppress(ValueError):  # the upload was closed already
            text.detach()


def digest_of(content: bytes | IO[bytes]) -> str:
    """The SHA-256 of a file's bytes, read in chunks (an import's identity: its rows' keys derive from it)."""
    if isinstance(content, bytes | bytearray):
        return hashlib.sha256(content).hexdigest()
    content.seek(0)
    digest = hashlib.file_digest(content, "sha256").hexdigest()  # type: ignore[arg-type]
    content.seek(0)
    return digest
