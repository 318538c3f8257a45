import datetime
import uuid

import pytest
from django.urls import reverse

from sikap.instruments.queries import campaign_versions
from sikap.responses.actions import Visit, submit
from sikap.responses.validation import clean_submission
from sikap.testing.factories import make_campaign

pytestmark = pytest.mark.django_db


@pytest.fixture
def submission(world):
    campaign = make_campaign([world.division])
    data = {"SKM-U1": "3", "SKM-U9": "4", "age": "41", "sex": "Perempuan", "complaint": "<b>Loket tutup</b>"}
    cleaned = clean_submission(campaign_versions(campaign), data, require_answers=False)
    visit = Visit(
        campaign=campaign, unit=world.division, key=uuid.uuid4(), answered_on=datetime.date(2026, 8, 3)
    )
    return submit(None, visit, cleaned)[0]


def url(submission):
    return reverse("operator:submission", args=[submission.pk])


def test_an_operator_sees_answers_with_element_names_profile_and_feedback(login, world, submission):
    page = login(world.operator).get(url(submission))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Persyaratan" in html and "Sarana dan Prasarana" in html
    assert "Perempuan" in html and "41" in html
    assert "&lt;b&gt;Loket tutup&lt;/b&gt;" in html
    assert "Tinjau" in html  # an operator may review from here


def test_an_outsider_gets_404(login, world, submission):
    assert login(world.outsider).get(url(submission)).status_code == 404


def test_an_unknown_submission_is_404(login, world, submission):
    assert (
        login(world.admin).get(reverse("operator:submission", args=[submission.pk + 99])).status_code == 404
    )


def test_a_leader_reads_but_is_offered_no_review(login, world, submission):
    page = login(world.leader).get(url(submission))
    assert page.status_code == 200
    assert 'name="decision"' not in page.content.decode()


def test_an_anonymous_visitor_is_sent_to_the_login(client, submission):
    assert client.get(url(submission)).status_code == 302
