import pytest
from django.core.exceptions import ValidationError

from sikap.audit.models import AuditEvent
from sikap.followup import actions
from sikap.followup.tests.helpers import element_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(world, period):
    return element_item(world, period, "U2", "Papan info")


def test_a_cancellation_keeps_its_reason_in_the_item_and_the_audit(world, item):
    cancelled = actions.cancel_item(world.kanwil_admin, item, "  Digabung dengan butir U5  ")
    assert cancelled.status == "cancelled" and cancelled.cancel_reason == "Digabung dengan butir U5"
    event = AuditEvent.objects.get(action="followup.cancel")
    assert event.reason == "Digabung dengan butir U5" and event.before["status"] == "planned"


def test_a_reason_is_required(world, item):
    with pytest.raises(ValidationError) as error:
        actions.cancel_item(world.operator, item, "   ")
    assert error.value.message_dict["reason"] == ["Tuliskan alasan pembatalan."]
    item.refresh_from_db()
    assert item.status == "planned"


def test_a_done_item_cannot_be_cancelled(world, item):
    actions.update_item(world.operator, item, status="done", notes="Dikerjakan; lihat laporan kegiatan")
    with pytest.raises(ValidationError):
        actions.cancel_item(world.operator, item, "Salah input")
