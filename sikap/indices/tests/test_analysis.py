"""Analyses from the rollups agree with direct computations from the stored answers."""

from __future__ import annotations

import datetime
import math
import random
import statistics
from collections import defaultdict
from fractions import Fraction

import pytest

from sikap import scoring
from sikap.indices import analysis, read
from sikap.indices.tests.helpers import (
    compute,
    compute_grouped,
    compute_periods,
    random_submission,
    scope,
    submit_answers,
)
from sikap.instruments import actions as instrument_actions
from sikap.instruments.models import InstrumentVersion
from sikap.organisation.actions import set_user_count
from sikap.responses.models import Answer
from sikap.scoring.ipa import IpaInput, ipa
from sikap.scoring.reliability import Moments, cronbach_alpha
from sikap.testing.factories import make_campaign, make_period, make_service

pytestmark = pytest.mark.django_db


def skm() -> InstrumentVersion:
    return InstrumentVersion.objects.published().filter(instrument__code="SKM").order_by("-number").first()


def answer_rows(version, unit_ids, period, statuses=("accepted",)) -> dict[int, dict[str, tuple]]:
    """Per response: {element code: (value, importance)}, straight from the Answer table."""
    rows: dict[int, dict[str, tuple]] = defaultdict(dict)
    answers = Answer.objects.filter(
        response__version=version,
        response__submission__unit_id__in=unit_ids,
        response__submission__period=period,
        response__submission__status__in=statuses,
    ).select_related("element")
    for a in answers:
        rows[a.response_id][a.element.code] = (a.value, a.importance)
    return rows


def test_grouped_results_equal_one_computation_per_group(world):
    rng = random.Random(3)
    units = [world.kanwil, world.division, world.other_kanwil, world.other_division]
    campaign = make_campaign(units, with_service_links=False)
    for _ in range(30):
        random_submission(campaign, rng.choice(units), rng, blanks=0.1)
    version, period = skm(), campaign.period
    members = {u.pk: u.pk for u in units}
    grouped = compute_grouped(members, version, period)
    for unit in units:
        single = compute([unit.pk], version, period)
        assert grouped[unit.pk] == single
    pooled = compute_grouped({u.pk: "all" for u in units}, version, period)["all"]
    assert pooled == compute([u.pk for u in units], version, period)


def test_the_results_per_period_equal_one_computation_per_period(world):
    rng = random.Random(4)
    first = make_period("2026 Semester I", datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))
    second = make_period()
    for period, count in ((second, 7), (first, 12)):
        campaign = make_campaign([world.division], period, codes=("SKM",), with_service_links=False)
        for _ in range(count):
            random_submission(campaign, world.division, rng)
    results = compute_periods([world.division.pk], "SKM")
    assert [r.period for r in results] == [first, second]  # oldest first
    assert results == [compute([world.division.pk], skm(), p) for p in (first, second)]
    assert [
        r.respondents for r in read.trend(read.Scope([world.division.pk], instrument="SKM"), intervals=False)
    ] == [12, 7]


def test_weakest_elements_come_lowest_mean_first_with_ties_by_code(world):
    campaign = make_campaign([world.division], codes=("SKM",), with_service_links=False)
    values = {"U1": 3, "U2": 2, "U3": 4, "U4": 2, "U5": 3, "U6": 1, "U7": 4, "U8": 4, "U9": 4}
    submit(campaign, world.division, {f"SKM-{c}": v for c, v in values.items()})
    result = compute([world.division.pk], skm(), campaign.period)
    assert [e.code for e in analysis.weakest_elements(result)][:5] == ["U6", "U2", "U4", "U1", "U5"]
    assert [e.code for e in analysis.weakest_elements(result, 2)] == ["U6", "U2"]


def test_cronbach_alpha_equals_the_textbook_alpha_of_the_answers(world):
    rng = random.Random(8)
    campaign = make_campaign([world.division, world.other_division], with_service_links=False)
    for _ in range(25):
        random_submission(campaign, rng.choice([world.division, world.other_division]), rng)
    version, period, ids = skm(), campaign.period, [world.division.pk, world.other_division.pk]
    items = read.element_moments(scope(ids, version, period))
    totals = analysis.respondent_moments(scope(ids, version, period))
    result = analysis.reliability(version, items, totals)
    rows = answer_rows(version, ids, period)
    codes = [e.code for e in version.elements.all()]
    matrix = [[row[c][0] for c in codes] for row in rows.values()]
    k = len(codes)
    item_var = sum(statistics.variance([Fraction(r[j]) for r in matrix]) for j in range(k))
    total_var = statistics.variance([Fraction(sum(r)) for r in matrix])
    expected = float(Fraction(k, k - 1) * (1 - item_var / total_var))
    assert result.alpha == pytest.approx(expected, abs=1e-12)
    assert (result.k, result.n) == (9, len(matrix))


def test_cronbach_alpha_with_blanks_uses_all_answers_per_item_and_complete_respondents_for_totals(world):
    rng = random.Random(12)
    campaign = make_campaign([world.division], codes=("SKM",), with_service_links=False)
    for _ in range(40):
        random_submission(campaign, world.division, rng, blanks=0.08)
    version, period, ids = skm(), campaign.period, [world.division.pk]
    rows = answer_rows(version, ids, period)
    codes = [e.code for e in version.elements.all()]

    def moments(values):
        return Moments(len(values), sum(values), sum(v * v for v in values))

    items = [moments([r[c][0] for r in rows.values() if c in r]) for c in codes]
    complete = [sum(r[c][0] for c in codes) for r in rows.values() if len(r) == len(codes)]
    assert len(complete) < len(rows)  # the blanks did leave some respondents incomplete
    expected = cronbach_alpha(items, moments(complete))
    got = analysis.reliability(
        version,
        read.element_moments(scope(ids, version, period)),
        analysis.respondent_moments(scope(ids, version, period)),
    )
    assert got.alpha == expected


def test_importance_performance_quadrants_follow_the_answers(world, login):
    version = importance_version()
    campaign = make_campaign([world.division], codes=("SKM",), with_service_links=False)
    assert campaign.ordered_versions()[0].pk == version.pk
    rng = random.Random(21)
    for _ in range(15):
        data = {}
        for element in version.elements.all():
            data[f"SKM-{element.code}"] = rng.randint(1, 4)
            if element.ask_importance and rng.random() < 0.8:
                data[f"SKM-{element.code}-imp"] = rng.randint(1, 4)
        submit(campaign, world.division, data)
    ids = [world.division.pk]
    result = analysis.importance_performance(
        version, read.element_moments(scope(ids, version, campaign.period))
    )
    pairs: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for row in answer_rows(version, ids, campaign.period).values():
        for code, (value, importance) in row.items():
            if importance:
                pairs[code].append((value, importance))
    expected = ipa(
        [
            IpaInput(c, Fraction(sum(v for v, _ in p), len(p)), Fraction(sum(i for _, i in p), len(p)))
            for c, p in sorted(pairs.items(), key=lambda kv: int(kv[0][1:]))
        ]
    )
    assert result == expected
    assert {p.code for p in result.points} == {"U1", "U2", "U3", "U8"}
    page = login(world.leader).get(f"/indeks/unit/{world.division.code}/?periode={campaign.period.pk}")
    html = page.content.decode()
    assert "Analisis kepentingan-kinerja (IPA)" in html
    first = expected.points[0]
    assert f'<td>{first.code}</td><td class="num">{first.performance:.3f}'.replace(".", ",") in html


def test_there_is_no_ipa_when_importance_was_not_asked(world):
    rng = random.Random(2)
    campaign = make_campaign([world.division], codes=("SKM",), with_service_links=False)
    random_submission(campaign, world.division, rng)
    moments = read.element_moments(scope([world.division.pk], skm(), campaign.period))
    assert analysis.importance_performance(skm(), moments) is None


def test_the_margin_of_error_uses_the_population_with_finite_correction(world):
    rng = random.Random(5)
    period = make_period()
    service = make_service(world.division)
    campaign = make_campaign([world.division], period, codes=("SKM",), with_service_links=False)
    for _ in range(20):
        random_submission(campaign, world.division, rng)
    version, ids = skm(), [world.division.pk]
    totals = analysis.respondent_moments(scope(ids, version, period))
    without = analysis.achieved_margin(scope(ids, version, period), 20, totals)
    assert without is not None and not without.corrected and without.population is None
    set_user_count(None, service, period, 60)
    margin = analysis.achieved_margin(scope(ids, version, period), 20, totals)
    scores = [sum(v for v, _ in row.values()) / 9 * 25 for row in answer_rows(version, ids, period).values()]
    sd = statistics.stdev(scores)
    fpc = math.sqrt((60 - 20) / (60 - 1))
    assert margin.corrected and margin.population == 60
    assert margin.score == pytest.approx(1.96 * sd / math.sqrt(20) * fpc)
    assert margin.proportion == pytest.approx(1.96 * math.sqrt(0.25 / 20) * fpc)
    assert margin.score < without.score
    set_user_count(None, service, period, 10)  # stale population below the sample: no correction
    stale = analysis.achieved_margin(scope(ids, version, period), 20, totals)
    assert stale.population_too_small and not stale.corrected
    assert stale.score == pytest.approx(without.score)


def importance_version() -> InstrumentVersion:
    """A new SKM version asking importance for U1, U2, U3 and U8."""
    draft = instrument_actions.new_draft(None, skm())
    for element in draft.elements.filter(code__in=["U1", "U2", "U3", "U8"]):
        element.ask_importance = True
        instrument_actions.save_element(None, element)
    return instrument_actions.publish_version(None, draft)


def submit(campaign, unit, data, *, service=None, **profile):
    """Store one submission with exactly these answers and profile, through the real action."""
    return submit_answers(campaign, unit, {**data, **profile}, service=service)


def test_scoring_margin_helper_is_the_one_used(world):
    # Guards the wiring: a census (n = N) has no sampling error at all.
    period = make_period()
    service = make_service(world.division)
    campaign = make_campaign([world.division], period, codes=("SKM",), with_service_links=False)
    rng = random.Random(1)
    for _ in range(5):
        random_submission(campaign, world.division, rng)
    set_user_count(None, service, period, 5)
    totals = analysis.respondent_moments(scope([world.division.pk], skm(), period))
    margin = analysis.achieved_margin(scope([world.division.pk], skm(), period), 5, totals)
    assert margin.score == 0.0 and margin.proportion == 0.0
    assert scoring.margin_of_error_achieved(5, 5) == 0.0
