"""Reading IKM CSV files: spreadsheet quirks accepted, bad input named by file, row and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from sikap.scoring import ScoringInputError, ikm_from_rows, read_ikm_csv
from sikap.scoring.tests.factories import CODES, worked_rows, write_csv

HEADER = ",".join(CODES)


def error_for(path: Path) -> ScoringInputError:
    """The error reading a file raises."""
    with pytest.raises(ScoringInputError) as caught:
        read_ikm_csv(path)
    return caught.value


def test_it_reads_the_worked_example_ignoring_other_columns(tmp_path: Path) -> None:
    data = read_ikm_csv(write_csv(tmp_path / "data.csv", worked_rows()))
    assert data.rows == worked_rows()
    assert data.row_numbers[:2] == [2, 3]
    assert str(ikm_from_rows(data.rows).score) == "91.48"


def test_it_accepts_semicolons_and_a_utf8_bom_as_indonesian_excel_writes(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "excel.csv", worked_rows(), delimiter=";", encoding="utf-8-sig")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    data = read_ikm_csv(path)
    assert data.delimiter == ";"
    assert data.rows == worked_rows()


def test_blank_cells_are_unanswered_and_headers_match_loosely(tmp_path: Path) -> None:
    path = tmp_path / "blank.csv"
    path.write_text(" u1 ,U2,U3,U4,U5,U6,U7,U8,U9\n4,,3,3,3,3,3,3,3\n\n3,2,,1,1,1,1,1\n", encoding="utf-8")
    data = read_ikm_csv(path)
    assert data.rows[0]["U2"] is None and data.rows[0]["U1"] == 4
    assert data.rows[1]["U3"] is None and data.rows[1]["U9"] is None  # short row: missing cells are blank
    assert data.row_numbers == [2, 4]  # the blank line still counts as a spreadsheet row


def test_a_value_outside_the_scale_names_file_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_text(f"{HEADER}\n4,4,4,4,4,4,4,4,4\n4,4,4,5,4,4,4,4,4\n", encoding="utf-8")
    error = error_for(path)
    assert str(error) == (
        f'{path}: baris 3, kolom U4: nilai "5" di luar skala 1-4 '
        '(row 3, column U4: value "5" outside scale 1-4)'
    )
    assert (error.file, error.row, error.column) == (str(path), 3, "U4")


@pytest.mark.parametrize("cell", ["3.5", "baik", "3,5", "-1", "4.0"])
def test_text_or_a_fraction_in_a_score_column_is_rejected(tmp_path: Path, cell: str) -> None:
    path = tmp_path / "text.csv"
    path.write_text(f'{HEADER}\n4,4,4,4,4,4,4,4,4\n4,"{cell}",4,4,4,4,4,4,4\n', encoding="utf-8")
    error = error_for(path)
    assert (error.row, error.column) == (3, "U2")
    assert "bukan bilangan bulat" in str(error) and "not a whole number" in str(error)
    assert "\n" not in str(error)


def test_a_missing_column_is_named(tmp_path: Path) -> None:
    path = tmp_path / "missing.csv"
    path.write_text("U1,U2,U3,U5,U6,U7,U8,U9\n4,4,4,4,4,4,4,4\n", encoding="utf-8")
    error = error_for(path)
    assert (error.row, error.column) == (1, "U4")
    assert str(error).endswith(
        "baris 1, kolom U4: tidak ada di baris judul (row 1, column U4: missing from the header row)"
    )


def test_an_empty_file_and_a_header_without_data_are_rejected(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert "empty file" in str(error_for(empty))
    header_only = tmp_path / "header.csv"
    header_only.write_text(f"{HEADER}\n\n", encoding="utf-8")
    assert "no data rows" in str(error_for(header_only))


def test_unreadable_files_are_input_errors(tmp_path: Path) -> None:
    assert "file not found" in str(error_for(tmp_path / "nope.csv"))
    assert "directory" in str(error_for(tmp_path))
    latin = tmp_path / "latin.csv"
    latin.write_bytes(
        f"{HEADER}\n4,4,4,4,4,4,4,4,4\n".encode() + "4,4,4,4,4,4,4,4,4,Bogor é\n".encode("latin-1")
    )
    error = error_for(latin)
    assert error.row == 3 and "UTF-8" in str(error)


def test_a_duplicated_column_is_ambiguous(tmp_path: Path) -> None:
    path = tmp_path / "dup.csv"
    path.write_text(f"{HEADER},U1\n4,4,4,4,4,4,4,4,4,1\n", encoding="utf-8")
    assert error_for(path).column == "U1"


def test_a_long_or_multiline_cell_still_gives_one_line(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text(f'{HEADER}\n"sangat\nbaik sekali, pelayanannya cepat dan ramah",4,4,4,4,4,4,4,4\n')
    message = str(error_for(path))
    assert "\n" not in message and "..." in message
