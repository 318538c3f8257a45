"""Exports of a 0-5 instrument with answers "not applicable / don't know": a 0 is a score, a blank is
blank, and N/A is "TT" in CSV (Python and COPY alike) and XLSX, and a labelled user-missing code in .sav."""

from __future__ import annotations

import csv
import datetime
import io
from pathlib import Path

import openpyxl
import pyreadstat
import pytest
from django.db import connection
from django.utils import timezone

from sikap.indices.tests.helpers import submit_answers
from sikap.reports.exports import Export, Scope
from sikap.reports.exports.sav import NA_SAV
from sikap.testing.factories import World, make_campaign, make_period, make_scaled_version

pytestmark = pytest.mark.django_db

ANSWERS = [
    {"SKALA05-E1": "0", "SKALA05-E2": "TT", "SKALA05-E3": "5"},
    {"SKALA05-E1": "4", "SKALA05-E2": "2"},  # E3 left blank
    {"SKALA05-E1": "5", "SKALA05-E2": "0", "SKALA05-E3": "tidak berlaku"},
]
# Per row: E1, E2, E3 as the CSV writes them.
EXPECTED = [["0", "TT", "5"], ["4", "2", ""], ["5", "0", "TT"]]


@pytest.fixture
def scope(world: World) -> Scope:
    make_scaled_version("SKALA05")
    today = timezone.localdate()
    period = make_period("Ekspor SKALA05", start=today - datetime.timedelta(days=5), end=today)
    campaign = make_campaign([world.division], period, ("SKALA05",), with_service_links=False)
    for data in ANSWERS:
        submit_answers(campaign, world.division, data)
    return Scope(world.division, period)


def answers_of(raw: bytes) -> list[list[str]]:
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    return [[row["SKALA05_E1"], row["SKALA05_E2"], row["SKALA05_E3"]] for row in rows]


def test_the_python_csv_writes_not_applicable_as_tt(scope: Scope) -> None:
    assert answers_of(b"".join(Export(scope).python_csv())) == EXPECTED


def test_the_copy_csv_writes_the_same_rows_as_python(scope: Scope) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the COPY path is PostgreSQL's")
    copied, written = b"".join(Export(scope).csv()), b"".join(Export(scope, chunk_size=2).python_csv())
    assert answers_of(copied) == EXPECTED
    as_rows = [
        list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""))) for raw in (copied, written)
    ]
    assert as_rows[0] == as_rows[1]


def test_the_xlsx_holds_tt_as_text_and_explains_it(scope: Scope, tmp_path: Path) -> None:
    path = tmp_path / "f03.xlsx"
    Export(scope).write("xlsx", str(path))
    book = openpyxl.load_workbook(path, read_only=True)
    rows = list(book["Data"].iter_rows(values_only=True))
    at = [rows[0].index(name) for name in ("SKALA05_E1", "SKALA05_E2", "SKALA05_E3")]
    assert [[row[i] for i in at] for row in rows[1:]] == [[0, "TT", 5], [4, 2, None], [5, 0, "TT"]]
    codebook = {row[0]: row[2] for row in book["Keterangan"].iter_rows(min_row=6, values_only=True)}
    assert codebook["SKALA05_E2"] == "0 = 0; 1 = 1; 2 = 2; 3 = 3; 4 = 4; 5 = 5; TT = Tidak berlaku/tidak tahu"
    assert "TT" not in codebook["SKALA05_E1"]


def test_the_sav_has_not_applicable_as_a_labelled_user_missing_code(scope: Scope, tmp_path: Path) -> None:
    path = tmp_path / "f03.sav"
    Export(scope).write("sav", str(path))
    frame, meta = pyreadstat.read_sav(str(path), user_missing=True)
    assert [list(frame[n]) for n in ("SKALA05_E1", "SKALA05_E2")] == [[0, 4, 5], [NA_SAV, 2, 0]]
    e3 = list(frame["SKALA05_E3"])
    assert (e3[0], e3[2]) == (5, NA_SAV) and e3[1] != e3[1]  # the blank is system-missing (NaN)
    assert meta.variable_value_labels["SKALA05_E2"][NA_SAV] == "Tidak berlaku/tidak tahu"
    assert NA_SAV not in meta.variable_value_labels["SKALA05_E1"]
    assert meta.missing_ranges["SKALA05_E2"] == [{"lo": NA_SAV, "hi": NA_SAV}]
    assert "SKALA05_E1" not in meta.missing_ranges
    # Read as SPSS computes: the N/A code is missing, never a score of 99.
    plain, _meta = pyreadstat.read_sav(str(path))
    assert plain["SKALA05_E2"].mean() == pytest.approx(1.0)
