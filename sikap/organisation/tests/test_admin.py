"""The organisation admin saves and deletes through organisation.actions: each change leaves an audit row."""

import datetime
import json

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.urls import reverse

from sikap.audit.models import AuditEvent
from sikap.organisation import actions
from sikap.organisation.models import Period, Province, Service, ServiceUserCount, Unit
from sikap.testing.factories import make_period, make_service, make_unit, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def root(world):
    return make_user("root", is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client(login, root):
    return login(root)


def delete_one(client, model, obj):
    return client.post(reverse(f"admin:organisation_{model}_delete", args=[obj.pk]), {"post": "yes"})


def delete_many(client, model, objects):
    data = {"action": "delete_selected", "_selected_action": [o.pk for o in objects], "post": "yes"}
    return client.post(reverse(f"admin:organisation_{model}_changelist"), data)


def event(action):
    return AuditEvent.objects.get(action=action)


def test_adding_and_changing_a_province_is_audited(admin_client, root):
    url = reverse("admin:organisation_province_add")
    assert admin_client.post(url, {"code": "51", "name": "Bali"}).status_code == 302
    province = Province.objects.get(code="51")
    assert event("province.create").actor == root and event("province.create").after["name"] == "Bali"
    change = reverse("admin:organisation_province_change", args=[province.pk])
    admin_client.post(change, {"code": "51", "name": "Provinsi Bali"})
    updated = event("province.update")
    assert (updated.before["name"], updated.after["name"]) == ("Bali", "Provinsi Bali")


def test_deleting_provinces_one_or_many_is_audited(admin_client, root):
    bali = actions.save_province(None, Province(code="51", name="Bali"))
    ntb = actions.save_province(None, Province(code="52", name="Nusa Tenggara Barat"))
    ntt = actions.save_province(None, Province(code="53", name="Nusa Tenggara Timur"))
    assert delete_one(admin_client, "province", bali).status_code == 302
    delete_many(admin_client, "province", [ntb, ntt])
    assert not Province.objects.filter(code__in=["51", "52", "53"]).exists()
    events = AuditEvent.objects.filter(action="province.delete").order_by("id")
    assert [e.before["name"] for e in events] == ["Bali", "Nusa Tenggara Barat", "Nusa Tenggara Timur"]
    assert {e.actor for e in events} == {root}


def test_adding_and_changing_a_period_is_audited_with_before_and_after(admin_client, root):
    data = {"name": "2027 Semester I", "kind": "semester", "start": "2027-01-01", "end": "2027-06-30"}
    admin_client.post(reverse("admin:organisation_period_add"), data)
    period = Period.objects.get(name="2027 Semester I")
    assert event("period.create").actor == root
    change = reverse("admin:organisation_period_change", args=[period.pk])
    admin_client.post(change, data | {"end": "2027-06-29"})
    period.refresh_from_db()
    assert period.end == datetime.date(2027, 6, 29)
    updated = event("period.update")
    assert (updated.before["end"], updated.after["end"]) == ("2027-06-30", "2027-06-29")


def test_deleting_periods_one_or_many_is_audited(admin_client, root):
    first, second, third = (make_period(f"2030 Bulan {n}") for n in (1, 2, 3))
    delete_one(admin_client, "period", first)
    delete_many(admin_client, "period", [second, third])
    assert not Period.objects.filter(name__startswith="2030").exists()
    events = AuditEvent.objects.filter(action="period.delete")
    assert sorted(e.before["name"] for e in events) == ["2030 Bulan 1", "2030 Bulan 2", "2030 Bulan 3"]


def test_a_period_still_in_use_is_refused_with_a_message(world):
    period = make_period()
    actions.set_user_count(None, make_service(world.division), period, 10)
    with pytest.raises(ValidationError, match="masih dipakai"):
        actions.delete_periods(None, [period])
    assert Period.objects.filter(pk=period.pk).exists()
    assert not AuditEvent.objects.filter(action="period.delete").exists()


def test_deleting_units_one_or_many_is_audited(admin_client, world, root):
    lone, first, second = (
        make_unit(code, parent=world.ministry, kind=Unit.Kind.KANWIL)
        for code in ("kanwil-ntt", "kanwil-ntb", "kanwil-papua")
    )
    delete_one(admin_client, "unit", lone)
    delete_many(admin_client, "unit", [first, second])
    assert not Unit.objects.filter(code__in=["kanwil-ntt", "kanwil-ntb", "kanwil-papua"]).exists()
    events = AuditEvent.objects.filter(action="unit.delete").order_by("id")
    assert sorted(e.before["code"] for e in events) == ["kanwil-ntb", "kanwil-ntt", "kanwil-papua"]
    assert {e.actor for e in events} == {root}


def test_a_unit_and_its_subunit_are_deleted_deepest_first(world):
    parent = make_unit("kanwil-ntb", parent=world.ministry, kind=Unit.Kind.KANWIL)
    child = make_unit("kanwil-ntb-ki", parent=parent)
    assert actions.delete_units(None, Unit.objects.filter(pk__in=[parent.pk, child.pk])) == 2
    events = AuditEvent.objects.filter(action="unit.delete").order_by("id")
    assert [e.before["code"] for e in events] == ["kanwil-ntb-ki", "kanwil-ntb"]


def test_a_unit_with_subunits_alone_is_refused_with_a_message(world):
    with pytest.raises(ValidationError, match="masih dipakai"):
        actions.delete_units(None, [world.kanwil])
    assert Unit.objects.filter(pk=world.kanwil.pk).exists()


def test_deleting_services_one_or_many_is_audited(admin_client, world):
    first, second, third = (make_service(world.division, name=f"Layanan {n}") for n in (1, 2, 3))
    delete_one(admin_client, "service", first)
    delete_many(admin_client, "service", [second, third])
    assert not Service.objects.exists()
    events = AuditEvent.objects.filter(action="service.delete")
    assert sorted(e.before["name"] for e in events) == ["Layanan 1", "Layanan 2", "Layanan 3"]


def test_the_service_form_deletes_a_user_count_through_the_action(admin_client, world):
    service, period = make_service(world.division), make_period()
    count = actions.set_user_count(None, service, period, 480, "register loket")
    data = {
        "unit": world.division.pk,
        "year": 2026,
        "name": service.name,
        "category": service.category,
        "channel": service.channel,
        "active": "on",
        "user_counts-TOTAL_FORMS": 1,
        "user_counts-INITIAL_FORMS": 1,
        "user_counts-MIN_NUM_FORMS": 0,
        "user_counts-MAX_NUM_FORMS": 1000,
        "user_counts-0-id": count.pk,
        "user_counts-0-service": service.pk,
        "user_counts-0-period": period.pk,
        "user_counts-0-users": 480,
        "user_counts-0-source": "register loket",
        "user_counts-0-DELETE": "on",
    }
    response = admin_client.post(reverse("admin:organisation_service_change", args=[service.pk]), data)
    assert response.status_code == 302
    assert not ServiceUserCount.objects.exists()
    assert event("service_user_count.delete").before["users"] == 480


def test_user_counts_added_and_deleted_in_the_admin_are_audited(admin_client, world, root):
    service = make_service(world.division)
    periods = [make_period(f"2030 Bulan {n}") for n in (1, 2, 3)]
    add = reverse("admin:organisation_serviceusercount_add")
    for n, period in enumerate(periods, start=1):
        admin_client.post(add, {"service": service.pk, "period": period.pk, "users": 100 * n, "source": ""})
    counts = list(ServiceUserCount.objects.order_by("users"))
    assert [c.users for c in counts] == [100, 200, 300]
    assert AuditEvent.objects.filter(action="service_user_count.set", actor=root).count() == 3
    delete_one(admin_client, "serviceusercount", counts[0])
    delete_many(admin_client, "serviceusercount", counts[1:])
    assert not ServiceUserCount.objects.exists()
    events = AuditEvent.objects.filter(action="service_user_count.delete")
    assert sorted(e.before["users"] for e in events) == [100, 200, 300]


def test_a_regional_admin_may_not_delete_a_unit_outside_its_subtree(login, world):
    world.kanwil_admin.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_unit", "delete_unit", "change_unit"])
    )
    delete_one(login(world.kanwil_admin), "unit", world.other_division)
    assert Unit.objects.filter(pk=world.other_division.pk).exists()
    assert not AuditEvent.objects.filter(action="unit.delete").exists()


def rules_form(period, **rules):
    data = {"name": period.name, "kind": period.kind, "start": str(period.start), "end": str(period.end)}
    data |= {
        "target_method": period.target_method,
        "target_margin": str(period.target_margin),
        "target_floor": period.target_floor,
        "integrity_rules": json.dumps(period.integrity_rules),
        "regional_weights": json.dumps(period.regional_weights),
    }
    return data | rules


def test_changing_a_periods_rules_in_the_admin_needs_a_reason_and_is_audited(admin_client, root):
    period = make_period("2026 Tahun", start=datetime.date(2026, 1, 1), end=datetime.date(2026, 12, 31))
    change = reverse("admin:organisation_period_change", args=[period.pk])
    refused = admin_client.post(change, rules_form(period, target_method="slovin"))
    assert "Tuliskan alasan perubahan aturan." in refused.content.decode()
    period.refresh_from_db()
    assert period.target_method == "krejcie-morgan"
    admin_client.post(change, rules_form(period, target_method="slovin", rules_reason="arahan pimpinan"))
    period.refresh_from_db()
    assert period.target_method == "slovin"
    audit = event("period.rules")
    assert (audit.before["target_method"], audit.after["target_method"], audit.reason) == (
        "krejcie-morgan",
        "slovin",
        "arahan pimpinan",
    )


def test_the_rules_of_an_ended_period_cannot_change(admin_client):
    period = make_period("2020 Semester I", start=datetime.date(2020, 1, 1), end=datetime.date(2020, 6, 30))
    change = reverse("admin:organisation_period_change", args=[period.pk])
    page = admin_client.post(change, rules_form(period, target_floor=50, rules_reason="coba"))
    assert "sudah berakhir" in page.content.decode()
    with pytest.raises(ValidationError, match="sudah berakhir"):
        actions.set_period_rules(None, period, target_floor=50, reason="coba")
    period.refresh_from_db()
    assert period.target_floor == 30
    assert not AuditEvent.objects.filter(action="period.rules").exists()


def test_a_saved_period_keeps_its_rules_unless_the_rules_action_changes_them(world):
    period = make_period("2026 Tahun", start=datetime.date(2026, 1, 1), end=datetime.date(2026, 12, 31))
    period.target_floor = 99
    actions.save_period(None, period)
    period.refresh_from_db()
    assert period.target_floor == 30
