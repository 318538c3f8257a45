"""Hostile unit names and evaluator notes in the PEKPPP workbooks (evaluation sheet, ranking): read back
with openpyxl, no cell is a formula and each shows the text; scores stay numbers."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import load_workbook

from sikap.organisation.models import Unit
from sikap.pekppp.tests.conftest import Evaluation
from sikap.pekppp.tests.results_helpers import answer_f03, command_result, score
from sikap.testing.spreadsheets import HOSTILE, defused, xlsx_texts

pytestmark = pytest.mark.django_db


def test_the_evaluation_sheet_shows_a_hostile_name_and_note_as_text(
    evaluation: Evaluation, login: Any
) -> None:
    score(evaluation, evaluation.lokus, {1: 5}, note=HOSTILE[2])
    answer_f03(evaluation, evaluation.lokus, 10)
    Unit.objects.filter(pk=evaluation.world.division.pk).update(name=HOSTILE[0])
    url = f"/pekppp/hasil/lokus/{evaluation.lokus.pk}/lembar-evaluasi.xlsx"
    content = login(evaluation.pembina).get(url).content
    texts = xlsx_texts(content)  # fails on any formula cell
    assert defused(HOSTILE[0]) in texts and defused(HOSTILE[2]) in texts
    f02 = load_workbook(io.BytesIO(content)).worksheets[1]
    first = next(f02.iter_rows(min_row=2, values_only=True))
    assert first[4] == 17 and first[5] == 5 and first[7] == defused(HOSTILE[2])


def test_the_ranking_shows_a_hostile_name_as_text(evaluation: Evaluation, login: Any) -> None:
    score(evaluation, evaluation.lokus, 2)
    answer_f03(evaluation, evaluation.lokus, 10)
    Unit.objects.filter(pk=evaluation.world.division.pk).update(name=HOSTILE[3])
    url = f"/pekppp/hasil/siklus/{evaluation.cycle.pk}/peringkat.xlsx"
    content = login(evaluation.pembina).get(url).content
    assert defused(HOSTILE[3]) in xlsx_texts(content)
    rows = list(load_workbook(io.BytesIO(content)).worksheets[0].iter_rows(min_row=3, values_only=True))
    assert rows[0][2] == defused(HOSTILE[3]) and rows[0][5] == command_result(evaluation.lokus)["ipp"]
