"""The charts' JSON and the tables beside them carry the same numbers; suppressed cells are never drawn."""

from __future__ import annotations

import random

import pytest

from sikap.dashboards import queries
from sikap.indices import analysis
from sikap.indices.progress import progress
from sikap.indices.queries import choose
from sikap.indices.tests.helpers import compute, random_submission
from sikap.instruments import actions as instrument_actions
from sikap.instruments.models import InstrumentVersion
from sikap.organisation.models import Unit
from sikap.testing.factories import make_campaign, make_service

from .support import charts, submit

pytestmark = pytest.mark.django_db


def importance_version() -> InstrumentVersion:
    """A new SKM version asking the importance of U1, U2, U3 and U8."""
    skm = InstrumentVersion.objects.published().filter(instrument__code="SKM").order_by("-number").first()
    draft = instrument_actions.new_draft(None, skm)
    for element in draft.elements.filter(code__in=["U1", "U2", "U3", "U8"]):
        element.ask_importance = True
        instrument_actions.save_element(None, element)
    return instrument_actions.publish_version(None, draft)


@pytest.fixture
def campaign(world):
    rng = random.Random(23)
    service = make_service(world.division, name="Permohonan Merek")
    campaign = make_campaign([world.division, world.other_division], with_service_links=False)
    for i in range(30):
        unit = world.division if i % 3 else world.other_division
        random_submission(
            campaign, unit, rng, blanks=0.05, service=service if unit == world.division else None
        )
    return campaign


def assert_charts_match_tables(page: str) -> int:
    drawn = 0
    for chart in charts(page).values():
        if chart.data is None:
            continue
        drawn += 1
        assert chart.chart_numbers() == chart.table_numbers(), chart.key
        for label, row in zip(chart.data.get("labels", []), chart.rows, strict=False):
            assert any(label == text for _num, text in row), (chart.key, label, row)
    return drawn


def test_every_chart_carries_the_numbers_of_its_table(world, campaign, login):
    client = login(world.leader)
    service = world.division.services.get()
    paths = ["/dasbor/", "/dasbor/kanwil-jabar/", "/dasbor/kanwil-jabar-ki/"]
    paths.append(f"/dasbor/kanwil-jabar-ki/layanan/{service.pk}/")
    for path in paths:
        for instrument in ("SKM", "SPKP"):
            page = client.get(path, {"instrumen": instrument}).content.decode()
            assert assert_charts_match_tables(page) >= 4, path  # elements, trend, progress, groups
    home = charts(client.get("/dasbor/").content.decode())
    assert {"elements", "trend", "progress", "equity", "group-sex"} <= set(home)


def test_every_chart_is_a_described_figure_with_a_table(world, campaign, login):
    page = login(world.leader).get("/dasbor/").content.decode()
    for chart in charts(page).values():
        assert "<figcaption" in chart.html and "<table" in chart.html, chart.key
        if chart.data is not None:
            assert '<canvas role="img" aria-label="' in chart.html, chart.key


def test_suppressed_groups_are_listed_as_hidden_but_never_drawn(world, login):
    campaign = make_campaign([world.division], codes=("SKM",), with_service_links=False)
    for _ in range(8):
        submit(campaign, world.division, value=4, sex="Laki-laki")
    for _ in range(2):
        submit(campaign, world.division, value=1, sex="Perempuan")
    for _ in range(6):
        submit(campaign, world.division, value=2)
    page = login(world.operator).get("/dasbor/").content.decode()
    sex = charts(page)["group-sex"]
    assert sex.data["labels"] == ["Laki-laki"]
    assert sex.data["datasets"][0]["n"] == [8]
    hidden = {row[0][1]: row[1][1] for row in sex.rows if len(row) == 2}
    assert hidden == {"Perempuan": "disembunyikan (&lt; 5)", "(tidak diisi)": "disembunyikan (pelindung)"}
    for chart in charts(page).values():
        if chart.key.startswith("group-") and chart.data is not None:
            assert "Perempuan" not in str(chart.data)
            assert all(n >= 5 for d in chart.data["datasets"] for n in d["n"]), chart.key


def test_the_importance_quadrant_is_drawn_only_when_importance_was_asked(world, login):
    plain = make_campaign([world.division], codes=("SKM",), with_service_links=False)
    submit(plain, world.division, value=3)
    client = login(world.operator)
    assert "ipa" not in charts(client.get("/dasbor/").content.decode())
    importance_version()
    asked = make_campaign([world.other_division], plain.period, codes=("SKM",), with_service_links=False)
    for value, importance in ((4, 4), (2, 4), (3, 2), (3, 3), (4, 2)):
        submit(asked, world.other_division, value=value, importance=importance)
    page = login(world.outsider).get("/dasbor/").content.decode()
    ipa = charts(page)["ipa"]
    codes = sorted(p["code"] for d in ipa.data["datasets"] for p in d["data"])
    assert codes == ["U1", "U2", "U3", "U8"]
    assert ipa.data["options"]["crosshair"] == {"x": 3.2, "y": 3.0}
    assert ipa.chart_numbers() == ipa.table_numbers()


def test_the_ministry_board_reuses_reads_without_changing_a_number(world, campaign):
    units = list(Unit.objects.subtree_of(world.ministry))
    ids = [u.pk for u in units]
    chosen = choose({}, ids)
    board = queries.unit_board(world.ministry, units, chosen, campaign.period.start)
    for card in board["cards"]:  # the chosen version's card is scored from the element moments
        assert card.result == compute(ids, card.result.version, chosen.period)
        assert card.progress == progress(
            world.ministry, chosen.period, card.result.version, campaign.period.start, ids
        )
    kanwils, kanwil_of = analysis.kanwil_members(units)
    expected = analysis.equity(kanwils, kanwil_of, chosen.version, chosen.period)
    assert [(r.unit, r.n, r.score, r.grade) for r in board["equity"].rows] == [
        (r.unit, r.n, r.score, r.grade) for r in expected.rows
    ]
    assert board["equity"].spread == expected.spread
