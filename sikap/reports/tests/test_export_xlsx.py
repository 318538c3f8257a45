"""XLSX export: read back with openpyxl, it holds the stored answers and a codebook sheet."""

from __future__ import annotations

import datetime
from pathlib import Path

import openpyxl
import pytest

from sikap.reports.exports import Export, Scope
from sikap.reports.tests.test_export_fixtures import (
    COMPLAINT,
    DEVICE,
    FORMULA,
    Survey,
    stored_answers,
)
from sikap.testing.factories import World

pytestmark = pytest.mark.django_db


def test_the_workbook_matches_the_stored_answers(world: World, survey: Survey, tmp_path: Path) -> None:
    path = tmp_path / "jawaban.xlsx"
    scope = Scope(world.ministry, survey.campaign.period, statuses=("accepted", "suspect", "rejected"))
    Export(scope, chunk_size=2).write("xlsx", str(path))
    book = openpyxl.load_workbook(path, read_only=True)
    assert book.sheetnames == ["Data", "Keterangan"]
    rows = list(book["Data"].iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert len(body) == 7
    by_no = [dict(zip(header, row, strict=True)) for row in body]
    for row, submission in zip(by_no, [*survey.ours, *survey.theirs], strict=True):
        for name, value in stored_answers(submission).items():
            assert row[name] == value, name
    first = by_no[0]
    assert first["no"] == 1 and first["age"] == 34 and first["age_band"] == "30-39"
    assert first["answered_on"] == datetime.datetime.combine(survey.campaign.period.start, datetime.time())
    assert first["suggestion"] == "'" + FORMULA  # a typed string cell, defused as in the CSV
    assert first["complaint"] == COMPLAINT
    assert all(DEVICE not in str(v) for row in rows for v in row)


def test_the_codebook_names_every_column_with_its_labels(
    world: World, survey: Survey, tmp_path: Path
) -> None:
    path = tmp_path / "jawaban.xlsx"
    Export(Scope(world.division, survey.campaign.period, instrument="SKM")).write("xlsx", str(path))
    book = openpyxl.load_workbook(path, read_only=True)
    codebook = {row[0]: row[1:] for row in book["Keterangan"].iter_rows(min_row=6, values_only=True)}
    assert codebook["SKM_U1"][0] == "Persyaratan"
    assert codebook["SKM_U1"][1].startswith("1 = Tidak sesuai; 2 = Kurang sesuai")
    assert "SPKP_K1" not in codebook


def test_an_empty_scope_still_gives_a_workbook_with_a_header(world: World, tmp_path: Path) -> None:
    from sikap.testing.factories import make_period

    path = tmp_path / "kosong.xlsx"
    assert Export(Scope(world.division, make_period())).write("xlsx", str(path)) == 0
    rows = list(openpyxl.load_workbook(path, read_only=True)["Data"].iter_rows(values_only=True))
    assert rows[0][:2] == ("no", "unit_code") and len(rows) == 1
