import pytest
from django.urls import reverse

from sikap.audit.models import AuditEvent
from sikap.testing.factories import make_period, make_service

pytestmark = pytest.mark.django_db


def test_an_operator_deactivates_a_service_and_the_change_is_audited(login, world):
    service = make_service(world.division)
    data = {"year": 2026, "name": service.name, "category": "ahu", "channel": "counter"}
    response = login(world.operator).post(reverse("service_edit", args=[service.pk]), data)
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.active is False
    event = AuditEvent.objects.filter(action="service.update").get()
    assert (event.before["active"], event.after["active"]) == (True, False)


def test_edits_are_refused_to_leaders_and_outsiders(login, world):
    service = make_service(world.division)
    assert login(world.leader).get(reverse("service_edit", args=[service.pk])).status_code == 403
    assert login(world.outsider).get(reverse("service_edit", args=[service.pk])).status_code == 404


def test_an_operator_sets_the_number_of_users_for_a_period(login, world):
    service, period = make_service(world.division), make_period()
    response = login(world.operator).post(
        reverse("service_user_count", args=[service.pk]),
        {"period": period.pk, "users": 48, "source": "loket"},
    )
    assert response.status_code == 302
    assert service.user_counts.get().users == 48
