"""The evaluation sheet (PDF, XLSX), the ranking XLSX and the piagam, read back with pypdf and openpyxl."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from sikap.pekppp import actions
from sikap.pekppp.tests.conftest import Evaluation
from sikap.pekppp.tests.results_helpers import answer_f03, command_result, idnum, score, validate

pytestmark = pytest.mark.django_db


def url(evaluation: Evaluation, name: str) -> str:
    return f"/pekppp/hasil/lokus/{evaluation.lokus.pk}/{name}"


def pdf_text(content: bytes) -> tuple[str, Any]:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages), reader


def test_the_evaluation_sheet_pdf_has_the_f02_layout_and_the_result(
    evaluation: Evaluation, login: Any
) -> None:
    score(evaluation, evaluation.lokus, {1: 5, 14: 2}, note="Maklumat dipasang")
    answer_f03(evaluation, evaluation.lokus, 10)
    expected = command_result(evaluation.lokus)
    response = login(evaluation.pembina).get(url(evaluation, "lembar-evaluasi.pdf"))
    assert response["Content-Type"] == "application/pdf"
    text, _ = pdf_text(response.content)
    assert "Lembar Evaluasi (F-02)".upper() in text.upper()
    assert evaluation.world.division.name in text
    assert idnum(expected["ipp"]) in text and idnum(expected["f02"], 4) in text
    assert "Maklumat dipasang" in text and "1.a.Ak" in text and "30.f.B" in text
    assert "NIP" in text  # the signature block


def test_the_evaluation_sheet_xlsx_reads_back(evaluation: Evaluation, login: Any) -> None:
    score(evaluation, evaluation.lokus, {1: 5}, note="SK ada")
    answer_f03(evaluation, evaluation.lokus, 10)
    expected = command_result(evaluation.lokus)
    response = login(evaluation.pembina).get(url(evaluation, "lembar-evaluasi.xlsx"))
    book = load_workbook(io.BytesIO(response.content))
    summary = {row[0]: row[1] for row in book.worksheets[0].iter_rows(values_only=True) if row and row[0]}
    assert summary["IPP"] == expected["ipp"]
    assert summary["F-02"] == expected["f02"]
    assert summary["Predikat"] == expected["grade"]
    rows = list(book.worksheets[1].iter_rows(values_only=True))
    assert rows[0][:7] == (
        "No.",
        "Kode",
        "Aspek",
        "Indikator",
        "Bobot (%)",
        "Nilai (0-5)",
        "Nilai tertimbang",
    )
    first = rows[1]
    assert first[0] == 1 and first[1] == "1.a.Ak" and first[4] == 17 and first[5] == 5
    assert first[6] == pytest.approx(0.85) and first[7] == "SK ada"
    assert len(rows) == 31


def test_the_ranking_xlsx_lists_units_by_ipp(evaluation: Evaluation, login: Any) -> None:
    world = evaluation.world
    second = actions.add_lokus(world.admin, evaluation.cycle, world.other_division)
    actions.assign_evaluator(world.admin, second, evaluation.evaluator, ["a", "b", "c", "d", "e", "f"])
    score(evaluation, evaluation.lokus, 2)
    score(evaluation, second, 4)
    answer_f03(evaluation, evaluation.lokus, 10)
    answer_f03(evaluation, second, 10)
    response = login(evaluation.pembina).get(f"/pekppp/hasil/siklus/{evaluation.cycle.pk}/peringkat.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book.worksheets[0].iter_rows(min_row=3, values_only=True))
    assert [(r[0], r[1], r[5]) for r in rows] == [
        (1, world.other_division.code, command_result(second)["ipp"]),
        (2, world.division.code, command_result(evaluation.lokus)["ipp"]),
    ]
    grades = {r[0]: r[2] for r in book.worksheets[1].iter_rows(min_row=2, max_row=10, values_only=True)}
    assert sum(grades.values()) == 2


def test_a_piagam_for_an_a_grade_is_a4_landscape(evaluation: Evaluation, login: Any) -> None:
    score(evaluation, evaluation.lokus, 5)
    answer_f03(evaluation, evaluation.lokus, 10, value=5)
    validate(evaluation, evaluation.lokus)
    assert command_result(evaluation.lokus)["grade"] == "A"
    response = login(evaluation.world.operator).get(url(evaluation, "piagam.pdf"))
    assert response.status_code == 200
    text, reader = pdf_text(response.content)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)  # landscape
    assert "PIAGAM PENGHARGAAN" in text and evaluation.world.division.name in text
    assert "Pelayanan Prima" in text and "5,00" in text
    assert f"Kepala {evaluation.world.ministry.name}" in text  # signed for the ministry


def test_a_piagam_is_refused_below_a_minus_and_for_results_not_final(
    evaluation: Evaluation, login: Any
) -> None:
    score(evaluation, evaluation.lokus, 3)
    client = login(evaluation.pembina)
    refused = client.get(url(evaluation, "piagam.pdf"))
    assert refused.status_code == 403 and "belum final" in refused.content.decode()
    answer_f03(evaluation, evaluation.lokus, 10, value=3)
    refused = client.get(url(evaluation, "piagam.pdf"))
    assert refused.status_code == 403
    assert "berpredikat " + command_result(evaluation.lokus)["grade"] in refused.content.decode()
    page = client.get(url(evaluation, "")).content.decode()
    assert "piagam.pdf" not in page
