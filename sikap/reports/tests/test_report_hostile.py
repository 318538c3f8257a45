"""Hostile unit and service names and follow-up texts in the reports' XLSX (SKM, SPKP/SPAK, internal):
read back with openpyxl, no cell is a formula and each shows the text; numbers stay numbers."""

from __future__ import annotations

import datetime
import random

import pytest

from sikap.followup.actions import create_item
from sikap.indices.tests.helpers import answered_campaign, random_submission
from sikap.indices.tests.test_integrity_index import _answered as _integrity
from sikap.organisation.models import Service, Unit
from sikap.reports.documents import build
from sikap.testing.factories import World, make_campaign, make_service
from sikap.testing.spreadsheets import HOSTILE, defused, xlsx_cells, xlsx_texts

pytestmark = pytest.mark.django_db


def rename(unit: Unit, name: str) -> None:
    Unit.objects.filter(pk=unit.pk).update(name=name)
    unit.refresh_from_db()


def test_the_skm_workbook_shows_hostile_names_and_follow_up_texts_as_text(world: World) -> None:
    campaign = answered_campaign([(world.division, 12), (world.other_division, 6)], seed=3)
    period = campaign.period
    create_item(
        world.operator,
        world.division,
        period,
        action=HOSTILE[0],
        deadline=datetime.date(2026, 11, 30),
        element_code="U9",
        owner=HOSTILE[3],
    )
    rename(world.division, HOSTILE[1])
    rename(world.other_division, HOSTILE[2])
    content = build("skm", "xlsx", world.ministry, period, subtree=True).content
    texts = xlsx_texts(content)  # fails on any formula cell
    for text in HOSTILE[:4]:
        assert defused(text) in texts, text
    assert not any(t.startswith(tuple(HOSTILE[:4])) for t in texts)
    respondents = [c.value for c in xlsx_cells(content) if c.parent.title == "Ringkasan" and c.column == 3]
    assert 12 in respondents and 6 in respondents  # counts stay numbers in the unit table


def test_a_service_report_shows_a_hostile_service_name_as_text(world: World) -> None:
    service = make_service(world.division)
    Service.objects.filter(pk=service.pk).update(name=HOSTILE[4])
    service.refresh_from_db()
    campaign = make_campaign([world.division])
    rng = random.Random(5)
    for _ in range(4):
        random_submission(campaign, world.division, rng, service=service)
    texts = xlsx_texts(build("skm", "xlsx", world.division, campaign.period, service=service).content)
    assert defused(HOSTILE[4]) in texts


def test_the_spkp_spak_workbook_shows_hostile_unit_names_as_text(world: World) -> None:
    campaign = answered_campaign([(world.division, 12), (world.other_division, 3)], seed=21)
    rename(world.division, HOSTILE[5])
    rename(world.other_division, HOSTILE[2])
    content = build("spkp-spak", "xlsx", world.ministry, campaign.period, subtree=True).content
    texts = [t.replace("\n", "\r") for t in xlsx_texts(content)]  # openpyxl's CR reads back as LF
    assert defused(HOSTILE[5]) in texts and defused(HOSTILE[2]) in texts
    numbers = [
        c.value for c in xlsx_cells(content) if c.parent.title == "Unit" and c.column == 3 and c.row > 1
    ]
    assert all(isinstance(n, int) for n in numbers) and 12 in numbers


def test_the_internal_workbook_shows_a_hostile_unit_name_as_text(world: World) -> None:
    campaign, _version = _integrity(world)
    rename(world.division, HOSTILE[3])
    texts = xlsx_texts(build("integritas", "xlsx", world.division, campaign.period, language="id").content)
    assert defused(HOSTILE[3]) in texts
