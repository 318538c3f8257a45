import datetime

import pytest
from django.core.exceptions import ValidationError

from sikap.audit.models import AuditEvent
from sikap.followup import actions
from sikap.followup.tests.helpers import element_item, feedback_submission

pytestmark = pytest.mark.django_db

DEADLINE = datetime.date(2027, 3, 1)


def test_an_element_item_copies_the_name_and_current_mean(world, period):
    item = element_item(world, period, "U1", "Sederhanakan syarat", deadline=DEADLINE)
    assert item.source == "element" and item.element_name and item.element_mean is not None
    assert item.public is True and item.created_by == world.operator
    event = AuditEvent.objects.get(action="followup.create")
    assert event.after["element_code"] == "U1" and event.actor == world.operator


def test_an_unknown_element_is_refused_with_a_message(world, period):
    with pytest.raises(ValidationError) as error:
        actions.create_item(
            world.operator, world.division, period, element_code="X9", action="-", deadline=DEADLINE
        )
    assert "Unsur X9 tidak ada pada SKM periode ini." in error.value.message_dict["element_code"]


def test_a_feedback_item_is_private_unless_asked(world, period, complaint):
    item = actions.create_item(
        world.operator, world.division, period, submission=complaint, action="Tambah loket", deadline=DEADLINE
    )
    assert item.source == "feedback" and item.public is False
    assert item.started_at == complaint.created_at  # the clock runs from when the complaint arrived


def test_feedback_of_another_unit_is_refused(world, campaign, period):
    elsewhere = feedback_submission(campaign, world.other_division, complaint="Parkir sempit")
    with pytest.raises(ValidationError):
        actions.create_item(
            world.operator, world.division, period, submission=elsewhere, action="-", deadline=DEADLINE
        )


def test_one_submission_has_at_most_one_item(world, period, complaint):
    actions.create_item(
        world.operator, world.division, period, submission=complaint, action="A", deadline=DEADLINE
    )
    with pytest.raises(ValidationError) as error:
        actions.create_item(
            world.operator, world.division, period, submission=complaint, action="B", deadline=DEADLINE
        )
    assert "Masukan ini sudah memiliki butir tindak lanjut." in str(error.value)
