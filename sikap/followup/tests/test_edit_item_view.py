import pytest

from sikap.audit.models import AuditEvent
from sikap.followup import actions
from sikap.followup.tests.helpers import element_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(world, period):
    return element_item(world, period, "U1", "Brosur syarat")


def url(item):
    return f"/tindak-lanjut/butir/{item.pk}/"


def form(item, **changes):
    return {
        "status": item.status,
        "action": item.action,
        "owner": item.owner,
        "deadline": str(item.deadline),
        "notes": item.notes,
        "public": "on",
        **changes,
    }


def test_an_operator_marks_an_item_done(world, item, login, clock):
    response = login(world.operator).post(
        url(item), form(item, status="done", notes="Brosur dicetak 500 lembar")
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "done" and item.completed_at == clock.value
    event = AuditEvent.objects.get(action="followup.update")
    assert event.before["status"] == "planned" and event.after["notes"] == "Brosur dicetak 500 lembar"


def test_a_forbidden_transition_comes_back_as_a_form_error(world, item, login):
    actions.update_item(world.operator, item, status="done", notes="Dikerjakan; lihat laporan kegiatan")
    item.refresh_from_db()
    response = login(world.operator).post(url(item), form(item, status="planned"))
    assert response.status_code == 200
    assert "Status tidak dapat diubah dari Selesai menjadi Direncanakan." in response.content.decode()


def test_the_kanwil_admin_edits_but_a_leader_gets_403_and_an_outsider_404(world, item, login):
    assert login(world.kanwil_admin).get(url(item)).status_code == 200
    assert login(world.leader).get(url(item)).status_code == 403
    assert login(world.leader).post(url(item), form(item, status="done")).status_code == 403
    assert login(world.outsider).post(url(item), form(item, status="done")).status_code == 404
    item.refresh_from_db()
    assert item.status == "planned"


def test_cancelling_needs_a_reason(world, item, login):
    client = login(world.operator)
    response = client.post(f"/tindak-lanjut/butir/{item.pk}/batalkan/", {"reason": ""})
    assert response.status_code == 200 and "Bidang ini tidak boleh kosong." in response.content.decode()
    assert client.post(f"/tindak-lanjut/butir/{item.pk}/batalkan/", {"reason": "Dobel"}).status_code == 302
    item.refresh_from_db()
    assert item.status == "cancelled" and item.cancel_reason == "Dobel"
    assert (
        login(world.leader).post(f"/tindak-lanjut/butir/{item.pk}/batalkan/", {"reason": "x"}).status_code
        == 403
    )
