import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from sikap.audit.models import AuditEvent
from sikap.instruments.queries import campaign_versions
from sikap.responses.actions import Visit, submit
from sikap.responses.models import Submission
from sikap.responses.validation import clean_submission
from sikap.testing.factories import make_campaign

pytestmark = pytest.mark.django_db
LIST = reverse("operator:review")


def suspect(campaign, unit):
    """A web submission sent the instant the form opened: too fast, so suspect."""
    cleaned = clean_submission(
        campaign_versions(campaign), {"SKM-U1": "4", "age": "30"}, require_answers=False
    )
    visit = Visit(
        campaign=campaign,
        unit=unit,
        key=uuid.uuid4(),
        started_at=timezone.now(),
        answered_on=datetime.date(2026, 8, 3),
    )
    submission = submit(None, visit, cleaned)[0]
    assert submission.status == Submission.Status.SUSPECT
    return submission


@pytest.fixture
def campaign(world):
    return make_campaign([world.division, world.other_division])


def url(submission):
    return reverse("operator:review_submit", args=[submission.pk])


def test_the_list_shows_the_suspect_submissions_of_the_writable_units(login, world, campaign):
    mine = suspect(campaign, world.division)
    suspect(campaign, world.other_division)
    page = login(world.operator).get(LIST)
    assert page.status_code == 200
    assert [row.submission for row in page.context["rows"]] == [mine]


def test_an_accepted_submission_leaves_the_list(login, world, campaign):
    submission = suspect(campaign, world.division)
    client = login(world.operator)
    client.post(url(submission), {"decision": "accept", "reason": "Petugas mengisi bersama pengguna"})
    assert client.get(LIST).context["rows"] == []


def test_accepting_with_a_reason_is_stored_and_audited(login, world, campaign):
    submission = suspect(campaign, world.division)
    reply = login(world.operator).post(
        url(submission), {"decision": "accept", "reason": "Pengguna lansia dibantu petugas", "next": LIST}
    )
    assert reply.status_code == 302 and reply.url == LIST
    submission.refresh_from_db()
    assert submission.status == Submission.Status.ACCEPTED
    assert submission.reviewed_by == world.operator
    event = AuditEvent.objects.for_object(submission).get(action="submission.review")
    assert event.actor == world.operator
    assert event.reason == "Pengguna lansia dibantu petugas"
    assert (event.before, event.after) == ({"status": "suspect"}, {"status": "accepted"})


def test_rejecting_with_a_reason_is_stored_and_audited(login, world, campaign):
    submission = suspect(campaign, world.division)
    login(world.operator).post(url(submission), {"decision": "reject", "reason": "Isian uji coba petugas"})
    submission.refresh_from_db()
    assert submission.status == Submission.Status.REJECTED
    assert AuditEvent.objects.for_object(submission).get(action="submission.review").reason == (
        "Isian uji coba petugas"
    )


def test_a_reason_is_required(login, world, campaign):
    submission = suspect(campaign, world.division)
    page = login(world.operator).post(url(submission), {"decision": "reject", "reason": "  "})
    assert page.status_code == 200
    assert page.context["form"].errors["reason"]
    submission.refresh_from_db()
    assert submission.status == Submission.Status.SUSPECT
    assert not AuditEvent.objects.for_object(submission).filter(action="submission.review").exists()


def test_a_rejected_submission_can_be_reviewed_again_from_its_page(login, world, campaign):
    submission = suspect(campaign, world.division)
    client = login(world.operator)
    client.post(url(submission), {"decision": "reject", "reason": "Diduga isian ganda"})
    detail = reverse("operator:submission", args=[submission.pk])
    assert 'name="decision"' in client.get(detail).content.decode()
    reply = client.post(
        url(submission), {"decision": "accept", "reason": "Ternyata dua orang", "next": detail}
    )
    assert reply.url == detail
    submission.refresh_from_db()
    assert submission.status == Submission.Status.ACCEPTED
    assert AuditEvent.objects.for_object(submission).filter(action="submission.review").count() == 2


def test_a_leader_gets_403_on_the_post_and_nothing_changes(login, world, campaign):
    submission = suspect(campaign, world.division)
    assert login(world.leader).post(url(submission), {"decision": "reject", "reason": "x"}).status_code == 403
    submission.refresh_from_db()
    assert submission.status == Submission.Status.SUSPECT


def test_a_leader_who_may_write_nowhere_gets_403_on_the_list(login, world, campaign):
    assert login(world.leader).get(LIST).status_code == 403


def test_an_outsider_gets_404_and_nothing_changes(login, world, campaign):
    submission = suspect(campaign, world.division)
    assert (
        login(world.outsider).post(url(submission), {"decision": "reject", "reason": "x"}).status_code == 404
    )
    submission.refresh_from_db()
    assert submission.status == Submission.Status.SUSPECT


def test_an_offsite_next_address_is_not_followed(login, world, campaign):
    submission = suspect(campaign, world.division)
    reply = login(world.operator).post(
        url(submission), {"decision": "accept", "reason": "ok", "next": "https://evil.example/"}
    )
    assert reply.url == LIST


def test_the_review_list_query_count_does_not_grow_with_rows(
    login, world, campaign, django_assert_num_queries
):
    client = login(world.operator)
    suspect(campaign, world.division)
    client.get(LIST)
    with django_assert_num_queries(7) as few:
        client.get(LIST)
    for _ in range(10):
        suspect(campaign, world.division)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(LIST)


def test_the_detail_page_names_integrity_signals_in_words_not_codes(login, world, campaign):
    # Issue 10: raw codes such as "straight_line True" appeared on the page.
    submission = suspect(campaign, world.division)
    page = login(world.operator).get(reverse("operator:submission", args=[submission.pk])).content.decode()
    table = page[page.index("Sinyal integritas") :]
    table = table[: table.index("</table>")]
    assert "Semua unsur dijawab dengan nilai yang sama</th><td>tidak" in table
    assert "Lama pengisian (detik)" in table
    assert "straight_line" not in table and "duration_seconds" not in table and "False" not in table
