import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from sikap.instruments.queries import campaign_versions
from sikap.responses.actions import Visit, submit
from sikap.responses.validation import clean_submission
from sikap.testing.factories import make_campaign, make_service

pytestmark = pytest.mark.django_db
URL = reverse("operator:submissions")


def add(campaign, unit, data=None, **visit):
    """Store one submission through the action, as the public form or paper entry would."""
    versions = campaign_versions(campaign)
    data = data or {"SKM-U1": "3", "SKM-U2": "4", "SPAK-A1": "5"}
    cleaned = clean_submission(versions, data, require_answers=False, enforce_required_fields=False)
    visit.setdefault("answered_on", datetime.date(2026, 8, 3))
    submission, _created = submit(
        None, Visit(campaign=campaign, unit=unit, key=uuid.uuid4(), **visit), cleaned
    )
    return submission


@pytest.fixture
def campaign(world):
    return make_campaign([world.division, world.other_division, world.kanwil])


def test_an_operator_sees_only_its_units_submissions(login, world, campaign):
    mine = add(campaign, world.division, {"SKM-U1": "3", "suggestion": "Antrian lama"})
    add(campaign, world.other_division, {"SKM-U1": "2", "suggestion": "Dari Bali"})
    page = login(world.operator).get(URL)
    assert page.status_code == 200
    assert [row.submission for row in page.context["rows"]] == [mine]
    assert "Dari Bali" not in page.content.decode()


def test_a_leader_sees_every_unit_in_its_scope(login, world, campaign):
    add(campaign, world.division)
    add(campaign, world.other_division)
    assert len(login(world.leader).get(URL).context["rows"]) == 2


def test_a_unit_filter_takes_the_subtree(login, world, campaign):
    below = add(campaign, world.division)
    add(campaign, world.other_division)
    page = login(world.admin).get(URL, {"unit": world.kanwil.pk})
    assert [row.submission for row in page.context["rows"]] == [below]


def test_status_channel_and_verified_filters_narrow_the_list(login, world, campaign):
    add(campaign, world.division)
    paper = add(campaign, world.division, channel="paper")
    suspect = add(campaign, world.division, channel="web", started_at=timezone.now())
    client = login(world.operator)
    assert [r.submission for r in client.get(URL, {"channel": "paper"}).context["rows"]] == [paper]
    assert [r.submission for r in client.get(URL, {"status": "suspect"}).context["rows"]] == [suspect]
    assert client.get(URL, {"verified": "1"}).context["rows"] == []


def test_the_search_looks_in_suggestions_and_complaints(login, world, campaign):
    add(campaign, world.division, {"SKM-U1": "3", "complaint": "Petugas meminta uang rokok"})
    add(campaign, world.division, {"SKM-U1": "3", "suggestion": "Tambah kursi"})
    page = login(world.operator).get(URL, {"q": "uang rokok"})
    assert [r.submission.complaint for r in page.context["rows"]] == ["Petugas meminta uang rokok"]


def test_free_text_is_escaped(login, world, campaign):
    add(campaign, world.division, {"SKM-U1": "3", "suggestion": "<script>alert(1)</script>"})
    html = login(world.operator).get(URL).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_a_suspect_row_shows_its_reasons_translated(login, world, campaign):
    add(campaign, world.division, channel="web", started_at=timezone.now())
    html = login(world.operator).get(URL).content.decode()
    assert "Diragukan" in html
    assert "Diisi lebih cepat dari batas wajar" in html


def test_the_list_shows_the_instruments_answered(login, world, campaign):
    add(campaign, world.division, {"SKM-U1": "3", "SPAK-A2": "6"})
    row = login(world.operator).get(URL).context["rows"][0]
    assert row.instruments == ["SKM", "SPAK"]


def test_the_list_is_paginated_by_fifty(login, world, campaign):
    for _ in range(51):
        add(campaign, world.division)
    client = login(world.operator)
    assert len(client.get(URL).context["rows"]) == 50
    assert len(client.get(URL, {"page": 2}).context["rows"]) == 1


def test_the_query_count_does_not_grow_with_rows(login, world, campaign, django_assert_num_queries):
    service = make_service(world.division, "Permohonan Merek")
    client = login(world.kanwil_admin)
    for _ in range(2):
        add(campaign, world.division, service=service)
    client.get(URL)  # warm the session
    with django_assert_num_queries(9) as few:
        client.get(URL, {"period": campaign.period.pk})
    for _ in range(30):
        add(campaign, world.division, service=service, channel="web", started_at=timezone.now())
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(URL, {"period": campaign.period.pk})
