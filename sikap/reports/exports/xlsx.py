"""The XLSX export: XlsxWriter in constant-memory mode, a "Data" sheet (continued on "Data 2", ... past a
sheet's last row) and a "Keterangan" sheet explaining every variable."""

from __future__ import annotations

import tempfile
from typing import IO, Any

from sikap.lib.spreadsheet import write_xlsx_row
from sikap.reports.exports.rows import NA_CODE, NA_LABEL, PRIVACY_NOTE, Rows

XLSX_MAX_ROWS = 1_048_576  # per sheet, header included; longer exports continue on "Data 2", ...


def write_xlsx(export: Rows, target: str | IO[bytes]) -> None:
    """XlsxWriter in constant-memory mode: each row goes to disk as soon as the next one starts. Cells go
    through `write_xlsx_row`: text typed as text and defused, numbers and dates typed."""
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
                write_xlsx_row(sheet, 0, export.layout.names, bold)
                sheet.freeze_panes(1, 0)
                r = 1
            write_xlsx_row(sheet, r, row, date_format=day)
            r += 1
    if sheets == 0:
        write_xlsx_row(book.add_worksheet("Data"), 0, export.layout.names, bold)
    _codebook(export, book.add_worksheet("Keterangan"), bold)
    book.close()


def _codebook(export: Rows, sheet: Any, bold: Any) -> None:
    scope = export.scope
    title = f"{scope.unit.name} ({scope.unit.code}) dan unit di bawahnya"
    write_xlsx_row(sheet, 0, [title], bold)
    write_xlsx_row(sheet, 1, [f"Periode {scope.period.name}; {export.rows} kiriman; status: "])
    write_xlsx_row(sheet, 1, ["", ", ".join(scope.statuses)])
    write_xlsx_row(sheet, 2, [PRIVACY_NOTE])
    write_xlsx_row(sheet, 4, ["Variabel", "Keterangan", "Label nilai"], bold)
    for r, column in enumerate(export.layout.columns, start=5):
        labels = "; ".join(f"{k} = {v}" for k, v in column.values.items())
        if column.na:  # written as the text NA_CODE in the data sheet, never as a number
            labels = "; ".join(p for p in (labels, f"{NA_CODE} = {NA_LABEL}") if p)
        write_xlsx_row(sheet, r, [column.name, column.label, labels])
