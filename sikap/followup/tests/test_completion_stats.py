import datetime

import pytest

from sikap.followup import actions
from sikap.followup.queries import completion_stats

pytestmark = pytest.mark.django_db


def plan(world, unit, period, code, deadline):
    return actions.create_item(
        world.admin, unit, period, element_code=code, action=f"Aksi {code}", deadline=deadline
    )


def test_rate_average_days_and_overdue_per_unit(world, period, clock, complaint):
    late = datetime.date(2027, 1, 20)
    items = [plan(world, world.division, period, c, late) for c in ("U1", "U2", "U3", "U4", "U5")]
    other = plan(world, world.other_division, period, "U1", late)
    clock.set(2027, 1, 14)
    actions.update_item(world.operator, items[0], status="done")  # 4 days
    clock.set(2027, 1, 20)
    actions.update_item(world.operator, items[1], status="done")  # 10 days
    actions.cancel_item(world.operator, items[2], "Tidak relevan")
    actions.update_item(world.operator, items[3], status="in_progress")
    # A feedback item counts from the complaint's arrival (2027-01-10 09:00), not from the answer.
    assert complaint.created_at == datetime.datetime(2027, 1, 10, 9, tzinfo=clock.value.tzinfo)
    actions.answer_feedback(world.operator, complaint, "Sudah ditangani.")
    clock.set(2027, 1, 25)  # items 3 (in progress) and 4 (planned) are now past their deadline

    stats = completion_stats([world.division.pk, world.other_division.pk, world.kanwil.pk], period)
    mine = stats[world.division.pk]
    assert (mine.total, mine.done, mine.cancelled, mine.overdue) == (6, 3, 1, 2)
    assert mine.rate == pytest.approx(3 / 5)
    assert mine.avg_days == pytest.approx((4 + 10 + 10) / 3)
    assert stats[other.unit_id] == (1, 0, 0, 1, 0.0, None)
    assert world.kanwil.pk not in stats


def test_a_unit_whose_items_are_all_cancelled_has_no_rate(world, period):
    item = plan(world, world.division, period, "U1", datetime.date(2030, 1, 1))
    actions.cancel_item(world.operator, item, "Dobel")
    assert completion_stats([world.division.pk], period)[world.division.pk] == (1, 0, 1, 0, None, None)


def test_it_is_one_query_whatever_the_number_of_units(world, period, django_assert_num_queries):
    for code in ("U1", "U2"):
        plan(world, world.division, period, code, datetime.date(2030, 1, 1))
        plan(world, world.other_division, period, code, datetime.date(2030, 1, 1))
    with django_assert_num_queries(1):
        assert len(completion_stats([world.division.pk, world.other_division.pk], period)) == 2
