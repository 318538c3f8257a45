"""`safe_cell` and the writer helpers: hostile text behind an apostrophe, numbers and dates kept typed."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
import xlsxwriter
from django.db import connection
from openpyxl import Workbook

from sikap.lib.spreadsheet import append_row, csv_writer, safe_cell, safe_row, sql_safe, write_xlsx_row
from sikap.testing.spreadsheets import HOSTILE, csv_rows, defused, xlsx_cells

PLAIN = ["Kantor Wilayah", "", " =spasi dulu", "a=b", "'sudah dikutip", "ünïcode ✓"]
TYPED = [0, -2, 3.5, -0.25, Decimal("-1.5"), datetime.date(2026, 7, 1), None, True]


@pytest.mark.parametrize("text", HOSTILE)
def test_formula_leading_text_gets_an_apostrophe(text: str) -> None:
    assert safe_cell(text) == defused(text)


@pytest.mark.parametrize("text", PLAIN)
def test_other_text_is_left_as_typed(text: str) -> None:
    assert safe_cell(text) == text


@pytest.mark.parametrize("value", TYPED)
def test_numbers_negative_ones_too_dates_and_blanks_keep_their_type(value: object) -> None:
    assert safe_cell(value) is value


def test_a_row_is_the_cells_one_by_one() -> None:
    row = [*HOSTILE, *PLAIN, *TYPED]
    assert safe_row(row) == [safe_cell(v) for v in row]


def test_the_csv_writer_defuses_every_text_cell_and_writes_numbers_bare() -> None:
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(HOSTILE)
    writer.writerows([[-2, 3.5, "-2+3"], ["@SUM(A1)", 0, "ok"]])
    rows = csv_rows(out.getvalue())
    assert rows[0] == [defused(t) for t in HOSTILE]
    assert rows[1:] == [["-2", "3.5", "'-2+3"], ["'@SUM(A1)", "0", "ok"]]


def test_openpyxl_rows_hold_text_as_text_and_numbers_as_numbers() -> None:
    book = Workbook()
    append_row(book.active, [*HOSTILE, "#N/A", "bel\x07l", -2, 3.5, datetime.date(2026, 7, 1)])
    append_row(book.active, [])
    append_row(book.active, ["=1+1"])
    out = io.BytesIO()
    book.save(out)
    cells = list(xlsx_cells(out.getvalue()))
    assert all(cell.data_type != "f" for cell in cells)
    values = [cell.value for cell in cells]
    # openpyxl writes a CR as is, which XML reads back as a line feed: still text behind the apostrophe
    assert values[: len(HOSTILE)] == [defused(t).replace("\r", "\n") for t in HOSTILE]
    assert values[len(HOSTILE) : len(HOSTILE) + 2] == ["#N/A", "bell"]  # text, not an error value
    assert cells[len(HOSTILE)].data_type == "s"
    assert values[-4:-1] == [-2, 3.5, datetime.datetime(2026, 7, 1)]
    assert cells[-1].row == 3 and values[-1] == "'=1+1"


def test_xlsxwriter_rows_hold_text_as_text_and_numbers_as_numbers() -> None:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out)
    sheet, day = book.add_worksheet(), book.add_format({"num_format": "yyyy-mm-dd"})
    values = [*HOSTILE, -2, 3.5, Decimal("-1.5"), datetime.date(2026, 7, 1), None, ""]
    write_xlsx_row(sheet, 0, values, date_format=day)
    book.close()
    cells = list(xlsx_cells(out.getvalue()))
    assert all(cell.data_type != "f" for cell in cells)
    # XlsxWriter stores a CR as Excel's escape _x000D_, shown by Excel as the CR (openpyxl leaves it)
    texts = [c.value.replace("_x000D_", "\r") for c in cells[: len(HOSTILE)]]
    assert texts == [defused(t) for t in HOSTILE]
    assert [c.value for c in cells[len(HOSTILE) :]] == [-2, 3.5, -1.5, datetime.datetime(2026, 7, 1)]


@pytest.mark.django_db
def test_the_sql_rule_gives_what_safe_cell_gives_on_this_database() -> None:
    texts = [*HOSTILE, *PLAIN]
    with connection.cursor() as cursor:
        for text in texts:
            cursor.execute(f"SELECT {sql_safe('%s')}, {sql_safe('%s', blank_as_null=True)}", [text] * 6)
            plain, blank_as_null = cursor.fetchone()
            assert plain == safe_cell(text), text
            assert blank_as_null == (safe_cell(text) or None), text
