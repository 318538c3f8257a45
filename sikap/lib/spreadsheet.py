"""Safe spreadsheet cells: the one rule every XLSX and CSV the project writes goes through.

A text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is run as a formula by Excel
and LibreOffice (`=HYPERLINK(...)` in a unit name, a follow-up action or a respondent's suggestion). The
OWASP advice, taken here: such text gets a leading apostrophe, so it is shown as typed and never run.
Only text: numbers (negative ones too), dates and blanks keep their type. The writers call `safe_cell`
through the helpers below (`csv_writer`, `append_row`, `write_xlsx_row`), never a library's own write:
`sikap/lib/tests/test_spreadsheet_writers.py` reads the sources to hold them to it. The PostgreSQL COPY
export applies the same rule in SQL (`sql_safe`).
"""

from __future__ import annotations

import csv
import datetime
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import IO, Any

# A cell starting with one of these is a formula to Excel and LibreOffice.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_STARTS = "".join(FORMULA_START)
# Control characters XML 1.0 cannot hold (openpyxl's own ILLEGAL_CHARACTERS_RE, without importing openpyxl).
_NOT_XML = re.compile(r"[\000-\010\013\014\016-\037]")


def safe_cell(value: Any) -> Any:
    """`value` as a spreadsheet may show it: formula-leading text behind an apostrophe, all else as is."""
    if value.__class__ is str and value and value[0] in _STARTS:
        return "'" + value
    return value


def safe_row(row: Iterable[Any]) -> list[Any]:
    """`safe_cell` over a row; inlined because the CSV export runs it for every cell of a million rows."""
    return ["'" + v if v.__class__ is str and v and v[0] in _STARTS else v for v in row]


def sql_safe(expression: str, blank_as_null: bool = False) -> str:
    """`safe_cell` in SQL (PostgreSQL and SQLite): the text `expression` behind an apostrophe where it
    starts a formula; with `blank_as_null`, '' as NULL (an empty CSV field, as Python's writer gives None)."""
    starts = ", ".join("'" + c + "'" for c in FORMULA_START)  # plain characters: nothing to escape
    other = f"NULLIF({expression}, '')" if blank_as_null else expression
    return f"CASE WHEN substr({expression}, 1, 1) IN ({starts}) THEN '''' || {expression} ELSE {other} END"


class SafeCsvWriter:
    """`csv.writer` whose rows pass through `safe_row`: the only CSV writer the project uses."""

    def __init__(self, out: IO[str], **options: Any) -> None:
        self._writer = csv.writer(out, **options)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow(safe_row(row))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        self._writer.writerows(map(safe_row, rows))


def csv_writer(out: IO[str], **options: Any) -> SafeCsvWriter:
    return SafeCsvWriter(out, **options)


def append_row(sheet: Any, values: Sequence[Any]) -> None:
    """Append a row to an openpyxl worksheet with `safe_cell` applied and text typed as text.

    openpyxl makes a string starting with '=' a formula and one such as '#N/A' an error value; here every
    string cell is plain text. Characters XML cannot hold (control characters) are dropped rather than
    let openpyxl raise on them.
    """
    sheet.append([_xml_text(safe_cell(v)) if isinstance(v, str) else v for v in values])
    for cell in sheet[sheet.max_row] if values else ():
        if isinstance(cell.value, str):
            cell.data_type = "s"


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def write_xlsx_row(
    sheet: Any, row: int, values: Sequence[Any], cell_format: Any = None, date_format: Any = None
) -> None:
    """Write a row to an XlsxWriter worksheet: text by `write_string` after `safe_cell` (never a formula
    or a URL), numbers by `write_number`, dates by `write_datetime` (give `date_format`: without a
    format Excel shows a day number), blanks left empty."""
    number, string, date = sheet.write_number, sheet.write_string, sheet.write_datetime
    for column, value in enumerate(values):
        if value is None or value == "":
            continue
        kind = value.__class__
        if kind is str:
            string(row, column, safe_cell(value), cell_format)
        elif kind is int or kind is float:
            number(row, column, value, cell_format)
        elif isinstance(value, datetime.date):
            date(row, column, value, date_format or cell_format)
        elif isinstance(value, bool):
            sheet.write_boolean(row, column, value, cell_format)
        elif isinstance(value, Decimal):
            number(row, column, float(value), cell_format)
        else:
            string(row, column, safe_cell(str(value)), cell_format)
