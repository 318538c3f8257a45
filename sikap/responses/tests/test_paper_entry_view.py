import datetime
import uuid

import pytest
from django.urls import reverse

from sikap.audit.models import AuditEvent
from sikap.instruments.models import Campaign
from sikap.responses.models import Answer, Submission
from sikap.testing.factories import make_campaign, make_period, make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def service(world):
    return make_service(world.division, "Permohonan Merek", year=2026)


@pytest.fixture
def campaign(world, service):
    return make_campaign([world.division, world.other_division])


def url(campaign, unit):
    return reverse("operator:paper_entry", args=[campaign.pk, unit.code])


def form(service, **extra):
    data = {
        "key": str(uuid.uuid4()),
        "service": service.pk,
        "answered_on": "2026-08-14",
        "SKM-U1": "3",
        "SKM-U2": "",  # left blank on paper: not answered
        "SKM-U3": "4",
        "SPKP-K1": "6",
        "age": "",
        "sex": "Laki-laki",
        "suggestion": "Ruang tunggu panas",
    }
    return {**data, **extra}


def test_the_page_shows_an_input_per_element_and_a_fresh_key(login, world, campaign):
    page = login(world.operator).get(url(campaign, world.division))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'name="SKM-U9"' in html and 'name="SPKP-K8"' in html and 'name="SPAK-A5"' in html
    assert 'name="key"' in html


def test_an_operator_stores_one_paper_submission_without_the_blanks(login, world, campaign, service):
    reply = login(world.operator).post(url(campaign, world.division), form(service))
    assert reply.status_code == 302
    submission = Submission.objects.get()
    assert submission.channel == Submission.Channel.PAPER
    assert (submission.unit, submission.service, str(submission.answered_on)) == (
        world.division,
        service,
        "2026-08-14",
    )
    assert submission.entered_by == world.operator
    assert submission.suggestion == "Ruang tunggu panas"
    codes = sorted(
        Answer.objects.filter(response__submission=submission).values_list("element__code", flat=True)
    )
    assert codes == ["K1", "U1", "U3"]
    assert AuditEvent.objects.for_object(submission).get().action == "submission.paper"


def test_a_double_post_with_the_same_key_stores_one(login, world, campaign, service):
    client = login(world.operator)
    data = form(service)
    client.post(url(campaign, world.division), data)
    client.post(url(campaign, world.division), data)
    assert Submission.objects.count() == 1


def test_a_score_off_the_scale_is_reported_on_its_input_and_the_input_kept(login, world, campaign, service):
    page = login(world.operator).post(url(campaign, world.division), form(service, **{"SKM-U3": "7"}))
    html = page.content.decode()
    assert page.status_code == 200
    assert "di luar skala 1-4" in html
    assert 'name="SKM-U3" value="7"' in html
    assert 'value="Ruang tunggu panas"' in html or ">Ruang tunggu panas<" in html
    assert not Submission.objects.exists()


def test_a_date_outside_the_period_is_refused(login, world, campaign, service):
    page = login(world.operator).post(url(campaign, world.division), form(service, answered_on="2026-06-30"))
    assert page.context["form"].errors["answered_on"]
    assert not Submission.objects.exists()


def test_a_date_in_the_future_is_refused(login, world, service):
    period = make_period("2099 Semester I", start=datetime.date(2099, 1, 1), end=datetime.date(2099, 6, 30))
    campaign = make_campaign([world.division], period)
    page = login(world.operator).post(url(campaign, world.division), form(service, answered_on="2099-02-01"))
    assert "masa depan" in page.content.decode()
    assert not Submission.objects.exists()


def test_an_all_blank_questionnaire_is_refused(login, world, campaign, service):
    blank = {k: "" for k in ("SKM-U1", "SKM-U3", "SPKP-K1")}
    page = login(world.operator).post(url(campaign, world.division), form(service, **blank))
    assert "Tidak ada satu pun unsur yang dijawab" in page.content.decode()
    assert not Submission.objects.exists()


def test_a_closed_campaign_still_takes_late_paper_forms(login, world, campaign, service):
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.CLOSED)
    assert login(world.operator).post(url(campaign, world.division), form(service)).status_code == 302
    assert Submission.objects.count() == 1


def test_a_campaign_that_does_not_run_for_the_unit_is_404(login, world, service):
    other = make_campaign([world.other_division])
    assert login(world.admin).get(url(other, world.division)).status_code == 404


def test_a_leader_gets_403_and_nothing_is_stored(login, world, campaign, service):
    assert login(world.leader).post(url(campaign, world.division), form(service)).status_code == 403
    assert not Submission.objects.exists()


def test_an_outsider_gets_404_and_nothing_is_stored(login, world, campaign, service):
    assert login(world.outsider).post(url(campaign, world.division), form(service)).status_code == 404
    assert not Submission.objects.exists()


def test_the_chooser_lists_the_campaigns_of_the_writable_units(login, world, campaign):
    page = login(world.operator).get(reverse("operator:paper_choose"))
    html = page.content.decode()
    assert url(campaign, world.division) in html
    assert url(campaign, world.other_division) not in html
