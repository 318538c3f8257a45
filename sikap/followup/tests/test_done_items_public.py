import datetime

import pytest

from sikap.followup import actions
from sikap.followup.queries import PublicFollowUp, done_items_public
from sikap.followup.tests.helpers import element_item

pytestmark = pytest.mark.django_db


def test_only_done_public_items_appear_and_never_the_respondents_words(world, period, complaint, clock):
    deadline = datetime.date(2027, 3, 1)
    shown = element_item(world, period, "U1", "Syarat diringkas", deadline=deadline)
    hidden = element_item(world, period, "U2", "Rahasia", deadline=deadline, public=False)
    element_item(world, period, "U3", "Belum selesai", deadline=deadline)
    feedback = actions.create_item(
        world.operator,
        world.division,
        period,
        submission=complaint,
        action="Loket 3 dibuka",
        deadline=deadline,
        public=True,
    )
    actions.answer_feedback(world.operator, complaint, "Jawaban pribadi untuk pelapor")
    clock.set(2027, 2, 1)
    for item in (shown, hidden):
        actions.update_item(world.operator, item, status="done", notes="Dikerjakan; lihat laporan kegiatan")
    clock.set(2027, 2, 3)
    actions.update_item(world.operator, feedback, status="done", notes="Dikerjakan; lihat laporan kegiatan")

    rows = done_items_public(world.division, period)
    assert rows == [  # newest first
        PublicFollowUp("Masukan pengguna layanan", "Loket 3 dibuka", datetime.date(2027, 2, 3)),
        PublicFollowUp(shown.element_name, "Syarat diringkas", datetime.date(2027, 2, 1)),
    ]
    text = repr(rows)
    assert "Antrean" not in text and "Jawaban pribadi" not in text and "Rahasia" not in text


def test_other_units_and_periods_stay_out(world, period):
    item = element_item(
        world, period, "U1", "A", deadline=datetime.date(2027, 3, 1), unit=world.other_division
    )
    actions.update_item(world.operator, item, status="done", notes="Dikerjakan; lihat laporan kegiatan")
    assert done_items_public(world.division, period) == []
    assert len(done_items_public(world.other_division, period)) == 1
