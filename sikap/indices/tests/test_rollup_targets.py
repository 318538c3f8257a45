"""Issue 10: a roll-up's target is the sum of its units' targets, one status everywhere, API included."""

from __future__ import annotations

import datetime

import pytest

from sikap.indices import queries
from sikap.indices.actions import set_target_override
from sikap.indices.progress import Status, progress, status_of
from sikap.indices.targets import target_for
from sikap.indices.tests.helpers import answered_campaign
from sikap.instruments.models import InstrumentVersion
from sikap.organisation.actions import set_user_count
from sikap.organisation.models import Unit
from sikap.testing.factories import make_service

pytestmark = pytest.mark.django_db


def skm() -> InstrumentVersion:
    return InstrumentVersion.objects.published().get(instrument__code="SKM")


@pytest.fixture
def campaign(world):
    """Jabar division 9 answers, Bali division 4; populations 48 (target 43) and 200 (target 132)."""
    campaign = answered_campaign([(world.division, 9), (world.other_division, 4)], seed=11)
    set_user_count(None, make_service(world.division), campaign.period, 48)
    set_user_count(None, make_service(world.other_division, "Merek"), campaign.period, 200)
    return campaign


def ministry_ids(world):
    return Unit.objects.subtree_of(world.ministry).values("pk")


def test_the_ministry_target_is_the_sum_of_its_units_targets_not_of_the_pooled_population(world, campaign):
    period = campaign.period
    assert target_for(world.division, period).minimum == 43
    assert target_for(world.other_division, period).minimum == 132
    pooled = target_for(world.ministry, period, unit_ids=ministry_ids(world), version=skm())
    # Krejcie-Morgan of the pooled 248 users would be 151: the defect "of target 384" came from there.
    assert (pooled.minimum, pooled.parts, pooled.population) == (43 + 132, 2, 248)
    assert "jumlah target 2 unit di bawahnya" in pooled.label and "Krejcie dan Morgan" in pooled.label


def test_a_roll_up_says_how_many_units_met_their_target(world, campaign):
    period, today = campaign.period, campaign.period.start
    state = progress(world.ministry, period, skm(), today, ministry_ids(world))
    assert (state.attained, state.target.minimum, state.units_met, state.units_total) == (13, 175, 0, 2)
    set_target_override(world.admin, world.other_division, period, 4, "unit kecil")
    state = progress(world.ministry, period, skm(), today, ministry_ids(world))
    assert (state.target.minimum, state.units_met, state.units_total) == (47, 1, 2)
    assert state.is_rollup and not state.representative
    assert state.sample_condition.startswith("Sampel belum memenuhi minimal (13 dari 47)")


def test_a_roll_up_with_more_respondents_than_its_sum_is_representative_only_when_every_unit_is(
    world, campaign
):
    period, today = campaign.period, campaign.period.end
    set_target_override(world.admin, world.division, period, 2, "uji")
    set_target_override(world.admin, world.other_division, period, 5, "uji")
    state = progress(world.ministry, period, skm(), today, ministry_ids(world))
    assert state.attained >= state.target.minimum == 7 and (state.units_met, state.units_total) == (1, 2)
    assert not state.representative and status_of(state) == Status.ON_TRACK
    assert "1 dari 2 unit memenuhi targetnya" in state.sample_condition
    set_target_override(world.admin, world.other_division, period, 4, "uji")
    assert (
        status_of(progress(world.ministry, period, skm(), today, ministry_ids(world)))
        == Status.REPRESENTATIVE
    )


def test_a_leaf_unit_keeps_its_own_target(world, campaign):
    state = progress(world.division, campaign.period, skm(), campaign.period.start)
    assert (state.target.minimum, state.target.parts, state.units_total) == (43, 0, 1)
    assert not state.is_rollup


def test_the_card_the_league_the_dashboard_and_the_api_give_one_status_for_a_kanwil(world, campaign, login):
    period = campaign.period
    set_target_override(world.admin, world.division, period, 9, "uji")  # Jabar's one unit has met it
    item = queries.unit_index(world.kanwil, period, skm(), subtree=True)
    assert item.progress.status == Status.REPRESENTATIVE
    word = '<span class="ok" data-status="representative">representatif</span>'
    client = login(world.leader)
    card = client.get(f"/indeks/unit/{world.kanwil.code}/?periode={period.pk}").content.decode()
    league = client.get(f"/indeks/liga/?periode={period.pk}&tingkat=kanwil").content.decode()
    board = client.get(f"/dasbor/?periode={period.pk}").content.decode()
    for page in (card, league, board):
        assert word in page
        assert "sesuai jadwal" not in page.split(world.kanwil.name, 1)[1].split("</tr>", 1)[0]
    assert queries.as_json(item)["status"] == "representative"
    kanwils = {u.pk: u for u in (world.kanwil, world.other_kanwil)}
    members = {world.division.pk: world.kanwil.pk, world.other_division.pk: world.other_kanwil.pk}
    rows = queries.league(kanwils, members | {pk: pk for pk in kanwils}, period, skm(), today=period.start)
    as_api = [queries.as_json(queries.UnitIndex(r.unit, r.result_or_empty, r.progress)) for r in rows]
    assert {r["unit"]: r["status"] for r in as_api}[world.kanwil.code] == "representative"


def test_the_ministry_card_no_longer_shows_more_than_its_target_in_percent_of_a_pooled_one(
    world, campaign, login
):
    page = login(world.leader).get(f"/indeks/unit/{world.ministry.code}/?periode={campaign.period.pk}")
    html = page.content.decode()
    assert "Tercapai 13 dari target 175 (7,4 %)" in html
    assert "0 dari 2 unit memenuhi targetnya" in html
    today = datetime.date(2026, 12, 30)
    assert (
        progress(world.ministry, campaign.period, skm(), today, ministry_ids(world)).status == Status.BEHIND
    )
