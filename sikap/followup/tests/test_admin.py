"""The admin screens save through the actions, so the audit trail and the rules hold there too."""

import datetime

import pytest
from django.contrib.auth.models import Permission

from sikap.audit.models import AuditEvent
from sikap.followup.models import FollowUpItem
from sikap.followup.tests.helpers import element_item

pytestmark = pytest.mark.django_db

ADMIN = "/admin/followup/followupitem/"


def staff(user):
    user.is_staff = True
    user.save()
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="followup"))
    return user


def fields(**changes):
    return {
        "action": "Ruang tunggu diperluas",
        "owner": "Kasubbag Umum",
        "deadline": "2027-04-01",
        "status": "planned",
        "notes": "",
        "public": "on",
        "cancel_reason": "",
        **changes,
    }


def test_an_item_added_in_the_admin_goes_through_the_action(world, period, login):
    client = login(staff(world.kanwil_admin))
    data = fields(unit=world.division.pk, period=period.pk, element_code="U9")
    assert client.post(f"{ADMIN}add/", data).status_code == 302
    item = FollowUpItem.objects.get()
    assert item.source == "element" and item.element_name and item.element_mean is not None
    assert AuditEvent.objects.get(action="followup.create").actor == world.kanwil_admin
    refused = client.post(f"{ADMIN}add/", {**data, "unit": world.other_division.pk})
    assert refused.status_code == 200 and FollowUpItem.objects.count() == 1
    unknown = client.post(f"{ADMIN}add/", {**data, "element_code": "Z1"})
    assert "Unsur ini tidak ada pada hasil SKM" in unknown.content.decode()


def test_status_changes_in_the_admin_stamp_and_audit(world, period, login, clock):
    item = element_item(world, period, "U1", "A")
    client = login(staff(world.kanwil_admin))
    no_reason = client.post(f"{ADMIN}{item.pk}/change/", fields(action="A", status="cancelled"))
    assert no_reason.status_code == 200 and "Tuliskan alasan pembatalan." in no_reason.content.decode()
    done = fields(action="A", status="done", notes="Ruang tunggu diperluas, foto terlampir")
    assert client.post(f"{ADMIN}{item.pk}/change/", done).status_code == 302
    item.refresh_from_db()
    assert item.status == "done" and item.completed_at == clock.value
    assert AuditEvent.objects.filter(action="followup.update", actor=world.kanwil_admin).exists()


def test_the_list_is_scoped_and_nothing_can_be_deleted(world, period, login):
    deadline = datetime.date(2027, 2, 1)
    element_item(world, period, "U1", "Jabar", deadline=deadline)
    other = element_item(
        world, period, "U1", "Bali", deadline=deadline, user=world.outsider, unit=world.other_division
    )
    client = login(staff(world.kanwil_admin))
    listing = client.get(ADMIN).content.decode()
    assert "Bidang KI Jawa Barat" in listing and "Bidang KI Bali" not in listing
    assert client.get(f"{ADMIN}{other.pk}/change/").status_code == 302
    assert client.post(f"{ADMIN}{other.pk}/delete/", {"post": "yes"}).status_code in (302, 403)
    assert FollowUpItem.objects.count() == 2
