"""CSV export: the stored answers come back, anonymised, one row per submission."""

from __future__ import annotations

import csv
import io

import pytest

from sikap.reports.exports import Export, Scope
from sikap.reports.tests.test_export_fixtures import (
    COMPLAINT,
    DEVICE,
    FORMULA,
    NETWORK,
    Survey,
    stored_answers,
)
from sikap.responses.models import Submission
from sikap.testing.factories import World

pytestmark = pytest.mark.django_db


def read(scope: Scope, chunk_size: int = 2000) -> tuple[bytes, list[dict[str, str]]]:
    raw = b"".join(Export(scope, chunk_size=chunk_size).csv())
    return raw, list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def test_rows_match_the_stored_answers_and_carry_a_running_number(world: World, survey: Survey) -> None:
    raw, rows = read(Scope(world.division, survey.campaign.period), chunk_size=1)
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM, so Excel reads UTF-8
    accepted = [s for s in survey.ours if s.pk not in (survey.ours[1].pk, survey.ours[2].pk)]
    assert [r["no"] for r in rows] == ["1", "2", "3"]
    for row, submission in zip(rows, accepted, strict=True):
        for name, value in stored_answers(submission).items():
            assert row[name] == str(value), name
        assert row["unit_code"] == "kanwil-jabar-ki" and row["unit_name"] == "Bidang KI Jawa Barat"
        assert row["service"] == "Legalisasi Apostille"
        assert row["answered_on"] == survey.campaign.period.start.isoformat()
        assert row["status"] == "accepted" and row["channel"] == "paper"
    assert rows[0]["age"] == "34" and rows[0]["age_band"] == "30-39"
    assert rows[0]["complaint"] == COMPLAINT
    assert rows[0]["suggestion"] == "'" + FORMULA  # defused: a spreadsheet shows it, never runs it


def test_nothing_links_back_to_a_person_or_another_table(world: World, survey: Survey) -> None:
    scope = Scope(world.kanwil, survey.campaign.period, statuses=("accepted", "suspect", "rejected"))
    raw, rows = read(scope)
    text = raw.decode("utf-8-sig")
    assert DEVICE not in text and NETWORK not in text
    header = set(rows[0])
    for forbidden in ("id", "pk", "key", "device_hash", "network_hash", "entered_by", "signals", "extra"):
        assert forbidden not in header
    keys = {str(s.key) for s in Submission.objects.all()}
    assert not any(k in text for k in keys)


def test_suspect_and_rejected_are_left_out_unless_asked(world: World, survey: Survey) -> None:
    period = survey.campaign.period
    assert {r["status"] for r in read(Scope(world.division, period))[1]} == {"accepted"}
    with_suspect = read(Scope(world.division, period, statuses=("accepted", "suspect")))[1]
    assert sorted(r["status"] for r in with_suspect) == ["accepted"] * 3 + ["suspect"]
    everything = read(Scope(world.division, period, statuses=("accepted", "suspect", "rejected")))[1]
    assert len(everything) == 5


def test_the_subtree_is_included_and_other_units_are_not(world: World, survey: Survey) -> None:
    period = survey.campaign.period
    assert {r["unit_code"] for r in read(Scope(world.kanwil, period))[1]} == {"kanwil-jabar-ki"}
    ministry = read(Scope(world.ministry, period))[1]
    assert {r["unit_code"] for r in ministry} == {"kanwil-jabar-ki", "kanwil-bali-ki"}
    assert len(ministry) == 3 + 2


def test_free_text_can_be_left_out(world: World, survey: Survey) -> None:
    raw, rows = read(Scope(world.division, survey.campaign.period, free_text=False))
    assert "suggestion" not in rows[0] and COMPLAINT.encode() not in raw
