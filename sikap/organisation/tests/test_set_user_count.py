import pytest
from django.core.exceptions import ValidationError

from sikap.audit.models import AuditEvent
from sikap.organisation.actions import set_user_count
from sikap.organisation.models import ServiceUserCount
from sikap.testing.factories import make_period, make_service

pytestmark = pytest.mark.django_db


def test_it_records_and_replaces_the_population_of_a_period(world):
    service, period = make_service(world.division), make_period()
    set_user_count(world.operator, service, period, 480, "register loket")
    set_user_count(world.operator, service, period, 512)
    count = ServiceUserCount.objects.get()
    assert count.users == 512
    events = AuditEvent.objects.filter(action="service_user_count.set").order_by("id")
    assert [e.after["users"] for e in events] == [480, 512]
    assert events[1].before["users"] == 480


def test_it_refuses_a_negative_count(world):
    with pytest.raises(ValidationError):
        set_user_count(world.operator, make_service(world.division), make_period(), -1)
    assert not ServiceUserCount.objects.exists()
