"""A service's dashboard: scoped by its unit's access, and its reads agree with the indices' analyses."""

from __future__ import annotations

import random

import pytest

from sikap.dashboards import queries
from sikap.indices import analysis, read
from sikap.indices.tests.helpers import compute, compute_periods, random_submission, scope
from sikap.testing.factories import make_campaign, make_service

from .support import charts

pytestmark = pytest.mark.django_db


@pytest.fixture
def services(world):
    """Jabar division: 9 answers about trademarks, 4 about apostilles; Bali: 3 about its own service."""
    rng = random.Random(29)
    marks = make_service(world.division, name="Permohonan Merek")
    apostille = make_service(world.division, name="Legalisasi Apostille")
    bali = make_service(world.other_division, name="Merek Bali")
    campaign = make_campaign([world.division, world.other_division], with_service_links=False)
    for _ in range(9):
        random_submission(campaign, world.division, rng, service=marks)
    for _ in range(4):
        random_submission(campaign, world.division, rng, service=apostille)
    for _ in range(3):
        random_submission(campaign, world.other_division, rng, service=bali)
    return marks, apostille, bali


def url(service, unit=None) -> str:
    return f"/dasbor/{(unit or service.unit).code}/layanan/{service.pk}/"


def test_the_operator_reads_their_services_and_nobody_else_does(world, services, login):
    marks, apostille, bali = services
    client = login(world.operator)
    page = client.get(url(marks)).content.decode()
    assert "Dasbor layanan Permohonan Merek" in page and "n = 9 responden" in page
    assert "n = 4 responden" in client.get(url(apostille)).content.decode()
    assert client.get(url(bali)).status_code == 404
    assert login(world.outsider).get(url(marks)).status_code == 404


def test_a_service_is_found_only_under_its_own_unit(world, services, login):
    marks, _apostille, _bali = services
    client = login(world.leader)
    assert client.get(url(marks)).status_code == 200
    assert client.get(url(marks, world.kanwil)).status_code == 404
    assert client.get(f"/dasbor/{world.division.code}/layanan/999999/").status_code == 404


def test_the_service_page_links_back_to_its_unit_and_charts_its_own_answers(world, services, login):
    marks, _apostille, _bali = services
    page = login(world.kanwil_admin).get(url(marks)).content.decode()
    assert '<a href="/dasbor/kanwil-jabar-ki/">Bidang KI Jawa Barat</a>' in page
    assert '<a href="/dasbor/kanwil-jabar/">Kanwil Jawa Barat</a>' in page
    found = charts(page)
    assert found["trend"].data["datasets"][0]["n"] == [9]
    assert sum(found["elements"].data["datasets"][0]["n"]) <= 9 * 9
    assert "group-service" not in found


def test_the_service_reads_equal_the_unit_analyses_when_the_unit_has_one_service(world):
    rng = random.Random(31)
    only = make_service(world.other_division, name="Satu-satunya")
    campaign = make_campaign([world.other_division], with_service_links=False)
    for _ in range(11):
        random_submission(campaign, world.other_division, rng, blanks=0.1, service=only)
    unit, period = world.other_division, campaign.period
    version = campaign.ordered_versions()[0]
    ids = [unit.pk]
    service = read.Scope(ids, period, version, service_key=only.pk)  # read from the answer tallies
    moments = read.element_moments(service)
    assert moments == read.element_moments(scope(ids, version, period))
    assert queries.scored(service, moments) == compute(ids, version, period)
    by_service = analysis.breakdowns(service, by_service=False)
    expected = [b for b in analysis.breakdowns(scope(ids, version, period)) if b.dimension != "service"]
    assert by_service == expected
    trend = read.trend(service.replace(version=None, instrument=version.instrument.code))
    assert trend == compute_periods(ids, version.instrument.code)
