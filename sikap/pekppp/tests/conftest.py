"""Fixtures of the PEKPPP tests: a 2026 mandiri cycle with the Jawa Barat division as lokus, an evaluator
on aspects a and b, a second evaluator on the rest, a pembina and a validator."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from sikap.accounts.models import Membership, User
from sikap.pekppp import actions
from sikap.pekppp.models import Cycle, Indicator, Lokus
from sikap.testing.factories import World, make_user

R = Membership.Role


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@dataclass
class Evaluation:
    world: World
    cycle: Cycle
    lokus: Lokus
    evaluator: User  # aspects a, b
    evaluator2: User  # aspects c-f
    pembina: User
    validator: User

    def indicator(self, number: int) -> Indicator:
        return self.lokus.indicators().get(number=number)


@pytest.fixture
def evaluation(world: World) -> Evaluation:
    cycle = actions.create_cycle(world.admin, year=2026, scheme=Cycle.Scheme.MANDIRI)
    lokus = actions.add_lokus(world.admin, cycle, world.division)
    evaluator = make_user("evaluator.a", (world.ministry, R.EVALUATOR))
    evaluator2 = make_user("evaluator.b", (world.ministry, R.EVALUATOR))
    actions.assign_evaluator(world.admin, lokus, evaluator, ["a", "b"])
    actions.assign_evaluator(world.admin, lokus, evaluator2, ["c", "d", "e", "f"])
    return Evaluation(
        world=world,
        cycle=cycle,
        lokus=lokus,
        evaluator=evaluator,
        evaluator2=evaluator2,
        pembina=make_user("pembina", (world.ministry, R.PEMBINA)),
        validator=make_user("validator", (world.ministry, R.VALIDATOR)),
    )
