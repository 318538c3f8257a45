"""Equity across Kanwil and units: the spread equals the maths on per-Kanwil pooled indices."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sikap.indices import analysis
from sikap.indices.tests.helpers import answered_campaign, compute, random_submission
from sikap.instruments.models import InstrumentVersion
from sikap.organisation.actions import set_period_rules
from sikap.organisation.models import Unit
from sikap.scoring.equity import GroupIndex, spread, weighted_index
from sikap.testing.factories import make_campaign, make_unit

pytestmark = pytest.mark.django_db


def skm() -> InstrumentVersion:
    return InstrumentVersion.objects.published().get(instrument__code="SKM")


@pytest.fixture
def campaign(world):
    """Three Kanwil with answers in their divisions (and one in the Jabar Kanwil office itself)."""
    papua = make_unit("kanwil-papua", parent=world.ministry, kind=Unit.Kind.KANWIL, name="Kanwil Papua")
    papua_ki = make_unit("kanwil-papua-ki", parent=papua, name="Bidang KI Papua")
    answers = [(world.kanwil, 3), (world.division, 10), (world.other_division, 7), (papua_ki, 12)]
    return answered_campaign(answers, seed=23, blanks=0.05, codes=("SKM",))


def subtree_ids(unit):
    return list(Unit.objects.subtree_of(unit).values_list("pk", flat=True))


def test_the_kanwil_spread_pools_each_subtree(world, campaign):
    scope = Unit.objects.all()
    kanwils, members = analysis.kanwil_members(scope)
    assert set(kanwils) == {world.kanwil.pk, world.other_kanwil.pk, Unit.objects.get(code="kanwil-papua").pk}
    result = analysis.equity(kanwils, members, skm(), campaign.period)
    expected = {k.pk: compute(subtree_ids(k), skm(), campaign.period) for k in kanwils.values()}
    assert {r.unit.pk: (r.n, r.score) for r in result.rows} == {
        pk: (e.respondents, e.score) for pk, e in expected.items()
    }
    assert [r.score for r in result.rows] == sorted((e.score for e in expected.values()), reverse=True)
    values = [Fraction(str(e.score)) for e in expected.values()]
    assert result.spread == spread(values)
    assert result.spread_by_n == spread(values, [e.respondents for e in expected.values()])
    groups = [
        GroupIndex(k.code, expected[k.pk].respondents, Fraction(str(expected[k.pk].score)))
        for k in kanwils.values()
    ]
    assert result.regional == weighted_index(groups)
    assert sum(r.weight for r in result.rows) == pytest.approx(1.0)
    assert result.rows[0].unit.pk == max(expected, key=lambda pk: expected[pk].score)


def test_equal_and_configured_regional_weights(world, campaign):
    kanwils, members = analysis.kanwil_members(Unit.objects.all())
    equal = analysis.equity(kanwils, members, skm(), campaign.period, weights="equal")
    assert equal.regional.index == pytest.approx(sum(r.score for r in equal.rows) / 3)
    weights = {"kanwil-jabar": 3, "kanwil-bali": 1}  # Papua left out: weight 0
    set_period_rules(world.admin, campaign.period, regional_weights=weights, reason="bobot uji")
    custom = analysis.equity(kanwils, members, skm(), campaign.period, weights="custom")
    scores = {r.unit.code: r.score for r in custom.rows}
    assert custom.regional.index == pytest.approx((3 * scores["kanwil-jabar"] + scores["kanwil-bali"]) / 4)
    assert {r.unit.code: r.weight for r in custom.rows}["kanwil-papua"] == 0


def test_the_page_shows_the_spread_as_numbers_and_bars(world, campaign, login):
    page = login(world.leader).get(f"/indeks/pemerataan/?periode={campaign.period.pk}").content.decode()
    kanwils, members = analysis.kanwil_members(Unit.objects.all())
    result = analysis.equity(kanwils, members, skm(), campaign.period)
    rng = f"{result.spread.range:.2f}".replace(".", ",")
    gini = f"{result.spread.gini:.4f}".replace(".", ",")
    assert rng in page and gini in page
    assert page.count("<meter") >= 3
    assert "Kanwil Papua" in page


def test_a_kanwil_admin_compares_only_within_their_scope(world, campaign, login):
    page = login(world.kanwil_admin).get(f"/indeks/pemerataan/?periode={campaign.period.pk}").content.decode()
    assert "Kanwil Jawa Barat" in page and "Bidang KI Jawa Barat" in page
    assert "Bali" not in page and "Papua" not in page


def test_anonymous_visitors_log_in_first(client, campaign):
    assert client.get("/indeks/pemerataan/").status_code == 302


def test_the_query_count_does_not_grow_with_kanwil(world, campaign, login, django_assert_max_num_queries):
    client = login(world.leader)
    path = f"/indeks/pemerataan/?periode={campaign.period.pk}"
    with django_assert_max_num_queries(12):
        client.get(path)
    with CaptureQueriesContext(connection) as before:
        client.get(path)
    rng = random.Random(4)
    for i in range(6):
        kanwil = make_unit(f"kanwil-{i}", parent=world.ministry, kind=Unit.Kind.KANWIL)
        unit = make_unit(f"kanwil-{i}-ki", parent=kanwil)
        more = make_campaign([unit], campaign.period, codes=("SKM",), with_service_links=False)
        for _ in range(3):
            random_submission(more, unit, rng)
    with CaptureQueriesContext(connection) as after:
        page = client.get(path).content.decode()
    assert "Kanwil 5" in page
    assert len(after) == len(before)
