"""The PEKPPP pages' hand-read inputs (levels, notes, questions, F-01 answers): Unicode digits, huge numbers
and NUL get a message, never a 500, and nothing is stored (issue 14)."""

from __future__ import annotations

from typing import Any

import pytest

from sikap.pekppp.models import Clarification, Score
from sikap.pekppp.tests.conftest import Evaluation

pytestmark = pytest.mark.django_db

HOSTILE_NUMBERS = ["²", "١", "３", "9" * 5000, "-1"]


def _url(e: Evaluation, page: str = "") -> str:
    return f"/pekppp/lokus/{e.lokus.pk}/{page}"


@pytest.mark.parametrize("level", HOSTILE_NUMBERS)
def test_an_f02_level_in_unicode_digits_is_refused(evaluation: Evaluation, login: Any, level: str) -> None:
    url = _url(evaluation, f"f02/a/nilai/{evaluation.indicator(1).pk}/")
    reply = login(evaluation.evaluator).post(url, {"nilai": level}, follow=True)
    assert reply.status_code == 200
    assert "Pilih nilai 0 sampai 5" in reply.content.decode()
    assert not Score.objects.exists()


def test_an_f02_note_with_a_nul_is_refused_naming_it(evaluation: Evaluation, login: Any) -> None:
    url = _url(evaluation, f"f02/a/nilai/{evaluation.indicator(1).pk}/")
    reply = login(evaluation.evaluator).post(url, {"nilai": "3", "catatan": "ada\x00"}, follow=True)
    assert reply.status_code == 200
    assert "Catatan: Berisi karakter kendali" in reply.content.decode()
    assert not Score.objects.exists()


def test_a_question_with_a_nul_is_refused(evaluation: Evaluation, login: Any) -> None:
    url = _url(evaluation, f"f02/a/klarifikasi/{evaluation.indicator(1).pk}/")
    reply = login(evaluation.evaluator).post(url, {"pertanyaan": "Mana\x00 SK?"}, follow=True)
    assert "karakter kendali" in reply.content.decode()
    assert not Clarification.objects.exists()


@pytest.mark.parametrize(
    "data",
    [{"q-7.a.T-jumlah_media": "²"}, {"q-7.a.T-jumlah_media": "9" * 5000}, {"q-1.a.Ak-catatan": "x\x00"}],
)
def test_f01_answers_in_unicode_digits_or_with_a_nul_are_no_500(
    evaluation: Evaluation, login: Any, data: dict[str, str]
) -> None:
    reply = login(evaluation.world.operator).post(_url(evaluation, "f01/"), data, follow=True)
    assert reply.status_code == 200
