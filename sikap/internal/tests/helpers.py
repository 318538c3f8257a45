"""Roster files written for real (CSV and XLSX in tmp_path) and a period to import them into."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from sikap.testing.factories import make_period

HEADER = [
    "nama",
    "email",
    "telepon",
    "jenis_jabatan",
    "perspektif",
    "jenis_kelamin",
    "kelompok_usia",
    "masa_kerja",
]
ROWS = [
    ["Ani Lestari", "ani@example.go.id", "0812-3456-7890", "Fungsional", "pengguna", "P", "34", "7"],
    ["Budi Santoso", "", "+62 812 1111 2222", "STRUKTURAL", "Pimpinan", "laki-laki", "50+", "20+"],
    ["", "", "", "pelaksana", "provider", "l", "under 30", "3"],
    ["Citra", "citra@example.go.id", "", "pppk", "penyedia", "Perempuan", "40-49", "10-19"],
]


def write_csv(
    tmp_path: Path, rows: list[list[Any]], header: list[str] | None = None, name: str = "daftar.csv"
) -> Path:
    path = tmp_path / name
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(header or HEADER)
        writer.writerows(rows)
    return path


def write_xlsx(
    tmp_path: Path, rows: list[list[Any]], header: list[str] | None = None, name: str = "daftar.xlsx"
) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(header or HEADER)
    for row in rows:
        sheet.append(row)
    path = tmp_path / name
    book.save(path)
    return path


def period() -> Any:
    return make_period("2026 Semester II")
