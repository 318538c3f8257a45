import datetime
import uuid

import pytest
from django.urls import reverse

from sikap.instruments.queries import campaign_versions
from sikap.responses import actions
from sikap.responses.actions import Visit, submit
from sikap.responses.validation import clean_submission
from sikap.testing.factories import make_campaign, make_period

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(world):
    world.admin.is_superuser = True
    world.admin.save()
    return world.admin


def test_submissions_are_listed_read_only_in_the_admin(login, world, superuser):
    campaign = make_campaign([world.division])
    cleaned = clean_submission(
        campaign_versions(campaign), {"SKM-U1": "3", "age": "30"}, require_answers=False
    )
    visit = Visit(
        campaign=campaign, unit=world.division, key=uuid.uuid4(), answered_on=datetime.date(2026, 8, 3)
    )
    submission = submit(None, visit, cleaned)[0]
    client = login(superuser)
    changelist = client.get(reverse("admin:responses_submission_changelist"), {"status__exact": "accepted"})
    assert changelist.status_code == 200
    assert world.division.name in changelist.content.decode()
    assert client.get(reverse("admin:responses_submission_add")).status_code == 403
    page = client.get(reverse("admin:responses_submission_change", args=[submission.pk]))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert client.post(reverse("admin:responses_submission_delete", args=[submission.pk])).status_code == 403


def test_service_codes_are_listed_in_the_admin(login, world, superuser):
    code = actions.issue_codes(superuser, world.division, make_period(), 1)[0]
    page = login(superuser).get(reverse("admin:responses_servicecode_changelist"))
    assert code.code in page.content.decode()
