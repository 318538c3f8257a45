"""The public gate holds through the workflow: a proposed or returned period reaches no public page, no
figure and no infographic; once approved it does, and a withdrawal takes it off again."""

from __future__ import annotations

import pytest

from sikap.indices.templatetags.indices_tags import idnum
from sikap.publication import queries
from sikap.publication.actions import approve_publication, return_publication, unpublish_period

pytestmark = pytest.mark.django_db


def public_views(client, unit, period) -> dict[str, object]:
    base = f"/hasil/{unit.code}/{period.pk}/infografis"
    return {
        "list": client.get("/hasil/").content.decode(),
        "unit": client.get(f"/hasil/{unit.code}/").status_code,
        "svg": client.get(f"{base}.svg").status_code,
        "png": client.get(f"{base}.png").status_code,
    }


def test_a_proposed_period_is_nowhere_public(world, client, proposed, period):
    score = idnum(queries.result_of(world.division, period).score)
    seen = public_views(client, world.division, period)
    assert world.division.name not in seen["list"] and score not in seen["list"]
    assert (seen["unit"], seen["svg"], seen["png"]) == (404, 404, 404)


def test_a_returned_period_is_nowhere_public(world, client, proposed, period):
    return_publication(world.leader, proposed, "Belum lengkap")
    seen = public_views(client, world.division, period)
    assert world.division.name not in seen["list"]
    assert (seen["unit"], seen["svg"], seen["png"]) == (404, 404, 404)


def test_an_approved_period_is_public_until_withdrawn(world, client, proposed, period):
    approve_publication(world.leader, proposed)
    score = idnum(queries.result_of(world.division, period).score)
    seen = public_views(client, world.division, period)
    assert world.division.name in seen["list"] and score in seen["list"]
    assert (seen["unit"], seen["svg"], seen["png"]) == (200, 200, 200)
    unpublish_period(world.operator, world.division, period, "Data keliru")
    seen = public_views(client, world.division, period)
    assert world.division.name not in seen["list"] and seen["unit"] == 404
