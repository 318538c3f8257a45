import datetime
from decimal import Decimal

import pytest

from sikap.audit.models import AuditEvent
from sikap.followup import actions
from sikap.followup.models import FollowUpItem
from sikap.indices.queries import version_for
from sikap.indices.tests.helpers import compute
from sikap.testing.factories import make_period

pytestmark = pytest.mark.django_db


def lowest(unit, period, count):
    result = compute([unit.pk], version_for("SKM", period), period)
    ranked = sorted((e for e in result.elements if e.mean is not None), key=lambda e: (e.mean, e.code))
    return ranked[:count]


def test_it_plans_the_three_elements_with_the_lowest_means(world, period, clock):
    made = actions.propose_from_weak_elements(world.operator, world.division, period)
    expected = lowest(world.division, period, 3)
    assert [i.element_code for i in made] == [e.code for e in expected]
    assert [i.element_name for i in made] == [e.name for e in expected]
    assert [i.element_mean for i in made] == [Decimal(f"{e.mean:.3f}") for e in expected]
    assert all(i.status == FollowUpItem.Status.PLANNED and i.source == "element" for i in made)
    assert all(i.deadline == datetime.date(2027, 4, 10) for i in made)  # period end or today, + 90 days
    assert AuditEvent.objects.filter(action="followup.create").count() == 3


def test_the_means_are_those_of_the_unit_alone(world, period):
    made = actions.propose_from_weak_elements(world.operator, world.division, period, count=9)
    pooled = compute([world.division.pk, world.other_division.pk], version_for("SKM", period), period)
    own = {e.code: e for e in lowest(world.division, period, 9)}
    assert len(made) == len(own) == 9
    assert all(item.element_mean == Decimal(f"{own[item.element_code].mean:.3f}") for item in made)
    assert {e.code: e.mean for e in pooled.elements} != {c: e.mean for c, e in own.items()}


def test_proposing_again_changes_nothing(world, period):
    first = actions.propose_from_weak_elements(world.operator, world.division, period)
    assert actions.propose_from_weak_elements(world.operator, world.division, period) == []
    assert FollowUpItem.objects.count() == len(first) == 3


def test_elements_already_planned_are_skipped_even_when_cancelled(world, period):
    weakest = lowest(world.division, period, 4)
    item = actions.create_item(
        world.operator,
        world.division,
        period,
        element_code=weakest[0].code,
        action="Tambah kursi tunggu",
        deadline=datetime.date(2027, 2, 1),
    )
    actions.cancel_item(world.operator, item, "Anggaran dialihkan")
    made = actions.propose_from_weak_elements(world.operator, world.division, period)
    assert [i.element_code for i in made] == [e.code for e in weakest[1:3]]


def test_a_unit_without_answers_gets_no_items(world, period):
    assert actions.propose_from_weak_elements(world.operator, world.kanwil, period) == []
    empty = make_period("2027 Semester I", datetime.date(2027, 1, 1), datetime.date(2027, 6, 30))
    assert actions.propose_from_weak_elements(world.operator, world.division, empty) == []
    assert not FollowUpItem.objects.exists()
