"""Hostile texts for the spreadsheet writers' tests, and reading a written file back as a person's
spreadsheet would see it (openpyxl for XLSX, the csv module for CSV)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from openpyxl import load_workbook

# Each starts a formula in Excel or LibreOffice; written by Sikap they must show as typed text.
HOSTILE = [
    '=HYPERLINK("http://contoh.invalid","klik")',
    "+1",
    "-2+3",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
]


def defused(text: str) -> str:
    """What a hostile text reads as in a written file: itself behind an apostrophe."""
    return "'" + text


def xlsx_cells(content: bytes) -> Iterator[Any]:
    """Every written cell of every sheet (openpyxl's cells: value and data_type)."""
    book = load_workbook(io.BytesIO(content))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            yield from (cell for cell in row if cell.value is not None)


def xlsx_texts(content: bytes) -> list[str]:
    """The text cells of a workbook; fails on any formula cell (data_type 'f') on the way."""
    texts = []
    for cell in xlsx_cells(content):
        assert cell.data_type != "f", f"{cell.coordinate}: {cell.value!r} is a formula"
        if isinstance(cell.value, str):
            texts.append(cell.value)
    return texts


def csv_rows(content: bytes | str) -> list[list[str]]:
    text = content.decode("utf-8-sig") if isinstance(content, bytes) else content
    return list(csv.reader(io.StringIO(text, newline="")))


def no_formula_cell(values: list[str]) -> bool:
    """True when no cell begins as a formula would (what the writers promise of every cell)."""
    return not any(v[:1] in ("=", "+", "-", "@", "\t", "\r") for v in values if v)
