"""The infographic: valid SVG with the figures in Indonesian format, and a PNG of the social format."""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET
from io import BytesIO

import pytest
from PIL import Image

from sikap.followup import actions as followup
from sikap.followup.queries import EMPTY, Stats
from sikap.indices.results import ElementStat
from sikap.indices.templatetags.indices_tags import idnum
from sikap.organisation.models import Unit
from sikap.publication import queries
from sikap.publication.infographic import WIDTH, extremes, render_svg, text_width, wrap

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


def texts(svg: str) -> list[str]:
    root = ET.fromstring(svg.encode())  # noqa: S314 - our own output, the thing under test
    assert root.tag == f"{SVG}svg" and root.get("width") == "1080" and root.get("height") == "1350"
    return ["".join(node.itertext()) for node in root.iter(f"{SVG}text")]


def test_the_svg_parses_and_carries_unit_score_grade_and_respondents(world, client, published, period):
    response = client.get(f"/hasil/{world.division.code}/{period.pk}/infografis.svg")
    lines = texts(response.content.decode())
    result = queries.result_of(world.division, period)
    score = idnum(result.score)
    assert "," in score and score in lines
    assert world.division.name in lines and f"Periode {period.name}" in lines
    assert result.grade in lines and f"Kinerja unit: {result.label}" in lines
    assert "Berdasarkan 12 responden" in lines
    assert "Rencana tindak lanjut belum disusun" in lines


def test_the_png_is_a_png_of_1080_by_1350(world, client, published, period):
    response = client.get(f"/hasil/{world.division.code}/{period.pk}/infografis.png")
    data = response.content
    assert response["Content-Type"] == "image/png" and data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR" and struct.unpack(">II", data[16:24]) == (1080, 1350)
    assert Image.open(BytesIO(data)).size == (1080, 1350)


def test_the_best_and_weakest_elements_and_the_follow_up_status_are_shown(world, client, published, period):
    items = followup.propose_from_weak_elements(world.operator, world.division, period, 3)
    followup.update_item(world.operator, items[0], status="done", notes="Dikerjakan; lihat laporan kegiatan")
    followup.cancel_item(world.operator, items[2], "Sudah ditangani pusat")
    lines = texts(client.get(f"/hasil/{world.division.code}/{period.pk}/infografis.svg").content.decode())
    assert "1 dari 2 rencana tindak lanjut selesai" in lines  # the cancelled item does not count
    best, worst = extremes(queries.result_of(world.division, period).elements, 1)
    joined = " ".join(lines)  # a long element name wraps over two lines
    assert best[0].name in joined and idnum(best[0].mean) in lines
    assert worst[0].name in joined and idnum(worst[0].mean) in lines


def test_names_with_markup_are_escaped_and_long_names_wrap_inside_the_page(world, period):
    Unit.objects.filter(pk=world.division.pk).update(
        name="Bidang <Pelayanan> Kekayaan Intelektual & Hukum Kantor Wilayah Kementerian Hukum Jawa Barat"
    )
    unit = Unit.objects.get(pk=world.division.pk)
    svg = render_svg(unit, period, queries.result_of(unit, period), EMPTY)
    lines = texts(svg)  # parses: & and < were escaped
    assert "<Pelayanan>" in " ".join(lines) and "<Pelayanan>" not in svg
    root = ET.fromstring(svg.encode())  # noqa: S314 - our own output
    for node in root.iter(f"{SVG}text"):
        width = text_width(
            "".join(node.itertext()), int(node.get("font-size")), node.get("font-weight") == "bold"
        )
        x, anchor = float(node.get("x")), node.get("text-anchor", "start")
        left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
        assert left >= 0 and left + width <= WIDTH, "".join(node.itertext())  # nothing runs off the page
    name_lines = [t for t in lines if t.rstrip("…") in unit.name]
    assert len(name_lines) == 3 and name_lines[-1].endswith("…")  # three lines at most, then cut


def test_an_unpublished_preview_is_marked_as_such(world, period):
    result = queries.result_of(world.division, period)
    assert "PRATINJAU — BELUM DITERBITKAN" in texts(
        render_svg(world.division, period, result, EMPTY, preview=True)
    )
    assert "PRATINJAU — BELUM DITERBITKAN" not in texts(render_svg(world.division, period, result, EMPTY))


def test_the_infographic_stays_indonesian_for_an_english_reader(world, client, published, period):
    client.cookies["django_language"] = "en"
    lines = texts(client.get(f"/hasil/{world.division.code}/{period.pk}/infografis.svg").content.decode())
    assert "HASIL SURVEI KEPUASAN MASYARAKAT" in lines


def test_wrap_and_extremes_without_a_database():
    assert wrap("satu dua tiga", 10_000, 36) == ["satu dua tiga"]
    lines = wrap("kata " * 60, 400, 36, max_lines=2)
    assert len(lines) == 2 and lines[-1].endswith("…")
    means = [3.1, 2.2, 3.9, None]
    best, worst = extremes([ElementStat(f"U{i}", f"U {i}", 10, m, None) for i, m in enumerate(means, 1)], 3)
    # Two answered elements: one best, one weakest, never the same element in both lists.
    assert [e.code for e in best] == ["U3"] and [e.code for e in worst] == ["U2"]
    assert Stats(5, 4, 0, 0, 0.8, 2.0).done == 4


def test_the_printed_address_is_the_setting_else_the_host_the_reader_reached(
    world, client, published, period, settings
):
    path = f"/hasil/{world.division.code}/{period.pk}/infografis.svg"
    settings.SIKAP_BASE_URL = ""
    assert f"http://testserver/hasil/{world.division.code}/" in client.get(path).content.decode()
    settings.SIKAP_BASE_URL = "https://survei.example.go.id"
    svg = client.get(path).content.decode()
    assert f"https://survei.example.go.id/hasil/{world.division.code}/" in svg
    assert "testserver" not in svg
