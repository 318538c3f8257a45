import pytest
from django.core.exceptions import ValidationError

from sikap.audit.models import AuditEvent
from sikap.followup import actions
from sikap.followup.tests.helpers import element_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(world, period, clock):
    return element_item(world, period, "U3", "Pelatihan petugas")


def test_done_stamps_the_completion_time_and_is_audited(world, item, clock):
    actions.update_item(world.operator, item, status="in_progress")
    clock.advance(days=6)
    done = actions.update_item(world.operator, item, status="done", notes="Selesai dengan sertifikat")
    assert done.completed_at == clock.value
    assert done.days_to_complete == 6
    events = AuditEvent.objects.filter(action="followup.update").order_by("id")
    assert [(e.before["status"], e.after["status"]) for e in events] == [
        ("planned", "in_progress"),
        ("in_progress", "done"),
    ]
    assert events.last().before["completed_at"] is None and events.last().after["completed_at"]
    assert events.last().actor == world.operator


def test_reopening_a_done_item_clears_the_completion_time(world, item):
    actions.update_item(world.operator, item, status="done", notes="Dikerjakan; lihat laporan kegiatan")
    reopened = actions.update_item(world.operator, item, status="in_progress")
    assert reopened.completed_at is None


def test_a_done_item_cannot_go_back_to_planned(world, item):
    actions.update_item(world.operator, item, status="done", notes="Dikerjakan; lihat laporan kegiatan")
    with pytest.raises(ValidationError) as error:
        actions.update_item(world.operator, item, status="planned")
    assert (
        "Status tidak dapat diubah dari Selesai menjadi Direncanakan." in error.value.message_dict["status"]
    )


def test_cancelling_needs_the_cancel_action(world, item):
    with pytest.raises(ValidationError) as error:
        actions.update_item(world.operator, item, status="cancelled")
    assert "alasan" in error.value.message_dict["status"][0]


def test_an_unchanged_save_writes_no_audit_row(world, item):
    actions.update_item(world.operator, item, action="Pelatihan petugas")
    assert not AuditEvent.objects.filter(action="followup.update").exists()


def test_only_plan_fields_can_be_changed(world, item):
    with pytest.raises(TypeError):
        actions.update_item(world.operator, item, element_mean=4)


def test_done_needs_evidence_or_a_written_account(world, item):
    # Issue 10: an item is done only with evidence or a written reason.
    with pytest.raises(ValidationError) as error:
        actions.update_item(world.operator, item, status="done")
    assert "berkas bukti atau keterangan tertulis" in error.value.message_dict["status"][0]
    with pytest.raises(ValidationError):
        actions.update_item(world.operator, item, status="done", notes="   ")
    item.refresh_from_db()
    assert item.status == "planned" and item.completed_at is None


def test_evidence_alone_is_enough_to_finish(world, item):
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = SimpleUploadedFile("bukti.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    actions.attach_evidence(world.operator, item, pdf)
    assert actions.update_item(world.operator, item, status="done").status == "done"
