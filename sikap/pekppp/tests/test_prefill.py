"""Indicators 6-9 are prefilled from Sikap's own data, figures shown to the unit and the evaluator."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from sikap.followup.actions import create_recommended_item
from sikap.followup.models import FollowUpItem
from sikap.pekppp import prefill
from sikap.pekppp.tests.conftest import Evaluation
from sikap.testing.factories import make_period

pytestmark = pytest.mark.django_db


def _items(evaluation: Evaluation) -> None:
    period = make_period()
    for action in ("Perbaiki papan", "Tambah kursi"):
        create_recommended_item(
            None, evaluation.world.division, period, action=action, deadline=datetime.date(2026, 12, 1)
        )
    first = FollowUpItem.objects.order_by("pk").first()
    assert first is not None
    FollowUpItem.objects.filter(pk=first.pk).update(
        status=FollowUpItem.Status.DONE, completed_at=first.started_at + datetime.timedelta(days=10)
    )


def test_follow_up_figures_suggest_levels_for_indicators_8_and_9(evaluation: Evaluation) -> None:
    _items(evaluation)
    indicators = list(evaluation.lokus.indicators().filter(number__in=[6, 7, 8, 9]))
    figures, suggested = prefill.for_page(evaluation.lokus, indicators)
    assert "1 dari 2 (50 %)" in figures["8.a.Ak"][0] and "10" in figures["9.a.Ak"][0]
    assert suggested == {
        "6.a.B": {"kondisi": 0},
        "7.a.T": {"jumlah_media": 0},
        "8.a.Ak": {"kondisi": 3},
        "9.a.Ak": {"kondisi": 5},
    }


def test_the_unit_sees_the_figures_and_its_own_answer_wins(evaluation: Evaluation, login: Any) -> None:
    _items(evaluation)
    url = f"/pekppp/lokus/{evaluation.lokus.pk}/f01/"
    page = login(evaluation.world.operator).get(url).content.decode()
    assert "Dari data Sikap" in page and 'name="q-8.a.Ak-kondisi" value="3" checked' in page
    login(evaluation.world.operator).post(
        url, {"q-8.a.Ak-kondisi": "2", "q-8.a.Ak-catatan": "satu butir batal"}
    )
    page = login(evaluation.world.operator).get(url).content.decode()
    assert 'name="q-8.a.Ak-kondisi" value="2" checked' in page
    f02 = login(evaluation.evaluator).get(f"/pekppp/lokus/{evaluation.lokus.pk}/f02/a/").content.decode()
    assert "1 dari 2 (50 %)" in f02
