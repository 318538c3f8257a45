"""The tablet's batch endpoint: each answer accepted once or rejected with its reason, never a 500."""

from __future__ import annotations

import datetime
import json

import pytest
from django.utils import timezone

from sikap.kiosk import actions
from sikap.kiosk.models import KioskDevice, KioskReceipt
from sikap.kiosk.tests.kiosk_fixtures import item, paired_tablet
from sikap.responses.models import Submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def tablet(world):
    return paired_tablet(world)


def test_it_stores_a_batch_as_kiosk_submissions_dated_by_the_tablet(client, tablet):
    yesterday = item(tablet.survey, minutes_ago=24 * 60 - 30)
    items = [yesterday, item(tablet.survey)]
    response = tablet.post(client, {"items": items, "queue": 5})
    assert response.status_code == 200
    assert [r["status"] for r in response.json()["results"]] == ["accepted", "accepted"]
    stored = Submission.objects.order_by("answered_on")
    assert [s.channel for s in stored] == ["kiosk", "kiosk"]
    assert {str(s.key) for s in stored} == {i["key"] for i in items}
    given = timezone.now() - datetime.timedelta(minutes=24 * 60 - 30)
    assert stored[0].answered_on == timezone.localdate(given)
    assert stored[0].link == tablet.device.link and stored[0].service == tablet.survey.service
    tablet.device.refresh_from_db()
    assert tablet.device.last_queue_length == 3  # five waiting when it sent, two of them in this batch
    assert tablet.device.last_contact_at is not None


def test_the_same_batch_sent_twice_is_stored_once(client, tablet):
    batch = {"items": [item(tablet.survey), item(tablet.survey, minutes_ago=3)], "queue": 2}
    tablet.post(client, batch)
    again = tablet.post(client, batch)
    assert [r["status"] for r in again.json()["results"]] == ["duplicate", "duplicate"]
    assert Submission.objects.count() == 2
    assert KioskReceipt.objects.count() == 2


def test_each_item_is_judged_alone_and_a_rejection_names_the_input(client, tablet):
    bad = item(tablet.survey, age="200")
    response = tablet.post(client, {"items": [bad, item(tablet.survey)]})
    first, second = response.json()["results"]
    assert first["status"] == "rejected" and first["reason"] == "invalid"
    assert "age" in first["details"]["id"] and "200" not in first["details"]["en"][:3]
    assert first["message"]["en"] == "The answers did not pass the checks."
    assert second["status"] == "accepted"
    assert Submission.objects.count() == 1
    receipt = KioskReceipt.objects.get(key=bad["key"])
    assert receipt.status == "rejected" and receipt.payload["fields"]["age"] == "200"
    # Sent again, the rejection stands (the same key, the same outcome) and nothing is stored.
    assert tablet.post(client, {"items": [bad]}).json()["results"][0]["status"] == "rejected"
    assert Submission.objects.count() == 1


def test_the_integrity_rules_read_the_tablets_times_not_the_sync_time(client, tablet):
    hurried = item(tablet.survey, minutes_ago=60, seconds_taken=5)
    tablet.post(client, {"items": [hurried]})
    submission = Submission.objects.get()
    assert submission.duration_seconds == 5
    assert "too_fast" in submission.reasons


@pytest.mark.parametrize(
    ("when", "reason"),
    [
        (datetime.timedelta(hours=1), "in_future"),
        (-datetime.timedelta(days=40), "before_period"),
        (-datetime.timedelta(days=2), "before_registration"),
    ],
)
def test_an_answer_time_outside_its_bounds_is_rejected(client, tablet, when, reason):
    one = item(tablet.survey)
    one["answered_at"] = (timezone.now() + when).isoformat()
    if reason == "before_period":
        KioskDevice.objects.filter(pk=tablet.device.pk).update(
            created_at=timezone.now() - datetime.timedelta(days=60)
        )
    result = tablet.post(client, {"items": [one]}).json()["results"][0]
    assert (result["status"], result["reason"]) == ("rejected", reason)
    assert not Submission.objects.exists()


def test_the_per_kiosk_rate_limit_counts_answer_times(client, tablet):
    period = tablet.survey.campaign.period
    period.integrity_rules = {**(period.integrity_rules or {}), "kiosk_limit_per_10_min": 2}
    period.save()
    burst = [item(tablet.survey, minutes_ago=9 - n) for n in range(3)]
    later = item(tablet.survey, minutes_ago=60 * 3)  # hours earlier: another ten minutes
    results = tablet.post(client, {"items": [*burst, later]}).json()["results"]
    assert [r["status"] for r in results] == ["accepted", "accepted", "rejected", "accepted"]
    assert results[2]["reason"] == "rate"


@pytest.mark.parametrize("credential", ["", "wrong", "x" * 500])
def test_an_unknown_credential_gets_401(client, tablet, credential):
    response = tablet.post(client, {"items": [item(tablet.survey)]}, credential=credential)
    assert response.status_code == 401
    assert response.json()["state"] == "missing"
    assert not Submission.objects.exists()


def test_a_revoked_tablet_gets_403_with_the_reason_and_nothing_is_stored(client, tablet, world):
    actions.revoke(world.operator, tablet.device, "Tablet hilang")
    response = tablet.post(client, {"items": [item(tablet.survey)]})
    assert response.status_code == 403
    assert response.json()["state"] == "revoked" and response.json()["reason"] == "Tablet hilang"
    assert "dicabut" in response.json()["message"]["id"]
    assert not Submission.objects.exists()


def test_an_expired_tablet_gets_403_until_renewed(client, tablet, world):
    KioskDevice.objects.filter(pk=tablet.device.pk).update(expires_at=timezone.now())
    assert tablet.post(client, {"items": []}).json()["state"] == "expired"
    actions.renew(world.operator, KioskDevice.objects.get(pk=tablet.device.pk))
    assert tablet.post(client, {"items": [item(tablet.survey)]}).status_code == 200
    assert Submission.objects.count() == 1


HOSTILE = [
    b"",
    b"not json",
    b"\xff\xfe",
    b"[" * 5000 + b"]" * 5000,
    b'{"items": "x"}',
    b'{"items": [1, "a", null, [], {}]}',
    b'{"items": [{"key": 5, "answered_at": 1, "fields": []}]}',
    b'{"items": [{"key": "00000000-0000-0000-0000-000000000001", "answered_at": "9999-12-31T23:59:59-14:00",'
    b' "fields": {}}]}',
    b'{"items": [{"key": "00000000-0000-0000-0000-000000000002", "answered_at": "2020-13-45T99:00:00Z",'
    b' "fields": {"a": {"b": 1}}}]}',
    b'{"items": [{"key": "00000000-0000-0000-0000-000000000003", "answered_at": "2026-01-01T00:00:00",'
    b' "fields": {"age": true}}], "queue": -5, "rejected": [1, "x", null]}',
    b'{"items": [{"key": "00000000-0000-0000-0000-000000000004", "answered_at": "2026-01-01T00:00:00Z",'
    b' "fields": {"age": 1e400}}], "queue": 1e400}',
    json.dumps({"items": [{"key": "x"}] * 101}).encode(),
]


@pytest.mark.parametrize("body", HOSTILE)
def test_hostile_bodies_get_an_answer_never_a_500(client, tablet, body):
    response = tablet.post(client, body)
    assert response.status_code in (200, 400)
    data = response.json()
    if response.status_code == 400:
        assert data["message"]["id"] and data["message"]["en"]
    else:
        assert all(r["status"] == "rejected" for r in data["results"])
    assert not Submission.objects.exists()


def test_only_post_is_allowed(client):
    from django.urls import reverse

    assert client.get(reverse("kiosk:batch")).status_code == 405
