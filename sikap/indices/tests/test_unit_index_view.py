"""The unit index page: scoped by access, honest about suspect answers, and a fixed number of queries."""

from __future__ import annotations

import datetime
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sikap.indices import queries
from sikap.indices.tests.helpers import answered_campaign, random_submission
from sikap.organisation.models import Period
from sikap.testing.factories import make_campaign, make_period, make_unit

pytestmark = pytest.mark.django_db


def url(unit, period, **params):
    query = "&".join(f"{k}={v}" for k, v in {"periode": period.pk, **params}.items())
    return f"/indeks/unit/{unit.code}/?{query}"


@pytest.fixture
def campaign(world):
    return answered_campaign([(world.division, 6), (world.other_division, 0)], seed=7)


def test_anonymous_visitors_are_sent_to_log_in(client, world, campaign):
    response = client.get(url(world.division, campaign.period))
    assert response.status_code == 302 and "/akun/" in response["Location"]


def test_the_operator_sees_their_own_unit_and_not_another(world, campaign, login):
    client = login(world.operator)
    assert client.get(url(world.division, campaign.period)).status_code == 200
    assert client.get(url(world.other_division, campaign.period)).status_code == 404
    assert client.get(url(world.kanwil, campaign.period)).status_code == 404


def test_an_outsider_gets_404_and_a_leader_reads(world, campaign, login):
    assert login(world.outsider).get(url(world.division, campaign.period)).status_code == 404
    response = login(world.leader).get(url(world.division, campaign.period))
    assert response.status_code == 200
    page = response.content.decode()
    assert "SKM" in page and "SPKP" in page and "SPAK" in page
    assert "n = 6 responden" in page
    assert "Belum representatif: 6 dari minimal 30 responden." in page
    assert "bobot tepat 1/9" in page  # the IKM convention is named
    assert "WBK/WBBM" in page  # the perception cards carry the threshold check
    assert "tidak mengikutkan respons yang diragukan dan yang ditolak" in page


def test_the_with_suspect_toggle_changes_n(world, campaign, login):
    fast = random_submission(
        campaign, world.division, random.Random(1), channel="web", started_at=timezone.now()
    )
    assert fast.status == "suspect"
    client = login(world.operator)
    default = client.get(url(world.division, campaign.period)).content.decode()
    assert "n = 6 responden" in default and "curiga=1" in default  # a plain link switches it on
    with_suspect = client.get(url(world.division, campaign.period, curiga=1)).content.decode()
    assert "n = 7 responden" in with_suspect
    assert "mengikutkan respons yang diragukan" in with_suspect
    # Progress counts accepted answers only, whatever the toggle says.
    assert "Tercapai 6 dari target 30" in with_suspect


def test_a_kanwil_page_pools_its_subtree_unless_asked_not_to(world, campaign, login):
    client = login(world.kanwil_admin)
    assert "n = 6 responden" in client.get(url(world.kanwil, campaign.period)).content.decode()
    alone = client.get(url(world.kanwil, campaign.period, subtree=0)).content.decode()
    # The Kanwil itself is not in the campaign and has no answers of its own.
    assert "Belum ada instrumen survei untuk unit ini" in alone and "n = " not in alone


def test_the_instrument_parameter_picks_the_details(world, campaign, login):
    page = login(world.leader).get(url(world.division, campaign.period, instrumen="SPAK")).content.decode()
    assert "Rincian SPAK" in page and "A1" in page


def test_the_default_period_is_the_most_specific_one_containing_today(world):
    year = make_period("2026", datetime.date(2026, 1, 1), datetime.date(2026, 12, 31), kind=Period.Kind.YEAR)
    semester = make_period()
    today = datetime.date(2026, 8, 3)
    assert queries.default_period(today) == semester
    make_campaign([world.division], year, with_service_links=False)
    # A period that actually runs a survey wins over a more specific one that does not.
    assert queries.default_period(today) == year
    make_campaign([world.division], semester, with_service_links=False)
    assert queries.default_period(today) == semester


def test_without_a_current_period_the_latest_with_data_is_shown(world):
    old = make_period("2025 Semester I", datetime.date(2025, 1, 1), datetime.date(2025, 6, 30))
    make_period("2025 Semester II", datetime.date(2025, 7, 1), datetime.date(2025, 12, 31))
    campaign = make_campaign([world.division], old, codes=("SKM",), with_service_links=False)
    random_submission(campaign, world.division, random.Random(1))
    assert queries.default_period(datetime.date(2027, 3, 1)) == old


def count_queries(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_the_query_count_is_pinned_and_does_not_grow_with_units_or_answers(
    world, campaign, login, django_assert_max_num_queries
):
    client = login(world.leader)
    path = url(world.ministry, campaign.period, subtree=1)
    with django_assert_max_num_queries(38):
        assert client.get(path).status_code == 200
    before = count_queries(client, path)
    rng = random.Random(3)
    extra = [make_unit(f"upt-{i}", parent=world.other_kanwil) for i in range(12)]
    more = make_campaign(extra, campaign.period, with_service_links=False)
    for i in range(40):
        random_submission(more, extra[i % len(extra)], rng, blanks=0.1)
    assert count_queries(client, path) == before


def test_the_unit_detail_page_links_here(world, login):
    page = login(world.operator).get(f"/unit/{world.division.code}/").content.decode()
    assert f'href="/indeks/unit/{world.division.code}/"' in page
