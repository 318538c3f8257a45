import datetime

import pytest

from sikap.indices.models import Holiday, TargetOverride
from sikap.indices.progress import progress
from sikap.indices.targets import target_for, working_days
from sikap.instruments.models import InstrumentVersion
from sikap.organisation.actions import set_user_count
from sikap.testing.factories import make_campaign, make_period, make_service

pytestmark = pytest.mark.django_db


def test_the_target_follows_krejcie_morgan_from_the_population_with_a_floor(world):
    period = make_period()
    service = make_service(world.division)
    assert target_for(world.division, period).minimum == 30  # no population: the floor
    set_user_count(None, service, period, 48)
    assert target_for(world.division, period).minimum == 43
    set_user_count(None, service, period, 20)
    assert target_for(world.division, period).minimum == 20  # never more than the population


def test_an_override_wins_and_says_why(world):
    period = make_period()
    TargetOverride.objects.create(unit=world.division, period=period, minimum=100, reason="arahan pimpinan")
    target = target_for(world.division, period)
    assert target.minimum == 100
    assert "arahan pimpinan" in target.label


def test_working_days_skip_weekends_and_holidays():
    Holiday.objects.all().delete()  # independent of the shipped holiday data
    period = make_period("Agustus 2026", datetime.date(2026, 8, 1), datetime.date(2026, 8, 31), kind="month")
    assert len(working_days(period)) == 21
    Holiday.objects.create(date=datetime.date(2026, 8, 17), name="Hari Kemerdekaan")
    assert len(working_days(period)) == 20


def test_progress_compares_with_the_daily_target_and_gives_the_daily_need(world):
    Holiday.objects.all().delete()
    period = make_period("Agustus 2026", datetime.date(2026, 8, 1), datetime.date(2026, 8, 31), kind="month")
    make_campaign([world.division], period, with_service_links=False)
    skm = InstrumentVersion.objects.published().get(instrument__code="SKM")
    today = datetime.date(2026, 8, 14)  # 10 of 21 working days done
    state = progress(world.division, period, skm, today)
    assert (state.target.minimum, state.attained) == (30, 0)
    assert state.expected_by_today == 15  # ceil(30 * 10 / 21)
    assert not state.on_track
    assert state.daily_needed == 3  # 30 left over 12 working days (today included): ceil(30 / 12)
