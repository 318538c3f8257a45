"""Suggested levels from F-01 answers, with the shipped rules."""

from __future__ import annotations

import pytest

from sikap.pekppp.models import FrameworkVersion
from sikap.pekppp.suggest import suggest_level


def rule(number: int) -> dict[str, object]:
    version = FrameworkVersion.objects.current()
    assert version is not None
    return version.indicators.get(number=number, variant__in=["all", "counter"]).suggest


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("number", "answers", "level"),
    [
        (7, {"jumlah_media": 0}, 0),
        (7, {"jumlah_media": 3}, 3),
        (7, {"jumlah_media": 9}, 5),  # more than 4 media
        (18, {"jumlah_sarana": 3}, 1),  # 1-3
        (18, {"jumlah_sarana": 4}, 2),
        (18, {"jumlah_sarana": 13}, 5),
        (14, {"unsur_budaya": ["Seragam", "Tanda nama"]}, 2),
        (10, {"kebijakan": False, "kemudahan": ["24 jam"]}, 0),  # no policy, no level
        (10, {"kebijakan": True, "kemudahan": []}, 1),
        (10, {"kebijakan": True, "kemudahan": ["24 jam", "Hari tambahan rutin"]}, 3),
        (16, {"fasilitas_wajib": True, "tambahan": ["Wifi"] * 6}, 5),  # 4 or more extras
        (24, {"kondisi": 4}, 4),
        (7, {}, None),
        (10, {"kemudahan": ["24 jam"]}, None),  # the gate unanswered decides nothing
    ],
)
def test_the_checklist_suggests_the_level(number: int, answers: dict[str, object], level: int | None) -> None:
    assert suggest_level(rule(number), answers) == level


def test_an_empty_rule_suggests_nothing() -> None:
    assert suggest_level({}, {"x": 1}) is None
