"""The XLSX export: XlsxWriter in constant-memory mode, a "Data" sheet (continued on "Data 2", ... past a
sheet's last row) and a "Keterangan" sheet explaining every variable."""

from __future__ import annotations

import tempfile
from typing import IO, Any

from sikap.reports.exports.rows import NA_CODE, NA_LABEL, PRIVACY_NOTE, Rows

XLSX_MAX_ROWS = 1_048_576  # per sheet, header included; longer exports continue on "Data 2", ...


def write_xlsx(export: Rows, target: str | IO[bytes]) -> None:
    """XlsxWriter in constant-memory mode: each row goes to disk as soon as the next one starts."""
    import xlsxwriter

    options = {"constant_memory": True, "tmpdir": tempfile.gettempdir(), "strings_to_formulas": False}
    book = xlsxwriter.Workbook(target, {**options, "strings_to_numbers": False, "strings_to_urls": False})
    bold, day = book.add_format({"bold": True}), book.add_format({"num_format": "yyyy-mm-dd"})
    r, sheets = XLSX_MAX_ROWS, 0
    for rows in export.chunks():
        for row in rows:
            if r == XLSX_MAX_ROWS:
                sheets += 1
                sheet = book.add_worksheet(f"Data {sheets}" if sheets > 1 else "Data")
                sheet.write_row(0, 0, export.layout.names, bold)
                sheet.freeze_panes(1, 0)
                number, string, date, r = sheet.write_number, sheet.write_string, sheet.write_datetime, 1
            for c, value in enumerate(row):
                if value is None or value == "":
                    continue
                kind = type(value)
                if kind is int:
                    number(r, c, value)
                elif kind is str:
                    string(r, c, value)
                else:
                    date(r, c, value, day)
            r += 1
    if sheets == 0:
        book.add_worksheet("Data").write_row(0, 0, export.layout.names, bold)
    _codebook(export, book.add_worksheet("Keterangan"), bold)
    book.close()


def _codebook(export: Rows, sheet: Any, bold: Any) -> None:
    scope = export.scope
    sheet.write_string(0, 0, f"{scope.unit.name} ({scope.unit.code}) dan unit di bawahnya", bold)
    sheet.write_string(1, 0, f"Periode {scope.period.name}; {export.rows} kiriman; status: ")
    sheet.write_string(1, 1, ", ".join(scope.statuses))
    sheet.write_string(2, 0, PRIVACY_NOTE)
    sheet.write_row(4, 0, ["Variabel", "Keterangan", "Label nilai"], bold)
    for r, column in enumerate(export.layout.columns, start=5):
        labels = "; ".join(f"{k} = {v}" for k, v in column.values.items())
        if column.na:  # written as the text NA_CODE in the data sheet, never as a number
            labels = "; ".join(p for p in (labels, f"{NA_CODE} = {NA_LABEL}") if p)
        sheet.write_row(r, 0, [column.name, column.label, labels])
