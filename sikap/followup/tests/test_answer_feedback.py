import pytest
from django.core.exceptions import ValidationError

from sikap.audit.models import AuditEvent
from sikap.followup import actions
from sikap.followup.models import FeedbackReply, FollowUpItem
from sikap.followup.tests.helpers import feedback_submission

pytestmark = pytest.mark.django_db


def test_the_first_answer_is_kept_as_a_reply_and_makes_no_plan_item(world, complaint, clock):
    # Issue 10: the answer used to make a "done" feedback item, lifting the completion rate.
    clock.advance(days=3)
    reply = actions.answer_feedback(world.operator, complaint, " Loket 3 dibuka mulai Senin. ")
    assert (reply.text, reply.answered_by, reply.answered_at) == (
        "Loket 3 dibuka mulai Senin.",
        world.operator,
        clock.value,
    )
    assert not FollowUpItem.objects.exists()
    actions_recorded = {e.action for e in AuditEvent.objects.all()}
    assert "followup.answer" in actions_recorded and "followup.create" not in actions_recorded


def test_a_second_answer_replaces_the_text_and_leaves_the_item_alone(world, period, complaint):
    import datetime

    item = actions.create_item(
        world.operator,
        world.division,
        period,
        submission=complaint,
        action="Tambah petugas loket",
        deadline=datetime.date(2027, 3, 1),
    )
    actions.answer_feedback(world.operator, complaint, "Akan kami periksa.")
    actions.update_item(world.operator, item, status="in_progress")
    actions.answer_feedback(world.kanwil_admin, complaint, "Petugas loket ditambah.")
    reply = FeedbackReply.objects.get()
    assert (reply.text, reply.answered_by) == ("Petugas loket ditambah.", world.kanwil_admin)
    item.refresh_from_db()
    assert item.status == "in_progress" and FollowUpItem.objects.count() == 1
    event = AuditEvent.objects.filter(action="followup.answer").order_by("id").last()
    assert event.before["text"] == "Akan kami periksa." and event.after["text"] == "Petugas loket ditambah."


def test_an_existing_item_is_not_duplicated(world, period, complaint):
    import datetime

    actions.create_item(
        world.operator,
        world.division,
        period,
        submission=complaint,
        action="X",
        deadline=datetime.date(2027, 3, 1),
    )
    actions.answer_feedback(world.operator, complaint, "Terima kasih.")
    assert FollowUpItem.objects.get().status == "planned"


def test_a_blank_answer_or_a_submission_without_feedback_is_refused(world, campaign, complaint):
    with pytest.raises(ValidationError):
        actions.answer_feedback(world.operator, complaint, "  ")
    silent = feedback_submission(campaign, world.division)
    with pytest.raises(ValidationError):
        actions.answer_feedback(world.operator, silent, "Terima kasih.")
    assert not FeedbackReply.objects.exists() and not FollowUpItem.objects.exists()
