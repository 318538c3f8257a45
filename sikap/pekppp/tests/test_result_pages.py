"""The unit's result page, the cycle's ranking and grade distribution, and the F-03 page: the same
numbers as `sikap pekppp result --json`, the condition first, nothing for the unit before validation."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sikap.instruments.models import PublicLink
from sikap.pekppp import actions
from sikap.pekppp.tests.conftest import Evaluation
from sikap.pekppp.tests.results_helpers import answer_f03, command_result, idnum, score, validate

pytestmark = pytest.mark.django_db


def unit_url(evaluation: Evaluation) -> str:
    return f"/pekppp/hasil/lokus/{evaluation.lokus.pk}/"


def test_the_unit_page_shows_the_commands_numbers(evaluation: Evaluation, login: Any) -> None:
    score(evaluation, evaluation.lokus, {1: 5, 2: 4, 14: 2, 29: 1}, note="SK ada")
    answer_f03(evaluation, evaluation.lokus, 12)
    expected = command_result(evaluation.lokus)
    page = login(evaluation.pembina).get(unit_url(evaluation)).content.decode()
    assert expected["final"] is True
    assert f'id="ipp">{idnum(expected["ipp"])}<' in page
    assert f'id="grade">{expected["grade"]}<' in page
    assert f'id="f02">{idnum(expected["f02"])}<' in page
    assert f'id="f03">{idnum(expected["f03"])}<' in page
    for value in expected["aspects"].values():
        assert idnum(value) in page
    assert "Rata-rata aspek" in page  # the F-03 method, labelled
    assert "Hasil final" in page


def test_the_gaps_come_biggest_first(evaluation: Evaluation, login: Any) -> None:
    score(evaluation, evaluation.lokus, {29: 0, 14: 1, 1: 5})
    page = login(evaluation.pembina).get(unit_url(evaluation)).content.decode()
    gaps = page[page.index('id="gaps"') :]
    first_rows = gaps.split("<tr>")[2:4]
    assert "<td>29</td>" in first_rows[0] and "<td>14</td>" in first_rows[1]


def test_a_result_short_of_f03_answers_says_so_first(evaluation: Evaluation, login: Any) -> None:
    score(evaluation, evaluation.lokus, 4)
    answer_f03(evaluation, evaluation.lokus, 3)
    page = login(evaluation.pembina).get(unit_url(evaluation)).content.decode()
    condition = page.index("Hasil belum final")
    assert "kurang 7" in page[condition : condition + 300]
    assert condition < page.index('id="ipp"')
    assert 'id="ipp">—<' in page  # blocked: no IPP


def test_missing_levels_are_named(evaluation: Evaluation, login: Any) -> None:
    actions.set_level(evaluation.evaluator, evaluation.lokus, evaluation.indicator(1), 5)
    page = login(evaluation.pembina).get(unit_url(evaluation)).content.decode()
    assert "Indikator yang belum dinilai" in page and "2.a.P" in page


def test_the_unit_sees_its_result_only_once_validated(evaluation: Evaluation, login: Any) -> None:
    score(evaluation, evaluation.lokus, 4)
    answer_f03(evaluation, evaluation.lokus, 10)
    client = login(evaluation.world.operator)
    page = client.get(unit_url(evaluation)).content.decode()
    assert "Hasil belum dapat dilihat" in page
    assert 'id="ipp"' not in page
    assert client.get(f"{unit_url(evaluation)}lembar-evaluasi.pdf").status_code == 404
    validate(evaluation, evaluation.lokus)
    page = client.get(unit_url(evaluation)).content.decode()
    assert f'id="ipp">{idnum(command_result(evaluation.lokus)["ipp"])}<' in page


def test_an_outsider_gets_404(evaluation: Evaluation, login: Any) -> None:
    client = login(evaluation.world.outsider)
    assert client.get(unit_url(evaluation)).status_code == 404
    assert client.get(f"/pekppp/hasil/siklus/{evaluation.cycle.pk}/").status_code == 404


def test_an_evaluator_reads_only_its_aspects_indicators(evaluation: Evaluation, login: Any) -> None:
    score(evaluation, evaluation.lokus, 3, note="catatan rahasia")
    page = login(evaluation.evaluator).get(unit_url(evaluation)).content.decode()
    assert "1.a.Ak" in page and "10.b.As" in page
    assert "15.c.K" not in page


def test_the_ranking_orders_units_by_ipp_with_the_unfinished_last(evaluation: Evaluation, login: Any) -> None:
    world = evaluation.world
    second = actions.add_lokus(world.admin, evaluation.cycle, world.other_division)
    third = actions.add_lokus(world.admin, evaluation.cycle, world.kanwil)
    actions.assign_evaluator(world.admin, second, evaluation.evaluator, ["a", "b", "c", "d", "e", "f"])
    actions.assign_evaluator(world.admin, third, evaluation.evaluator, ["a", "b", "c", "d", "e", "f"])
    score(evaluation, evaluation.lokus, 3)
    score(evaluation, second, 5)
    score(evaluation, third, 1)
    for lokus in (evaluation.lokus, second):
        answer_f03(evaluation, lokus, 10)
    answer_f03(evaluation, third, 2)
    page = login(evaluation.pembina).get(f"/pekppp/hasil/siklus/{evaluation.cycle.pk}/").content.decode()
    ranking = page[page.index('id="ranking"') :]
    names = [world.other_division.name, world.division.name, world.kanwil.name]
    assert [ranking.index(n) for n in names] == sorted(ranking.index(n) for n in names)
    grades = page[page.index('id="grades"') : page.index('id="ranking"')]
    assert command_result(second)["grade"] == "A"
    assert '<td>A</td><td>Pelayanan Prima</td><td class="num">1</td>' in grades
    assert 'Belum final</td><td class="num">1</td>' in grades


def test_the_unit_sees_only_validated_results_in_the_ranking(evaluation: Evaluation, login: Any) -> None:
    score(evaluation, evaluation.lokus, 4)
    client = login(evaluation.world.operator)
    page = client.get(f"/pekppp/hasil/siklus/{evaluation.cycle.pk}/").content.decode()
    assert "1 unit lokus lain belum tervalidasi" in page
    assert f'/pekppp/hasil/lokus/{evaluation.lokus.pk}/"' not in page


def ranking_queries(evaluation: Evaluation, login: Any) -> int:
    client = login(evaluation.pembina)
    url = f"/pekppp/hasil/siklus/{evaluation.cycle.pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_ranking_reads_in_bulk(evaluation: Evaluation, login: Any) -> None:
    score(evaluation, evaluation.lokus, 4)
    one = ranking_queries(evaluation, login)
    world = evaluation.world
    for unit in (world.other_division, world.kanwil, world.other_kanwil):
        actions.add_lokus(world.admin, evaluation.cycle, unit)
    four = ranking_queries(evaluation, login)
    # results_of reads the levels once; the framework and F-03 moments cost a fixed few per lokus.
    assert (one, four) == (ONE_LOKUS, ONE_LOKUS + 3 * PER_LOKUS)


ONE_LOKUS = 13
PER_LOKUS = 5  # per lokus: its F-03 read (moments, element codes, respondents) and framework parts


def test_the_f03_page_gives_each_lokus_its_link_and_progress(evaluation: Evaluation, login: Any) -> None:
    answer_f03(evaluation, evaluation.lokus, 4)
    page = login(evaluation.pembina).get(f"/pekppp/hasil/siklus/{evaluation.cycle.pk}/f03/").content.decode()
    progress = page[page.index('id="progress"') :]
    assert '<td class="num">4</td><td class="num">10</td><td class="num">6</td>' in progress
    assert "/s/" in progress and "qr.svg" in progress and "qr.png" in progress and "poster.pdf" in progress
    items = page[page.index('class="pk-items"') :]
    numbers = [n for n in range(1, 16) if f"<strong>{n}.</strong>" in items]
    assert numbers == [*range(1, 13), 14, 15]
    assert "0 = " in page and "5 = " in page


def test_the_public_f03_form_asks_the_14_items_on_0_to_5_for_a_phone(
    evaluation: Evaluation, client: Any
) -> None:
    link = PublicLink.objects.get(unit=evaluation.lokus.unit, campaign__name__startswith="PEKPPP F-03")
    form = client.get(f"/s/{link.token}/").content.decode()
    assert 'name="viewport" content="width=device-width' in form
    items = [*map(str, range(1, 13)), "14", "15"]
    for item in items:
        values = re.findall(rf'<input type="radio" name="F03-{item}"[^>]* value="(\d)"', form)
        assert values == ["0", "1", "2", "3", "4", "5"], item
    assert 'name="F03-13"' not in form
    # Each item carries its number on the official form, 13 skipped.
    numbers = re.findall(r"<legend><b>(\d+)\.</b>", form)
    assert numbers == items


def test_the_result_pages_speak_english(evaluation: Evaluation, login: Any) -> None:
    from sikap.workspace.tests.test_english_everywhere import data_texts, indonesian_in, page_text

    score(evaluation, evaluation.lokus, 4, note="catatan")
    answer_f03(evaluation, evaluation.lokus, 3)
    client = login(evaluation.pembina)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    data = [*data_texts(), "catatan"]
    for path in (
        unit_url(evaluation),
        f"/pekppp/hasil/siklus/{evaluation.cycle.pk}/",
        f"/pekppp/hasil/siklus/{evaluation.cycle.pk}/f03/",
    ):
        html = client.get(path, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert '<html lang="en">' in html, path
        found = indonesian_in(page_text(html), data, set())
        assert not found, (path, found)
