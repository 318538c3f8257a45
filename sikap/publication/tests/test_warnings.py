"""The warnings before approval: sample below the minimum, period still open; their minimum is
`targets.target_for`'s, read for many periods at once. And the migration keeps earlier rows public."""

from __future__ import annotations

import datetime
import importlib

import pytest
from django.apps import apps

from sikap.indices import targets
from sikap.indices.actions import set_target_override
from sikap.organisation.actions import set_user_count
from sikap.publication import queries
from sikap.publication.models import Publication
from sikap.testing.factories import make_period, make_service

pytestmark = pytest.mark.django_db


def test_the_bulk_minimums_equal_target_for_with_populations_and_overrides(world, period):
    later = make_period("2027 Semester I", datetime.date(2027, 1, 1), datetime.date(2027, 6, 30))
    set_user_count(None, make_service(world.division), period, 1200)
    set_user_count(None, make_service(world.other_division, year=2027), later, 90)
    set_target_override(None, world.kanwil, later, 40, "Layanan baru")
    pairs = [(u, p) for u in (world.division, world.other_division, world.kanwil) for p in (period, later)]
    bulk = targets.of_pairs(pairs)
    assert {k: t.minimum for k, t in bulk.items()} == {
        (u.pk, p.pk): targets.target_for(u, p).minimum for u, p in pairs
    }
    assert bulk[(world.kanwil.pk, later.pk)].minimum == 40


def test_a_small_sample_and_an_open_period_are_both_warned_with_their_figures(world, period):
    target = targets.Target(None, 384, "krejcie-morgan", 0.05, 30)
    result = queries.result_of(world.division, period)
    found = queries.warnings_of(period, result, target, datetime.date(2026, 12, 31))
    assert [w.code for w in found] == ["sample", "open"]
    assert "12 responden diterima dari minimal 384 (kurang 372)" in found[0].text
    assert "31 Desember 2026" in found[1].text


def test_a_met_sample_in_an_ended_period_has_no_warning(world, period):
    target = targets.Target(None, 12, "krejcie-morgan", 0.05, 12)
    result = queries.result_of(world.division, period)
    assert queries.warnings_of(period, result, target, datetime.date(2027, 1, 1)) == []


def test_rows_made_before_the_workflow_stay_published_or_withdrawn(world, period):
    migration = importlib.import_module("sikap.publication.migrations.0002_workflow")
    now = datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC)
    live = Publication.objects.create(unit=world.division, period=period, status="proposed", published_at=now)
    gone = Publication.objects.create(
        unit=world.other_division,
        period=period,
        status="proposed",
        published_at=now,
        unpublished_at=now,
        note="Keliru",
    )
    migration.existing_rows_keep_their_state(apps, None)
    live.refresh_from_db()
    gone.refresh_from_db()
    assert live.status == "published" and gone.status == "withdrawn"
    assert list(queries.published()) == [live]
