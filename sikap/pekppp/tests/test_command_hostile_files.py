"""`sikap pekppp import-f02|import-f03` with hostile files: every problem named, exit 2, nothing stored,
never a traceback (issue 14: Unicode digits, NUL, a file not in UTF-8, a cell over the csv limit)."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from sikap.pekppp.models import Score
from sikap.pekppp.tests.conftest import Evaluation
from sikap.responses.models import Submission

pytestmark = pytest.mark.django_db

F03_ITEMS = [*map(str, range(1, 13)), "14", "15"]


def fails(command: str, content: bytes, tmp_path: Path) -> str:
    path = tmp_path / "berkas.csv"
    path.write_bytes(content)
    err = StringIO()
    with pytest.raises(CommandError) as failed:
        call_command(
            "pekppp", command, str(path), "--unit", "kanwil-jabar-ki", "--year", "2026",
            stdout=StringIO(), stderr=err,
        )  # fmt: skip
    assert failed.value.returncode == 2
    return err.getvalue() + str(failed.value)


def f02(*rows: str) -> bytes:
    lines = ["indikator,nilai,catatan", *rows, *[f"{n},4," for n in range(3, 31)]]
    return ("\n".join(lines) + "\n").encode()


@pytest.mark.parametrize("level", ["²", "١", "３", "4²", "9" * 5000])
def test_an_f02_level_in_unicode_digits_is_named_by_row_and_column(
    evaluation: Evaluation, tmp_path: Path, level: str
) -> None:
    text = fails("import-f02", f02(f"1,{level},", "2,4,"), tmp_path)
    assert "Baris 2, kolom nilai" in text
    assert not Score.objects.exists()


def test_an_f02_note_with_a_nul_is_named_by_row_and_column(evaluation: Evaluation, tmp_path: Path) -> None:
    text = fails("import-f02", f02("1,4,SK ada\x00", "2,4,"), tmp_path)
    assert "Baris 2, kolom catatan" in text and "karakter kendali" in text
    assert not Score.objects.exists()


@pytest.mark.parametrize("command", ["import-f02", "import-f03"])
def test_a_file_not_in_utf8_is_a_message(evaluation: Evaluation, tmp_path: Path, command: str) -> None:
    text = fails(command, "indikator,nilai,catatan\n1,4,Sudah baik é\n".encode("cp1252"), tmp_path)
    assert "UTF-8" in text
    assert not Score.objects.exists() and not Submission.objects.exists()


@pytest.mark.parametrize("command", ["import-f02", "import-f03"])
def test_a_cell_over_the_csv_limit_is_a_message(evaluation: Evaluation, tmp_path: Path, command: str) -> None:
    text = fails(command, b"indikator,nilai,catatan\n1,4," + b"a" * 131_073 + b"\n", tmp_path)
    assert "terlalu panjang" in text
    assert not Score.objects.exists() and not Submission.objects.exists()


def test_an_f03_answer_in_unicode_digits_is_named(evaluation: Evaluation, tmp_path: Path) -> None:
    row = ";".join("٤" if item == "3" else "4" for item in F03_ITEMS)
    text = fails("import-f03", (";".join(F03_ITEMS) + "\n" + row + "\n").encode(), tmp_path)
    assert "Baris 2, kolom 3" in text
    assert not Submission.objects.exists()
