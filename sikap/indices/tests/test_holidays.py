import datetime
import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from sikap.audit.models import AuditEvent
from sikap.indices.actions import delete_holiday, save_holiday
from sikap.indices.models import Holiday
from sikap.indices.targets import working_days
from sikap.testing.factories import make_period

pytestmark = pytest.mark.django_db

migration = importlib.import_module("sikap.indices.migrations.0002_national_holidays")


def _year(year):
    return Holiday.objects.filter(date__year=year)


def test_the_migration_loads_the_decrees_17_holidays_and_8_cuti_bersama_of_2026():
    assert _year(2026).count() == 25
    assert _year(2026).filter(name__startswith="Cuti bersama").count() == 8
    assert Holiday.objects.get(date=datetime.date(2026, 3, 21)).name == "Idul Fitri 1447 Hijriah"
    assert Holiday.objects.get(date=datetime.date(2026, 12, 24)).name.startswith("Cuti bersama")


def test_2025_has_its_27_days_and_the_18_august_amendment():
    assert _year(2025).count() == 28
    assert "Cuti bersama" in Holiday.objects.get(date=datetime.date(2025, 8, 18)).name
    assert Holiday.objects.get(date=datetime.date(2025, 3, 31)).name == "Idul Fitri 1446 Hijriah"


@pytest.mark.parametrize("year", [2024, 2025, 2026, 2027])
def test_the_fixed_date_holidays_are_there_every_year(year):
    dates = set(_year(year).values_list("date", flat=True))
    for month, day in [(1, 1), (5, 1), (6, 1), (8, 17), (12, 25)]:
        assert datetime.date(year, month, day) in dates


def test_no_date_needs_checking_and_none_falls_outside_2024_to_2027():
    assert not Holiday.objects.filter(name__icontains="perlu dicek").exists()
    assert {day.year for day in Holiday.objects.values_list("date", flat=True)} == {2024, 2025, 2026, 2027}


def test_running_it_again_changes_nothing_and_keeps_an_admins_correction():
    Holiday.objects.filter(date=datetime.date(2026, 3, 21)).update(name="Idul Fitri (dikoreksi)")
    before = Holiday.objects.count()
    migration.add_holidays(apps, None)
    assert Holiday.objects.count() == before
    assert Holiday.objects.get(date=datetime.date(2026, 3, 21)).name == "Idul Fitri (dikoreksi)"


def test_the_daily_targets_skip_them():
    august = make_period("Agustus 2026", datetime.date(2026, 8, 1), datetime.date(2026, 8, 31), kind="month")
    days = working_days(august)
    assert len(days) == 19  # 21 weekdays less 17 August and Maulid Nabi on 25 August
    assert datetime.date(2026, 8, 17) not in days and datetime.date(2026, 8, 25) not in days


def test_an_admin_corrects_a_date_through_the_audited_action(world):
    holiday = Holiday.objects.get(date=datetime.date(2026, 8, 25))
    save_holiday(world.admin, datetime.date(2026, 8, 26), "Maulid Nabi Muhammad SAW (digeser)", holiday)
    event = AuditEvent.objects.get(action="holiday.update")
    assert (event.before["date"], event.after["date"]) == ("2026-08-25", "2026-08-26")
    with pytest.raises(ValidationError):
        save_holiday(world.admin, datetime.date(2026, 8, 17), "Hari kedua")  # the date is taken
    with pytest.raises(ValidationError):
        save_holiday(world.admin, datetime.date(2026, 9, 1), "  ")
    delete_holiday(world.admin, Holiday.objects.get(date=datetime.date(2026, 8, 26)))
    assert AuditEvent.objects.filter(action="holiday.delete").count() == 1


def test_the_holiday_admin_saves_through_the_action(world, login):
    world.admin.is_superuser = True
    world.admin.save()
    client = login(world.admin)
    client.post("/admin/indices/holiday/add/", {"date": "2027-03-10", "name": "Cuti bersama tambahan"})
    added = Holiday.objects.get(date=datetime.date(2027, 3, 10))
    assert AuditEvent.objects.get(action="holiday.create").actor == world.admin
    client.post(f"/admin/indices/holiday/{added.pk}/change/", {"date": "2027-03-11", "name": "Digeser"})
    assert Holiday.objects.get(pk=added.pk).date == datetime.date(2027, 3, 11)
    assert AuditEvent.objects.get(action="holiday.update").before["date"] == "2027-03-10"
