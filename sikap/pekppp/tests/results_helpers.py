"""Helpers of the result page tests: levels through `actions.set_level`, F-03 answers through
`actions.import_f03`, the result as `sikap pekppp result --json` prints it."""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

from django.core.management import call_command

from sikap.pekppp import actions
from sikap.pekppp.models import Lokus
from sikap.pekppp.tests.conftest import Evaluation

F03_ITEMS = [*map(str, range(1, 13)), "14", "15"]


def score(evaluation: Evaluation, lokus: Lokus, level: int | dict[int, int], note: str = "") -> None:
    """Every indicator at `level` (or {number: level}, the rest at 3)."""
    for indicator in lokus.indicators():
        value = level if isinstance(level, int) else level.get(indicator.number, 3)
        actions.set_level(evaluation.evaluator, lokus, indicator, value, note=note)


def answer_f03(evaluation: Evaluation, lokus: Lokus, respondents: int, value: int = 4) -> None:
    actions.import_f03(evaluation.world.admin, lokus, [dict.fromkeys(F03_ITEMS, value)] * respondents)


def validate(evaluation: Evaluation, lokus: Lokus) -> None:
    actions.finalise(evaluation.world.admin, lokus)
    actions.validate(evaluation.validator, lokus)


def command_result(lokus: Lokus) -> dict[str, Any]:
    out = StringIO()
    year = str(lokus.cycle.year)
    call_command("pekppp", "result", "--unit", lokus.unit.code, "--year", year, "--json", stdout=out)
    return dict(json.loads(out.getvalue()))


def idnum(value: float, places: int = 2) -> str:
    """Indonesian format of a figure as the pages print it (no thousands here)."""
    return f"{value:.{places}f}".replace(".", ",")
