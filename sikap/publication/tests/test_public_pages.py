"""The public pages (no login) show published periods only: in the HTML, the figures and the images."""

from __future__ import annotations

import datetime
import random

import pytest

from sikap.followup import actions as followup
from sikap.followup.tests.helpers import feedback_submission
from sikap.indices.templatetags.indices_tags import idnum
from sikap.indices.tests.helpers import answered_campaign, random_submission
from sikap.publication import queries
from sikap.publication.actions import publish_period, unpublish_period
from sikap.publication.models import Publication
from sikap.testing.factories import make_campaign, make_period, make_unit

pytestmark = pytest.mark.django_db

COMPLAINT = "Petugas loket 3 meminta uang tambahan kepada saya."


def urls(unit, period):
    base = f"/hasil/{unit.code}/{period.pk}/infografis"
    return [f"/hasil/{unit.code}/", f"{base}.svg", f"{base}.png"]


def test_publish_see_it_unpublish_gone_everywhere(world, client, period):
    assert world.division.name not in client.get("/hasil/").content.decode()
    assert [client.get(url).status_code for url in urls(world.division, period)] == [404, 404, 404]

    publish_period(world.admin, world.division, period)
    score = idnum(queries.result_of(world.division, period).score)
    listing = client.get("/hasil/").content.decode()
    assert world.division.name in listing and score in listing
    assert [client.get(url).status_code for url in urls(world.division, period)] == [200, 200, 200]
    assert score in client.get(f"/hasil/{world.division.code}/").content.decode()

    unpublish_period(world.operator, world.division, period, "Ada kesalahan data")
    listing = client.get("/hasil/").content.decode()
    assert world.division.name not in listing and score not in listing
    assert [client.get(url).status_code for url in urls(world.division, period)] == [404, 404, 404]


def test_every_public_view_reads_through_the_one_gate(world, client, published, period, monkeypatch):
    monkeypatch.setattr(queries, "published", lambda unit=None: Publication.objects.none())
    assert world.division.name not in client.get("/hasil/").content.decode()
    assert [client.get(url).status_code for url in urls(world.division, period)] == [404, 404, 404]


def test_units_without_publications_are_never_listed(world, client, published):
    page = client.get("/hasil/").content.decode()
    assert world.division.name in page
    assert world.other_division.name not in page  # surveyed, never published
    assert client.get(f"/hasil/{world.other_division.code}/").status_code == 404


def test_the_unit_page_shows_only_published_periods(world, client, published, period):
    later = make_period("2027 Semester I", datetime.date(2027, 1, 1), datetime.date(2027, 6, 30))
    answered_campaign([(world.division, 7)], seed=9, period=later, codes=("SKM",))
    page = client.get(f"/hasil/{world.division.code}/").content.decode()
    assert period.name in page and later.name not in page
    assert client.get(f"/hasil/{world.division.code}/?periode={later.pk}").status_code == 404
    assert client.get(f"/hasil/{world.division.code}/{later.pk}/infografis.svg").status_code == 404

    publish_period(world.admin, world.division, later)
    listing = client.get("/hasil/").content.decode()
    assert later.name in listing and period.name not in listing  # the latest published period
    page = client.get(f"/hasil/{world.division.code}/?periode={period.pk}").content.decode()
    assert later.name in page and f"/hasil/{world.division.code}/{period.pk}/infografis.svg" in page


def test_the_figures_are_those_of_accepted_answers(world, client, published, period):
    result = queries.result_of(world.division, period)
    assert result.respondents == 12
    page = client.get(f"/hasil/{world.division.code}/").content.decode()
    assert idnum(result.score) in page and result.grade in page and result.label in page
    for element in result.elements:
        assert element.name in page and idnum(element.mean, 3) in page


def test_complaint_text_never_appears_even_when_a_done_item_answers_it(world, client, campaign, period):
    submission = feedback_submission(campaign, world.division, complaint=COMPLAINT, suggestion="Tambah kursi")
    followup.answer_feedback(world.operator, submission, "Terima kasih, petugas sudah ditegur.")
    # Issue 10: an answer is a reply, not a plan item; the item is planned and done with a note.
    item = followup.create_item(
        world.operator,
        world.division,
        period,
        submission=submission,
        action="Pembayaran hanya melalui kasir resmi.",
        deadline=period.end,
        public=True,
    )
    followup.update_item(world.operator, item, status="done", notes="Kasir resmi ditetapkan.")
    publish_period(world.admin, world.division, period)
    page = client.get(f"/hasil/{world.division.code}/").content.decode()
    assert "Pembayaran hanya melalui kasir resmi." in page  # "you said, we did": the action
    svg = client.get(f"/hasil/{world.division.code}/{period.pk}/infografis.svg").content.decode()
    for private in (COMPLAINT, "Tambah kursi", "petugas sudah ditegur"):
        assert private not in page and private not in svg


def test_search_finds_units_by_name_or_code(world, client, period):
    publish_period(world.admin, world.division, period)
    publish_period(world.admin, world.other_division, period)
    page = client.get("/hasil/?q=bali").content.decode()
    assert world.other_division.name in page and world.division.name not in page
    assert world.division.name in client.get("/hasil/?q=jabar-ki").content.decode()
    assert "Tidak ada unit" in client.get("/hasil/?q=papua").content.decode()


def test_the_public_list_takes_the_same_queries_for_two_or_six_units(
    world, client, period, django_assert_num_queries
):
    publish_period(world.admin, world.division, period)
    publish_period(world.admin, world.other_division, period)
    # publications, tallies (2), versions and their elements, minimums (overrides, service users)
    with django_assert_num_queries(7):
        assert client.get("/hasil/").status_code == 200
    rng = random.Random(5)
    units = [make_unit(f"upt-{i}", parent=world.kanwil) for i in range(4)]
    later = make_period("2027 Semester I", datetime.date(2027, 1, 1), datetime.date(2027, 6, 30))
    campaign = make_campaign(units, later, codes=("SKM",), with_service_links=False)
    for unit in units:
        for _ in range(5):
            random_submission(campaign, unit, rng)
        publish_period(world.admin, unit, later)
    with django_assert_num_queries(7):
        page = client.get("/hasil/").content.decode()
    assert all(unit.name in page for unit in units)


def test_a_unit_page_takes_a_fixed_number_of_queries(world, client, published, django_assert_num_queries):
    # unit, publications, tallies (2), versions and elements, minimums (2), follow-up figures,
    # "you said, we did"
    with django_assert_num_queries(10):
        assert client.get(f"/hasil/{world.division.code}/").status_code == 200


def test_public_images_may_be_cached_briefly_and_run_nothing(world, client, published, period):
    response = client.get(f"/hasil/{world.division.code}/{period.pk}/infografis.svg")
    assert response["Content-Type"].startswith("image/svg+xml")
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    assert response["Content-Security-Policy"].startswith("default-src 'none'")


def test_the_english_switch_translates_the_page(world, client, published):
    client.cookies["django_language"] = "en"
    page = client.get("/hasil/").content.decode()
    assert "<h1>Public satisfaction survey results</h1>" in page and "Periode terbit terakhir" not in page
    assert world.division.name in page
    page = client.get(f"/hasil/{world.division.code}/").content.decode()
    assert "You said, we did" in page and "Anda berkata" not in page
