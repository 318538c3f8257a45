import datetime

import pytest

from sikap.followup import actions
from sikap.followup.queries import completion_stats
from sikap.followup.tests.helpers import DEADLINE

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
    actions.update_item(
        world.operator, items[0], status="done", notes="Dikerjakan; lihat laporan kegiatan"
    )  # 4 days
    clock.set(2027, 1, 20)
    actions.update_item(
        world.operator, items[1], status="done", notes="Dikerjakan; lihat laporan kegiatan"
    )  # 10 days
    actions.cancel_item(world.operator, items[2], "Tidak relevan")
    actions.update_item(world.operator, items[3], status="in_progress")
    # Issue 10: answering a complaint is a reply, not a completed plan item: it used to add a done item
    # here (6 items, 3 done, rate 3/5) and lift the rate PEKPPP scores.
    actions.answer_feedback(world.operator, complaint, "Sudah ditangani.")
    clock.set(2027, 1, 25)  # items 3 (in progress) and 4 (planned) are now past their deadline

    stats = completion_stats([world.division.pk, world.other_division.pk, world.kanwil.pk], period)
    mine = stats[world.division.pk]
    assert (mine.total, mine.done, mine.cancelled, mine.overdue) == (5, 2, 1, 2)
    assert mine.rate == pytest.approx(2 / 4)
    assert mine.avg_days == pytest.approx((4 + 10) / 2)
    assert stats[other.unit_id] == (1, 0, 0, 1, 0.0, None)
    assert world.kanwil.pk not in stats


def test_a_feedback_item_counts_from_the_complaints_arrival_once_done_with_a_note(
    world, period, clock, complaint
):
    assert complaint.created_at == datetime.datetime(2027, 1, 10, 9, tzinfo=clock.value.tzinfo)
    item = actions.create_item(
        world.operator,
        world.division,
        period,
        submission=complaint,
        action="Loket 3 dibuka",
        deadline=DEADLINE,
    )
    actions.answer_feedback(world.operator, complaint, "Loket 3 akan dibuka.")
    assert completion_stats([world.division.pk], period)[world.division.pk].rate == 0.0
    clock.set(2027, 1, 20, 9)
    actions.update_item(world.operator, item, status="done", notes="Loket 3 dibuka sejak 20 Januari")
    mine = completion_stats([world.division.pk], period)[world.division.pk]
    assert (mine.total, mine.done, mine.rate, mine.avg_days) == (1, 1, 1.0, pytest.approx(10))


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
