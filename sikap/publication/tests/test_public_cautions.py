"""Issue 10, honest figures: a public grade on a sample below its minimum says so first (on the list, the
unit page and the infographic), and a published period still running says so with its figures."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from sikap.followup.queries import EMPTY
from sikap.indices import targets
from sikap.indices.actions import set_target_override
from sikap.publication import queries
from sikap.publication.infographic import layout

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"
# The condition every page says before a threshold claim (`progress.sample_condition`).
SHORT = "Sampel belum memenuhi minimal (12 dari {minimum}): hasil belum dapat dinyatakan memenuhi ambang"
SHORT_EN = (
    "The sample is below its minimum (12 of {minimum}): the result cannot yet be said to meet the threshold"
)
LINE = "Sampel belum memenuhi minimal (12 dari {minimum} responden)"  # the image's one line


def figures(world, period):
    result = queries.result_of(world.division, period)
    return result, targets.target_for(world.division, period).minimum


def test_below_the_minimum_the_list_and_the_unit_page_say_so_before_the_grade(
    world, client, published, period, clock
):
    result, minimum = figures(world, period)
    assert result.respondents == 12 < minimum
    short = SHORT.format(minimum=minimum)
    listing = client.get("/hasil/").content.decode()
    assert f'{short}.</span> <span class="grade">{result.grade}</span>' in listing

    page = client.get(f"/hasil/{world.division.code}/").content.decode()
    assert f"{short}.</span> {result.grade}</td>" in page  # the periods table
    card = page.index(f'<span class="big">{result.grade}</span>')
    assert page.index("Baca dulu sebelum angka di bawah ini") < page.index('class="figures"')
    whole = "Sampel di bawah target minimal: 12 responden diterima dari minimal"
    assert page.index(whole) < page.index('class="figures"') < page.index(short, page.index(whole)) < card
    assert f'alt="{short}. Infografis' in page
    assert "masih berjalan" not in listing + page  # the clock is after the period's end


def test_a_period_still_running_says_so_near_its_figures(world, client, published, period, clock):
    clock.set(2026, 12, 1)
    open_note = "Periode masih berjalan sampai 31 Desember 2026"
    assert (
        f'{period.name} <span class="caution">({open_note})</span>' in client.get("/hasil/").content.decode()
    )
    page = client.get(f"/hasil/{world.division.code}/").content.decode()
    assert page.index(f"{open_note}: jumlah responden dan hasilnya masih dapat berubah.") < page.index(
        'class="figures"'
    )


def test_a_sample_that_meets_its_minimum_in_an_ended_period_carries_no_statement(
    world, client, published, period, clock
):
    set_target_override(None, world.division, period, 10, "Layanan jarang")
    result, _minimum = figures(world, period)
    listing = client.get("/hasil/").content.decode()
    page = client.get(f"/hasil/{world.division.code}/").content.decode()
    assert f'<td><span class="grade">{result.grade}</span>' in listing
    for text in ("Sampel belum memenuhi", "Sampel di bawah target", "Baca dulu", "masih berjalan"):
        assert text not in listing and text not in page
    svg = client.get(f"/hasil/{world.division.code}/{period.pk}/infografis.svg").content.decode()
    assert "Sampel" not in svg


def test_in_english_the_statement_comes_before_the_grade_too(world, client, published, period, clock):
    result, minimum = figures(world, period)
    short = SHORT_EN.format(minimum=minimum)
    client.cookies["django_language"] = "en"
    listing = client.get("/hasil/").content.decode()
    assert f'{short}.</span> <span class="grade">{result.grade}</span>' in listing
    page = client.get(f"/hasil/{world.division.code}/").content.decode()
    assert "Read this before the figures below" in page and "Sampel" not in page
    whole = "Sample below the minimum target: 12 respondents accepted of a minimum of"
    assert (
        page.index(whole)
        < page.index(short, page.index(whole))
        < page.index(f'<span class="big">{result.grade}</span>')
    )
    clock.set(2026, 12, 1)
    assert "Period still open until 31 December 2026" in client.get("/hasil/").content.decode()


def texts_and_desc(svg: str) -> tuple[list[str], str]:
    root = ET.fromstring(svg.encode())  # noqa: S314 - our own output, the thing under test
    desc = root.find(f"{SVG}desc")
    return ["".join(node.itertext()) for node in root.iter(f"{SVG}text")], desc.text or ""


def test_the_infographic_states_a_small_sample_before_the_grade_in_indonesian(
    world, client, published, period, clock
):
    result, minimum = figures(world, period)
    line, performance = LINE.format(minimum=minimum), f"Kinerja unit: {result.label}"
    client.cookies["django_language"] = "en"  # the image stays Indonesian, its statement too
    svg = client.get(f"/hasil/{world.division.code}/{period.pk}/infografis.svg").content.decode()
    lines, desc = texts_and_desc(svg)
    assert lines.index(line) < lines.index(result.grade) < lines.index(performance)
    assert desc.startswith("Sampel di bawah target minimal: 12 responden diterima dari minimal")


def test_the_statement_band_sits_between_the_header_and_the_score(world, period):
    result = queries.result_of(world.division, period)
    cautions = queries.row_of(world.division, period).warnings
    plain = layout(world.division, period, result, EMPTY, preview=False)
    shown = layout(world.division, period, result, EMPTY, preview=False, cautions=cautions)
    band = shown["caution"]
    assert plain["caution"] is None and band is not None
    assert shown["header_height"] < band["y"] and band["y"] + band["height"] < shown["score_label_y"] - 32
    assert shown["badge"]["y"] - 100 > band["y"] + band["height"]  # the grade badge below the band
    assert shown["box_y"] + shown["box_height"] <= shown["height"] - 90  # the footer still clear
