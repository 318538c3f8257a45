"""Operator pages of kiosk tablets: register from a link, the list, revoke, renew, import, acknowledge."""

from __future__ import annotations

import io
import json

import pytest
from django.urls import reverse

from sikap.audit.models import AuditEvent
from sikap.kiosk.models import KioskDevice, KioskReceipt
from sikap.kiosk.tests.kiosk_fixtures import item, paired_tablet
from sikap.responses.models import Submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def tablet(world):
    return paired_tablet(world)


def test_an_operator_registers_a_tablet_and_gets_a_one_time_pairing_link(login, world, tablet):
    link = tablet.survey.unit_link
    client = login(world.operator)
    url = reverse("kiosk_operator:register", args=[link.pk])
    assert "Nama tablet" in client.get(url).content.decode()
    response = client.post(url, {"name": "  Loket   3 "})
    html = response.content.decode()
    assert "/kiosk/pasang/" in html and "<svg" in html
    device = KioskDevice.objects.get(name="Loket 3")
    assert device.link == link and device.created_by == world.operator and device.state() == "unpaired"
    assert AuditEvent.objects.filter(action="kiosk.register", object_id=str(device.pk)).exists()


def test_a_blank_name_is_refused_with_a_message(login, world, tablet):
    url = reverse("kiosk_operator:register", args=[tablet.survey.unit_link.pk])
    html = login(world.operator).post(url, {"name": "   "}).content.decode()
    assert "Nama tablet wajib diisi" in html
    assert KioskDevice.objects.count() == 1


def test_outsiders_get_404_and_readers_403(login, world, tablet):
    register = reverse("kiosk_operator:register", args=[tablet.survey.unit_link.pk])
    detail = reverse("kiosk_operator:detail", args=[tablet.device.pk])
    revoke = reverse("kiosk_operator:change", args=[tablet.device.pk, "revoke"])
    outsider = login(world.outsider)
    assert outsider.get(register).status_code == 404
    assert outsider.get(detail).status_code == 404
    assert outsider.post(revoke, {"reason": "x"}).status_code == 404
    leader = login(world.leader)
    assert leader.get(detail).status_code == 200
    assert leader.post(register, {"name": "Loket 9"}).status_code == 403
    assert leader.post(revoke, {"reason": "x"}).status_code == 403
    assert KioskDevice.objects.get().revoked_at is None
    assert (
        login(world.operator).post(reverse("kiosk_operator:change", args=[tablet.device.pk, "x"])).status_code
        == 404
    )


def test_the_list_shows_last_contact_queue_and_unseen_rejections(client, login, world, tablet):
    tablet.post(client, {"items": [item(tablet.survey, age="abc"), item(tablet.survey)], "queue": 7})
    html = login(world.operator).get(reverse("kiosk_operator:list")).content.decode()
    row = html.split("Loket 1")[1].split("</tr>")[0]
    assert "<td>5</td>" in row and "<strong>1</strong>" in row and "belum pernah" not in row  # 7 - 2 sent


def test_revoking_needs_a_reason_and_stops_the_tablet(login, world, tablet, client):
    operator = login(world.operator)
    url = reverse("kiosk_operator:change", args=[tablet.device.pk, "revoke"])
    operator.post(url, {"reason": " "})
    assert KioskDevice.objects.get().revoked_at is None
    operator.post(url, {"reason": "Tablet hilang"})
    device = KioskDevice.objects.get()
    assert device.state() == "revoked" and device.revoked_reason == "Tablet hilang"
    assert AuditEvent.objects.get(action="kiosk.revoke").reason == "Tablet hilang"


def test_an_exported_queue_imports_once_and_keeps_the_tablet_rules(login, world, tablet):
    from sikap.kiosk import actions

    given = [item(tablet.survey, minutes_ago=30), item(tablet.survey, minutes_ago=20)]
    actions.revoke(world.operator, tablet.device, "Tablet rusak")
    late = item(tablet.survey, minutes_ago=0)  # given after the revocation: not counted
    exported = {"exported_at": "2026-01-01T00:00:00Z", "items": [*given, late]}
    operator = login(world.operator)
    url = reverse("kiosk_operator:import", args=[tablet.device.pk])
    for _attempt in range(2):
        upload = io.BytesIO(json.dumps(exported).encode())
        upload.name = "jawaban-kios.json"
        operator.post(url, {"file": upload})
    assert Submission.objects.count() == 2
    assert set(Submission.objects.values_list("entered_by", flat=True)) == {world.operator.pk}
    assert KioskReceipt.objects.get(key=late["key"]).reason == "after_revocation"
    page = operator.get(reverse("kiosk_operator:detail", args=[tablet.device.pk])).content.decode()
    assert "sesudah tablet dicabut" in page


def test_a_broken_import_file_gets_a_message(login, world, tablet):
    upload = io.BytesIO(b"\x00not json")
    upload.name = "x.json"
    url = reverse("kiosk_operator:import", args=[tablet.device.pk])
    response = login(world.operator).post(url, {"file": upload}, follow=True)
    assert "bukan ekspor tablet kios" in response.content.decode()


def test_acknowledged_rejections_leave_the_list_and_the_tablet_is_told(client, login, world, tablet):
    bad = item(tablet.survey, age="abc")
    tablet.post(client, {"items": [bad]})
    receipt = KioskReceipt.objects.get()
    operator = login(world.operator)
    operator.post(
        reverse("kiosk_operator:change", args=[tablet.device.pk, "acknowledge"]), {"receipt": [receipt.pk]}
    )
    html = operator.get(reverse("kiosk_operator:detail", args=[tablet.device.pk])).content.decode()
    assert "Tidak ada." in html
    response = tablet.post(client, {"items": [], "rejected": [bad["key"]]})
    assert response.json()["acknowledged"] == [bad["key"]]


def test_the_list_costs_the_same_queries_for_one_tablet_or_many(
    login, world, tablet, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sikap.kiosk import actions

    client = login(world.operator)
    url = reverse("kiosk_operator:list")
    client.get(url)  # warm the session and menu caches
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(3):
        actions.register(world.operator, tablet.survey.unit_link, f"Loket {n + 5}")
    with django_assert_num_queries(len(one.captured_queries)):
        assert "Loket 7" in client.get(url).content.decode()
