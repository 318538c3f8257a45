"""Breakdowns by respondent group: exact n and scores, and small cells hidden everywhere they appear."""

from __future__ import annotations

import random
from collections import defaultdict

import pytest

from sikap.indices import analysis
from sikap.indices.analysis import Cell, suppress
from sikap.indices.tests.helpers import scope, submit_answers
from sikap.instruments import actions as instrument_actions
from sikap.instruments.models import Instrument, InstrumentVersion
from sikap.responses.models import Answer
from sikap.testing.factories import make_campaign, make_service

pytestmark = pytest.mark.django_db

OCCUPATIONS = ["PNS"] * 3 + ["Swasta"] * 8 + ["Wirausaha"] * 6 + ["Lainnya"] * 7


def skm() -> InstrumentVersion:
    return InstrumentVersion.objects.published().get(instrument__code="SKM")


def submit(campaign, unit, rng, *, service=None, **profile):
    data = {f"SKM-U{i}": rng.randint(1, 4) for i in range(1, 10)}
    return submit_answers(campaign, unit, {**data, **profile}, service=service)


@pytest.fixture
def surveyed(world):
    """24 respondents of one division: 3 PNS, 8 Swasta, 6 Wirausaha, 7 Lainnya; a service used by 3."""
    rng = random.Random(17)
    rare = make_service(world.division, "Konsultasi KI")
    common = make_service(world.division, "Pendaftaran Merek")
    campaign = make_campaign([world.division], codes=("SKM",), with_service_links=False)
    for i, occupation in enumerate(OCCUPATIONS):
        service = rare if i in (0, 5, 9) else common
        submit(
            campaign,
            world.division,
            rng,
            service=service,
            occupation=occupation,
            sex="Perempuan" if i % 2 else "Laki-laki",
            age=25 + i,
        )
    return campaign


def cells(breakdowns, dimension):
    return {c.label: c for b in breakdowns if b.dimension == dimension for c in b.cells}


def direct_scores(version, unit_ids, period, key):
    """n and mean score (0-100) per group, from the Answer rows (complete respondents for the score)."""
    totals: dict[int, list[int]] = defaultdict(list)
    groups = {}
    answers = Answer.objects.filter(
        response__version=version,
        response__submission__unit_id__in=unit_ids,
        response__submission__period=period,
        response__submission__status="accepted",
    ).select_related("response__submission__service")
    for a in answers:
        totals[a.response_id].append(a.value)
        groups[a.response_id] = key(a.response.submission)
    out: dict[str, tuple[int, float]] = {}
    for group in set(groups.values()):
        rows = [totals[r] for r, g in groups.items() if g == group]
        complete = [sum(v) for v in rows if len(v) == 9]
        out[group] = (len(rows), sum(complete) / (len(complete) * 9) * 25)
    return out


def test_cells_carry_the_exact_n_and_score(world, surveyed):
    version, period, ids = skm(), surveyed.period, [world.division.pk]
    result = analysis.breakdowns(scope(ids, version, period))
    expected = direct_scores(version, ids, period, lambda s: s.occupation)
    shown = cells(result, "occupation")
    for label in ("Swasta", "Lainnya"):
        assert (shown[label].n, shown[label].score) == (expected[label][0], pytest.approx(expected[label][1]))
    by_sex = direct_scores(version, ids, period, lambda s: s.sex)
    assert {k: c.n for k, c in cells(result, "sex").items()} == {k: v[0] for k, v in by_sex.items()}


def test_a_group_of_three_is_hidden_with_its_complement(world, surveyed):
    shown = cells(analysis.breakdowns(scope([world.division.pk], skm(), surveyed.period)), "occupation")
    pns, wirausaha = shown["PNS"], shown["Wirausaha"]
    assert pns.suppressed and not pns.complementary
    # Hiding only PNS would leave 24 - 8 - 6 - 7 = 3: the next smallest (Wirausaha, 6) goes too.
    assert wirausaha.suppressed and wirausaha.complementary
    for cell in (pns, wirausaha):
        assert (cell.n, cell.mean, cell.score) == (None, None, None)
    assert not shown["Swasta"].suppressed and not shown["Lainnya"].suppressed


def test_a_service_used_by_three_is_hidden_too(world, surveyed):
    shown = cells(analysis.breakdowns(scope([world.division.pk], skm(), surveyed.period)), "service")
    assert shown["Konsultasi KI"].suppressed
    # Only two services: hiding one alone would reveal it by subtraction, so both go.
    assert shown["Pendaftaran Merek"].suppressed and shown["Pendaftaran Merek"].complementary


def test_the_group_is_hidden_on_every_page_it_appears_on(world, surveyed, login):
    client = login(world.leader)
    version, period = skm(), surveyed.period
    secrets = direct_scores(version, [world.division.pk], period, lambda s: s.occupation)
    pns_score = f"{secrets['PNS'][1]:.2f}".replace(".", ",")
    for url in (
        f"/indeks/unit/{world.division.code}/?periode={period.pk}&instrumen=SKM",
        f"/indeks/unit/{world.kanwil.code}/?periode={period.pk}&instrumen=SKM&subtree=1",
        f"/indeks/unit/{world.ministry.code}/?periode={period.pk}&instrumen=SKM&curiga=1",
    ):
        page = client.get(url).content.decode()
        row = page[page.index("<td>PNS</td>") :].split("</tr>")[0]
        assert "disembunyikan" in row and pns_score not in row
        row = page[page.index("<td>Wirausaha</td>") :].split("</tr>")[0]
        assert "disembunyikan" in row
        row = page[page.index("<td>Konsultasi KI</td>") :].split("</tr>")[0]
        assert "disembunyikan" in row


def test_the_threshold_comes_from_the_instrument(world, surveyed):
    instrument = Instrument.objects.get(code="SKM")
    instrument.min_cell = 8
    instrument_actions.save_instrument(None, instrument)
    shown = cells(analysis.breakdowns(scope([world.division.pk], skm(), surveyed.period)), "occupation")
    assert {k for k, c in shown.items() if c.suppressed} == {"PNS", "Wirausaha", "Lainnya"}
    assert not shown["Swasta"].suppressed and shown["Swasta"].n == 8


def cell(category: str, n: int) -> Cell:
    return Cell(category, category, n, 3.0, 75.0)


def test_suppression_rules():
    plain = suppress([cell("a", 5), cell("b", 9)], 5)
    assert not any(c.suppressed for c in plain)
    one = suppress([cell("a", 2), cell("b", 9), cell("c", 7), cell("d", 7)], 5)
    assert [c.suppressed for c in one] == [True, False, True, False]  # ties: the first category
    two = suppress([cell("a", 2), cell("b", 4), cell("c", 7)], 5)
    assert [c.suppressed for c in two] == [True, True, False]  # two hidden: no complement needed
    alone = suppress([cell("a", 3)], 5)
    assert alone[0].suppressed
