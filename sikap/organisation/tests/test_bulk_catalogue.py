"""create_services and set_user_counts: many rows in one transaction, validated, audited row by row."""

import pytest
from django.core.exceptions import ValidationError

from sikap.audit.models import AuditEvent
from sikap.organisation.actions import create_services, set_user_counts
from sikap.organisation.models import Service, ServiceUserCount
from sikap.testing.factories import make_period, make_service

pytestmark = pytest.mark.django_db


def service(unit, name="Permohonan Merek", year=2026, **fields):
    return Service(unit=unit, year=year, name=name, category=Service.Category.KI, **fields)


def test_it_creates_every_service_with_one_audit_row_each(world):
    created = create_services(
        world.operator, [service(world.division), service(world.division, "Pencatatan Hak Cipta")]
    )
    assert all(s.pk for s in created)
    assert set(Service.objects.values_list("name", flat=True)) == {"Permohonan Merek", "Pencatatan Hak Cipta"}
    events = AuditEvent.objects.filter(action="service.create").order_by("id")
    assert [(e.object_id, e.actor_name) for e in events] == [
        (str(s.pk), "operator.ki.jabar") for s in created
    ]
    assert events[0].after["name"] == "Permohonan Merek" and events[0].before is None


def test_one_bad_row_stops_the_batch_and_every_bad_row_is_named(world):
    make_service(world.division, "Permohonan Merek", category=Service.Category.KI)
    rows = [
        service(world.division, "Pencatatan Hak Cipta"),
        service(world.division),  # already in the catalogue
        service(world.division, "Paten", year=1990),  # outside the plausible years
        service(world.division, "Paten", year=2026),
        service(world.division, "Paten", year=2026),  # twice in the batch
        service(world.division, ""),  # name required
    ]
    with pytest.raises(ValidationError) as error:
        create_services(None, rows)
    assert [m.split(":")[0] for m in error.value.messages] == ["Baris 2", "Baris 3", "Baris 5", "Baris 6"]
    assert Service.objects.count() == AuditEvent.objects.filter(action="service.create").count() == 1


def test_it_refuses_a_service_that_is_already_stored(world):
    stored = make_service(world.division)
    with pytest.raises(ValidationError):
        create_services(None, [stored])


def test_user_counts_are_created_replaced_and_left_alone_when_unchanged(world):
    apostille, cipta = make_service(world.division), make_service(world.division, "Pencatatan Hak Cipta")
    period = make_period()
    set_user_counts(world.operator, [(apostille, period, 480, "register loket"), (cipta, period, 12, "")])
    set_user_counts(world.operator, [(apostille, period, 512, "register loket"), (cipta, period, 12, "")])
    assert dict(ServiceUserCount.objects.values_list("service__name", "users")) == {
        "Legalisasi Apostille": 512,
        "Pencatatan Hak Cipta": 12,
    }
    events = AuditEvent.objects.filter(action="service_user_count.set").order_by("id")
    assert [(e.before, e.after["users"]) for e in events] == [
        (None, 480),
        (None, 12),
        ({"users": 480, "source": "register loket"}, 512),
    ]


def test_a_negative_or_repeated_count_stops_the_batch(world):
    apostille, period = make_service(world.division), make_period()
    for rows in ([(apostille, period, -1, "")], [(apostille, period, 5, ""), (apostille, period, 6, "")]):
        with pytest.raises(ValidationError):
            set_user_counts(None, rows)
    assert not ServiceUserCount.objects.exists()
    assert not AuditEvent.objects.filter(action="service_user_count.set").exists()
