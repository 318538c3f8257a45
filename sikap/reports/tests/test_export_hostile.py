"""Hostile unit and service names and free text in the exports: CSV (Python's writer and, on PostgreSQL,
the COPY), XLSX and .sav, each read back as a person's spreadsheet or statistics program would."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pyreadstat
import pytest
from django.db import connection
from openpyxl import load_workbook

from sikap.organisation.models import Service, Unit
from sikap.reports.exports import Export, Scope
from sikap.reports.tests.test_export_fixtures import Survey
from sikap.responses.models import Submission
from sikap.testing.factories import World
from sikap.testing.spreadsheets import HOSTILE, csv_rows, defused, no_formula_cell, xlsx_cells

pytestmark = pytest.mark.django_db

ALL = ("accepted", "suspect", "rejected")


@pytest.fixture
def hostile(world: World, survey: Survey) -> Survey:
    """The survey with hostile names on both units and the service, and hostile free text."""
    Unit.objects.filter(pk=world.division.pk).update(name=HOSTILE[0])
    Unit.objects.filter(pk=world.other_division.pk).update(name=HOSTILE[2])
    Service.objects.filter(unit=world.division).update(name=HOSTILE[1])
    for i, submission in enumerate([*survey.ours, *survey.theirs]):
        Submission.objects.filter(pk=submission.pk).update(
            suggestion=HOSTILE[i % len(HOSTILE)], complaint=HOSTILE[(i + 3) % len(HOSTILE)], age=30 + i
        )
    return survey


def by_name(rows: list[list[Any]]) -> list[dict[str, Any]]:
    header, *body = rows
    return [dict(zip(header, row, strict=True)) for row in body]


def check_rows(rows: list[dict[str, Any]], world: World) -> None:
    assert len(rows) == 7
    names = {str(world.division.code): HOSTILE[0], str(world.other_division.code): HOSTILE[2]}
    for i, row in enumerate(rows):
        assert row["unit_name"] == defused(names[row["unit_code"]])
        assert row["suggestion"] == defused(HOSTILE[i % len(HOSTILE)])
        assert row["complaint"] == defused(HOSTILE[(i + 3) % len(HOSTILE)])
        assert str(row["age"]) == str(30 + i)  # a number, no apostrophe
    services = {row["service"] for row in rows if row["unit_code"] == world.division.code}
    assert services == {defused(HOSTILE[1])}


def test_the_csv_shows_hostile_names_and_texts_as_text(world: World, hostile: Survey) -> None:
    export = Export(Scope(world.ministry, hostile.campaign.period, statuses=ALL))
    raw = b"".join(export.csv())  # PostgreSQL: the COPY; elsewhere Python's writer
    rows = csv_rows(raw)
    assert all(no_formula_cell(row) for row in rows)
    check_rows(by_name(rows), world)
    answers = [name for name in rows[0] if name.startswith("SKM_U")]
    assert all(row[a].isdigit() for row in by_name(rows) for a in answers if row[a])


def test_on_postgresql_the_copy_and_python_writers_agree_on_hostile_text(
    world: World, hostile: Survey
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("only PostgreSQL writes with COPY")
    scope = Scope(world.ministry, hostile.campaign.period, statuses=ALL)
    assert csv_rows(b"".join(Export(scope).csv())) == csv_rows(b"".join(Export(scope).python_csv()))


def test_the_xlsx_shows_them_as_text_cells_and_numbers_as_numbers(
    world: World, hostile: Survey, tmp_path: Path
) -> None:
    path = tmp_path / "jawaban.xlsx"
    Export(Scope(world.ministry, hostile.campaign.period, statuses=ALL)).write("xlsx", str(path))
    content = path.read_bytes()
    assert all(cell.data_type != "f" for cell in xlsx_cells(content))
    sheet = load_workbook(io.BytesIO(content))["Data"]
    rows = by_name([list(row) for row in sheet.iter_rows(values_only=True)])
    for row in rows:  # XlsxWriter keeps a CR as Excel's _x000D_, which Excel shows as the CR itself
        for name in ("unit_name", "service", "suggestion", "complaint"):
            if isinstance(row[name], str):
                row[name] = row[name].replace("_x000D_", "\r")
    check_rows(rows, world)
    assert all(isinstance(row["age"], int) and isinstance(row["SKM_U1"], int) for row in rows)


def test_the_sav_keeps_the_text_exact_for_statistics_programs(
    world: World, hostile: Survey, tmp_path: Path
) -> None:
    # SPSS, PSPP, R and pandas read .sav values as data and run no formula, and no spreadsheet opens a
    # .sav itself: an apostrophe there would only corrupt the respondents' text.
    path = tmp_path / "jawaban.sav"
    Export(Scope(world.ministry, hostile.campaign.period, statuses=ALL)).write("sav", str(path))
    frame, _meta = pyreadstat.read_sav(str(path))
    assert list(frame["suggestion"]) == [HOSTILE[i % len(HOSTILE)] for i in range(7)]
