"""A 0-5 scale is scored on its own ends, and "not applicable / don't know" is counted apart: never in n,
sums, means, intervals or the index, and it leaves a respondent without a total score."""

from __future__ import annotations

import datetime
import random

import pytest
from django.utils import timezone

from sikap.indices import read
from sikap.indices.models import AnswerTally, ElementTally, RespondentTally
from sikap.indices.tallies import rebuild
from sikap.indices.tests.helpers import random_submission, submit_answers, tally_snapshot
from sikap.instruments.models import Element
from sikap.testing.factories import make_campaign, make_period, make_scaled_version, make_service

pytestmark = pytest.mark.django_db

ANSWERS = [
    {"SKALA05-E1": "0", "SKALA05-E2": "TT", "SKALA05-E3": "5"},
    {"SKALA05-E1": "4", "SKALA05-E2": "2", "SKALA05-E3": "tidak tahu"},
    {"SKALA05-E1": "1", "SKALA05-E2": "3", "SKALA05-E3": "2"},  # the only complete respondent: total 6
]


@pytest.fixture
def f03():
    return make_scaled_version("SKALA05")


@pytest.fixture
def service(world):
    return make_service(world.division, "Konsultasi")


@pytest.fixture
def campaign(world, f03, service):
    today = timezone.localdate()
    period = make_period(
        "Periode SKALA05", start=today - datetime.timedelta(days=10), end=today + datetime.timedelta(days=10)
    )
    campaign = make_campaign([world.division], period, ("SKALA05",), with_service_links=False)
    for data in ANSWERS:
        submit_answers(campaign, world.division, data, service=service)
    return campaign


def pk(version, code):
    return Element.objects.get(version=version, code=code).pk


def test_element_tallies_count_not_applicable_apart_from_the_scores(world, campaign, f03):
    rows = {
        r.element.code: (r.n, r.total, r.sumsq, r.na)
        for r in ElementTally.objects.filter(version=f03).select_related("element")
    }
    assert rows == {"E1": (3, 5, 17, 0), "E2": (2, 5, 13, 1), "E3": (2, 7, 29, 1)}
    na_rows = AnswerTally.objects.filter(version=f03, not_applicable=True)
    assert sorted((r.element.code, r.value, r.importance, r.n) for r in na_rows) == [
        ("E2", 0, 0, 1),
        ("E3", 0, 0, 1),
    ]


def test_a_respondent_with_any_not_applicable_answer_is_not_complete(world, campaign, f03):
    row = RespondentTally.objects.get(version=f03)
    assert (row.n, row.complete, row.total_sum, row.total_sumsq) == (3, 1, 6, 36)


def test_a_rebuild_gives_the_same_integers(world, campaign):
    before = tally_snapshot()
    rebuild()
    assert tally_snapshot() == before


@pytest.mark.parametrize("by_service", [False, True])
def test_the_read_model_gives_means_without_not_applicable_and_its_count(
    world, campaign, f03, service, by_service
):
    scope = read.Scope(
        [world.division.pk], campaign.period, f03, service_key=service.pk if by_service else None
    )
    moments = read.element_moments(scope)
    assert (moments[pk(f03, "E2")].n, moments[pk(f03, "E2")].total, moments[pk(f03, "E2")].na) == (2, 5, 1)
    assert moments[pk(f03, "E1")].na == 0
    result = read.result(scope)
    assert result.respondents == 3
    figures = {e.code: (e.n, e.mean, e.na) for e in result.elements}
    assert figures == {"E1": (3, 5 / 3, 0), "E2": (2, 2.5, 1), "E3": (2, 3.5, 1)}
    assert result.has_na
    # The mean of the item means on 0-5, and 0-100 with the scale's ends at 0 and 100.
    mean = (5 / 3 + 2.5 + 3.5) / 3
    assert result.index == pytest.approx(mean)
    assert result.score == pytest.approx(mean * 20)


def test_an_element_answered_only_not_applicable_has_no_mean_and_does_not_count(world, f03):
    today = timezone.localdate()
    period = make_period("Hanya TT", start=today - datetime.timedelta(days=3), end=today)
    campaign = make_campaign([world.division], period, ("SKALA05",), with_service_links=False)
    submit_answers(campaign, world.division, {"SKALA05-E1": "2", "SKALA05-E2": "TT", "SKALA05-E3": "4"})
    result = read.result(read.Scope([world.division.pk], period, f03))
    e2 = next(e for e in result.elements if e.code == "E2")
    assert (e2.n, e2.mean, e2.na) == (0, None, 1)
    assert result.index == pytest.approx(3.0)  # (2 + 4) / 2: E2 is unanswered, not a zero


def test_the_unit_page_shows_the_not_applicable_count_per_element(world, campaign, login):
    page = login(world.operator).get(
        f"/indeks/unit/{world.division.code}/?periode={campaign.period.pk}&instrumen=SKALA05"
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert '<abbr title="Tidak berlaku / tidak tahu">TT</abbr>' in html
    assert '<td>E2</td><td>Unsur E2</td><td class="num">2</td>' in html
    assert "tidak termasuk dalam n, rata-rata" in html


def test_the_shipped_instruments_allow_no_not_applicable_and_show_no_column(world, login):
    assert not Element.objects.filter(version__instrument__code__in=["SKM", "SPKP", "SPAK"], allow_na=True)
    campaign = make_campaign([world.division], codes=("SKM",), with_service_links=False)
    random_submission(campaign, world.division, random.Random(1))
    html = login(world.operator).get(f"/indeks/unit/{world.division.code}/?periode={campaign.period.pk}")
    assert "Nilai per unsur" in html.content.decode()
    assert "<abbr" not in html.content.decode()
