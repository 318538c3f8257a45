import pytest
from django.urls import reverse

from sikap.audit.models import AuditEvent
from sikap.organisation.models import Service

pytestmark = pytest.mark.django_db

FORM = {"year": 2026, "name": "Permohonan Paten", "category": "ki", "channel": "counter", "active": "on"}


def url(unit):
    return reverse("service_create", args=[unit.code])


def test_an_operator_adds_a_service_and_it_is_audited(login, world):
    response = login(world.operator).post(url(world.division), FORM)
    assert response.status_code == 302
    service = Service.objects.get()
    assert (service.unit, service.name, service.year) == (world.division, "Permohonan Paten", 2026)
    assert AuditEvent.objects.for_object(service).get().actor == world.operator


def test_a_leader_gets_403_and_nothing_is_stored(login, world):
    assert login(world.leader).post(url(world.division), FORM).status_code == 403
    assert not Service.objects.exists()


def test_an_outsider_gets_404(login, world):
    assert login(world.outsider).post(url(world.division), FORM).status_code == 404
    assert not Service.objects.exists()


def test_a_duplicate_is_refused_with_a_message_and_the_input_kept(login, world):
    client = login(world.operator)
    client.post(url(world.division), FORM)
    page = client.post(url(world.division), FORM)
    assert page.status_code == 200
    assert "sudah terdaftar" in page.content.decode()
    assert 'value="Permohonan Paten"' in page.content.decode()
    assert Service.objects.count() == 1


def test_a_missing_name_is_reported_on_the_field(login, world):
    page = login(world.operator).post(url(world.division), {**FORM, "name": ""})
    assert page.status_code == 200
    assert "wajib" in page.content.decode().lower() or "required" in page.content.decode().lower()
