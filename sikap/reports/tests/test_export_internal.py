"""Exports of internal survey responses (CSV on both databases, XLSX, .sav, the command): only groups of at
least k, roster attributes masked so every shown combination has k rows, no date, no free text unless the
campaign allows it; public rows as before."""

from __future__ import annotations

import csv
import io
from collections import Counter

import pytest

from sikap.internal.models import InternalSettings
from sikap.reports.exports import Export, Scope
from sikap.reports.tests.test_export_fixtures import Survey, make_survey
from sikap.responses.anonymity import ATTRIBUTES, mask
from sikap.responses.tests.internal_helpers import answer_internal, internal_campaign
from sikap.testing.factories import World

pytestmark = pytest.mark.django_db


def read_csv(export: Export) -> list[dict[str, str]]:
    text = b"".join(export.csv()).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def staffed(world: World, *, k: int = 5):  # type: ignore[no-untyped-def]
    """Division: 6 users (5 women, 1 man), 1 leader; other division: 3 (under k)."""
    campaign = internal_campaign([world.division, world.other_division], k=k)
    for i in range(6):
        answer_internal(
            campaign,
            world.division,
            3,
            suggestion=f"Saran {i}",
            perspektif="pengguna",
            jenis_kelamin="L" if i == 0 else "P",
        )
    answer_internal(
        campaign, world.division, 4, suggestion="Saran pimpinan", perspektif="pimpinan", jenis_kelamin="P"
    )
    for _ in range(3):
        answer_internal(campaign, world.other_division, 1, suggestion="Saran kecil", perspektif="pengguna")
    return campaign


def internal_rows(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    return [r for r in rows if r["channel"] == "internal"]


def test_only_groups_of_k_are_exported_masked_without_date_or_free_text(world: World) -> None:
    campaign = staffed(world)
    rows = internal_rows(read_csv(Export(Scope(world.ministry, campaign.period))))
    assert len(rows) == 7 and {r["unit_code"] for r in rows} == {"kanwil-jabar-ki"}
    assert all(r["answered_on"] == "" for r in rows)
    assert all(r["suggestion"] == "" and r["complaint"] == "" for r in rows)
    # The lone leader and the lone man are blanked; the six users stay "pengguna"... but then the blank
    # perspective would be a class of one, so "pengguna" goes too: nobody is singled out by subtraction.
    perspectives = Counter(r["perspektif"] for r in rows)
    assert perspectives == {"": 7}
    sexes = Counter(r["jenis_kelamin"] for r in rows)
    assert sexes == {"": 7}  # one man is under k, so the women (the rest) are blanked with him


def test_attributes_with_k_in_their_class_stay(world: World) -> None:
    campaign = internal_campaign([world.division])
    for i in range(11):
        answer_internal(
            campaign,
            world.division,
            perspektif="pengguna" if i < 6 else "penyedia",
            jenis_kelamin="P" if i < 5 else "L",
        )
    rows = internal_rows(read_csv(Export(Scope(world.division, campaign.period))))
    assert Counter(r["perspektif"] for r in rows) == {"pengguna": 6, "penyedia": 5}
    # Among the users one man would be alone: his sex and the women's are blanked; the providers are men.
    assert Counter((r["perspektif"], r["jenis_kelamin"]) for r in rows) == {
        ("pengguna", ""): 6,
        ("penyedia", "L"): 5,
    }


def test_free_text_only_when_the_campaign_allows_it_and_never_under_k(world: World) -> None:
    campaign = staffed(world)
    InternalSettings.objects.filter(campaign=campaign).update(free_text_in_exports=True)
    rows = internal_rows(read_csv(Export(Scope(world.ministry, campaign.period))))
    assert sorted(r["suggestion"] for r in rows) == sorted(
        [f"Saran {i}" for i in range(6)] + ["Saran pimpinan"]
    )
    assert "Saran kecil" not in str(rows)
    rows = internal_rows(read_csv(Export(Scope(world.ministry, campaign.period, free_text=False))))
    assert "suggestion" not in rows[0]


def test_a_campaigns_larger_k_leaves_a_unit_of_seven_out(world: World) -> None:
    campaign = staffed(world, k=8)
    assert internal_rows(read_csv(Export(Scope(world.ministry, campaign.period)))) == []


def test_rows_are_not_in_the_order_of_answering(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    campaign = internal_campaign([world.division])
    for i in range(1, 13):
        answer_internal(campaign, world.division, 1 + i % 4, perspektif="pengguna")
    values = [r["ILK_KEP.K"] for r in internal_rows(read_csv(Export(Scope(world.division, campaign.period))))]
    assert sorted(values) == sorted(str(1 + i % 4) for i in range(1, 13))
    assert values != [str(1 + i % 4) for i in range(1, 13)]


def test_public_rows_are_unchanged_and_come_first(world: World) -> None:
    survey: Survey = make_survey(world)
    before = read_csv(Export(Scope(world.ministry, survey.campaign.period)))
    campaign = internal_campaign([world.division], period=survey.campaign.period)
    for _ in range(5):
        answer_internal(campaign, world.division, perspektif="pengguna")
    after = read_csv(Export(Scope(world.ministry, survey.campaign.period)))
    public = [r for r in after if r["channel"] != "internal"]
    assert [{k: v for k, v in r.items() if k in before[0]} for r in public] == before
    assert [r["no"] for r in after] == [str(i) for i in range(1, len(after) + 1)]
    assert len(after) == len(before) + 5


def test_xlsx_and_sav_carry_the_same_internal_rows(world: World, tmp_path) -> None:
    campaign = staffed(world)
    for fmt in ("xlsx", "sav"):
        export = Export(Scope(world.ministry, campaign.period))
        assert export.write(fmt, str(tmp_path / f"out.{fmt}")) == 7
    import pyreadstat

    frame, _meta = pyreadstat.read_sav(str(tmp_path / "out.sav"))
    assert len(frame) == 7 and not frame["suggestion"].fillna("").astype(bool).any()


def test_the_command_obeys_the_same_rules(world: World, tmp_path) -> None:
    from sikap.cli import main

    campaign = staffed(world)
    out = tmp_path / "jawaban.csv"
    try:
        main(
            [
                "export-responses",
                "--unit",
                "kemenkum",
                "--period",
                campaign.period.name,
                "--format",
                "csv",
                "-o",
                str(out),
            ]
        )
    except SystemExit as stop:
        assert not stop.code
    with out.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 7 and {r["unit_code"] for r in rows} == {"kanwil-jabar-ki"}
    assert not any(r["suggestion"] for r in rows)


def test_mask_keeps_every_shown_combination_at_k_or_more() -> None:
    import random

    rng = random.Random(7)
    for _ in range(50):
        rows = [{a: rng.choice(["a", "b", "c", ""]) for a in ATTRIBUTES} for _ in range(rng.randint(5, 40))]
        shown = mask(rows, 5)
        classes = Counter(tuple(s[a] for a in ATTRIBUTES) for s in shown)
        assert min(classes.values()) >= 5
        for row, s in zip(rows, shown, strict=True):
            assert all(s[a] in ("", row[a]) for a in ATTRIBUTES)
