"""Answers on each instrument's own scale (0-5 for PEKPPP's F-03) and "tidak berlaku / tidak tahu" as a
state of its own: validation, the database, the public form, paper entry and import."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from sikap.instruments.models import Element
from sikap.responses import actions, importing
from sikap.responses.forms_public import sign_start
from sikap.responses.models import Answer, Response, Submission
from sikap.responses.tests.public_fixtures import form_url
from sikap.responses.validation import clean_submission, is_na
from sikap.testing.factories import make_campaign, make_period, make_scaled_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def f03():
    return make_scaled_version("SKALA05", ask_importance=("E1", "E2"))


@pytest.fixture
def campaign(world, f03):
    today = timezone.localdate()
    period = make_period(
        "Periode skala", start=today - datetime.timedelta(days=10), end=today + datetime.timedelta(days=10)
    )
    return make_campaign([world.division], period, ("SKALA05",), with_service_links=False)


def element(version, code):
    return Element.objects.get(version=version, code=code)


def clean(version, data, **options):
    return clean_submission([version], data, require_answers=False, enforce_required_fields=False, **options)


# --- validation --------------------------------------------------------------------------------------------


def test_a_zero_is_a_score_where_the_scale_starts_at_zero(f03):
    cleaned = clean(f03, {"SKALA05-E1": "0", "SKALA05-E2": "5", "SKALA05-E3": "0"})
    assert cleaned.errors == {}
    assert cleaned.answers[f03.pk] == {
        element(f03, "E1").pk: (0, None),
        element(f03, "E2").pk: (5, None),
        element(f03, "E3").pk: (0, None),
    }


def test_a_value_off_the_versions_scale_is_refused_naming_the_element(f03):
    cleaned = clean(f03, {"SKALA05-E1": "6"})
    assert cleaned.errors["SKALA05-E1"] == "Unsur E1 (Unsur E1): nilai 6 di luar skala 0-5."
    with translation.override("en"):
        cleaned = clean(f03, {"SKALA05-E1": "6"})
    assert cleaned.errors["SKALA05-E1"] == "Element E1 (Unsur E1): the value 6 is outside the 0-5 scale."


def test_a_zero_is_refused_where_the_scale_starts_at_one(world):
    campaign = make_campaign([world.division], codes=("SKM",), with_service_links=False)
    version = campaign.ordered_versions()[0]
    cleaned = clean(version, {"SKM-U1": "0"})
    assert cleaned.errors["SKM-U1"].endswith("nilai 0 di luar skala 1-4.")


@pytest.mark.parametrize("raw", ["TT", "tt", "N/A", "n/a", "Tidak Tahu", "tidak berlaku", " TIDAK  BERLAKU "])
def test_every_spelling_of_not_applicable_is_accepted_where_the_element_allows_it(f03, raw):
    assert is_na(raw)
    cleaned = clean(f03, {"SKALA05-E2": raw})
    assert cleaned.errors == {}
    assert cleaned.answers[f03.pk] == {element(f03, "E2").pk: (None, None)}
    assert cleaned.answer_values == {f03.pk: {}}  # never a score, so never straight-lining either


def test_not_applicable_is_refused_where_the_element_does_not_allow_it(f03):
    cleaned = clean(f03, {"SKALA05-E1": "TT"})
    assert cleaned.errors["SKALA05-E1"] == (
        "Unsur E1 (Unsur E1) tidak menyediakan jawaban “tidak berlaku / tidak tahu”; isi nilai 0-5."
    )
    with translation.override("en"):
        cleaned = clean(f03, {"SKALA05-E1": "TT"})
    assert cleaned.errors["SKALA05-E1"] == (
        "Element E1 (Unsur E1) has no “not applicable / don't know” answer; enter a value from 0 to 5."
    )


def test_importance_starts_at_one_and_pairs_only_with_a_score(f03):
    cleaned = clean(
        f03, {"SKALA05-E1": "3", "SKALA05-E1-imp": "0", "SKALA05-E2": "TT", "SKALA05-E2-imp": "4"}
    )
    assert cleaned.errors == {"SKALA05-E1-imp": "Nilai 0 di luar skala 1-5."}
    cleaned = clean(
        f03, {"SKALA05-E1": "3", "SKALA05-E1-imp": "5", "SKALA05-E2": "TT", "SKALA05-E2-imp": "4"}
    )
    assert cleaned.answers[f03.pk] == {element(f03, "E1").pk: (3, 5), element(f03, "E2").pk: (None, None)}


# --- the database -----------------------------------------------------------------------------------------


def stored_response(world, campaign, f03):
    cleaned = clean(f03, {"SKALA05-E1": "0", "SKALA05-E2": "TT", "SKALA05-E3": "5"})
    visit = actions.Visit(
        campaign=campaign, unit=world.division, key=uuid.uuid4(), channel=Submission.Channel.PAPER
    )
    submission, _created = actions.submit(world.operator, visit, cleaned)
    return Response.objects.get(submission=submission)


def test_a_zero_and_a_not_applicable_answer_are_stored_apart(world, campaign, f03):
    response = stored_response(world, campaign, f03)
    stored = {a.element.code: (a.value, a.not_applicable) for a in response.answers.all()}
    assert stored == {"E1": (0, False), "E2": (None, True), "E3": (5, False)}


@pytest.mark.parametrize(
    ("value", "not_applicable", "importance"),
    [(3, True, None), (None, False, None), (None, True, 2), (11, False, None)],
)
def test_the_database_refuses_a_score_together_with_not_applicable(
    world, campaign, f03, value, not_applicable, importance
):
    response = stored_response(world, campaign, f03)
    Answer.objects.filter(response=response).delete()
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.create(
            response=response,
            element=element(f03, "E2"),
            value=value,
            not_applicable=not_applicable,
            importance=importance,
        )


# --- the public form and the kiosk -------------------------------------------------------------------------


def test_the_public_form_offers_not_applicable_only_where_the_element_allows_it(client, campaign):
    link = campaign.links.get(service__isnull=True)
    html = client.get(form_url(link)).content.decode()
    assert 'name="SKALA05-E1" id="SKALA05-E1" value="0"' in html  # the scale starts at 0
    assert 'id="SKALA05-E2-TT" value="TT"' in html and 'id="SKALA05-E3-TT" value="TT"' in html
    assert 'id="SKALA05-E1-TT"' not in html
    assert html.count("Tidak berlaku / tidak tahu") == 2
    assert 'name="SKALA05-E1-imp" id="SKALA05-E1-imp" value="1"' in html  # importance from 1, not 0
    assert 'name="SKALA05-E1-imp" value="0"' not in html


def test_a_respondent_answers_not_applicable_and_it_is_stored_as_such(client, campaign, f03):
    link = campaign.links.get(service__isnull=True)
    start = sign_start(link.token, timezone.now() - datetime.timedelta(minutes=2))
    data = {"SKALA05-E1": "0", "SKALA05-E2": "TT", "SKALA05-E3": "4", "start": start}
    assert client.post(form_url(link), data).status_code == 302
    stored = {a.element.code: (a.value, a.not_applicable) for a in Answer.objects.select_related("element")}
    assert stored == {"E1": (0, False), "E2": (None, True), "E3": (4, False)}


def test_a_tampered_not_applicable_is_refused_with_the_form_shown_again(client, campaign):
    link = campaign.links.get(service__isnull=True)
    start = sign_start(link.token, timezone.now() - datetime.timedelta(minutes=2))
    reply = client.post(
        form_url(link), {"SKALA05-E1": "TT", "SKALA05-E2": "1", "SKALA05-E3": "1", "start": start}
    )
    assert reply.status_code == 200
    assert "tidak menyediakan jawaban" in reply.content.decode()
    assert not Submission.objects.exists()


# --- paper entry -----------------------------------------------------------------------------------------


def paper_url(campaign, unit):
    return reverse("operator:paper_entry", args=[campaign.pk, unit.code])


def test_paper_entry_has_a_not_applicable_box_where_allowed_and_stores_it(login, world, campaign):
    client = login(world.operator)
    html = client.get(paper_url(campaign, world.division)).content.decode()
    assert 'type="checkbox" name="SKALA05-E2" value="TT"' in html
    assert 'type="checkbox" name="SKALA05-E1"' not in html
    assert 'name="SKALA05-E1" value="" min="0" max="5"' in html
    day = timezone.localdate().isoformat()
    data = {
        "key": str(uuid.uuid4()),
        "answered_on": day,
        "SKALA05-E1": "0",
        "SKALA05-E2": "TT",
        "SKALA05-E3": "",
    }
    assert client.post(paper_url(campaign, world.division), data).status_code == 302
    stored = {a.element.code: (a.value, a.not_applicable) for a in Answer.objects.select_related("element")}
    assert stored == {"E1": (0, False), "E2": (None, True)}


def test_paper_entry_refuses_a_number_and_not_applicable_together(login, world, campaign):
    client = login(world.operator)
    day = timezone.localdate().isoformat()
    data = {"key": str(uuid.uuid4()), "answered_on": day, "SKALA05-E1": "2", "SKALA05-E2": ["3", "TT"]}
    reply = client.post(paper_url(campaign, world.division), data)
    assert reply.status_code == 200
    assert "jangan keduanya" in reply.content.decode()
    assert not Submission.objects.exists()


# --- import ---------------------------------------------------------------------------------------------


def run_import(world, campaign, text):
    target = importing.resolve_target(world.division, campaign.period)
    return importing.import_file(world.operator, target, "f03.csv", text.encode())


def test_import_reads_not_applicable_codes_in_any_case_where_allowed(world, campaign):
    day = timezone.localdate().isoformat()
    rows = ["tanggal,E1,E2,E3", f"{day},0,TT,n/a", f"{day},5,Tidak Tahu,tidak berlaku", f"{day},3,2,"]
    assert run_import(world, campaign, "\n".join(rows)).stored == 3
    answers = Answer.objects.order_by("response__submission_id", "element__code")
    assert [(a.element.code, a.value, a.not_applicable) for a in answers] == [
        ("E1", 0, False),
        ("E2", None, True),
        ("E3", None, True),
        ("E1", 5, False),
        ("E2", None, True),
        ("E3", None, True),
        ("E1", 3, False),
        ("E2", 2, False),
    ]


def test_import_refuses_not_applicable_where_the_element_does_not_allow_it(world, campaign):
    day = timezone.localdate().isoformat()
    rows = ["tanggal,E1,E2,E3", f"{day},1,TT,2", f"{day},TT,2,6"]
    with pytest.raises(importing.ImportFailed) as failed:
        run_import(world, campaign, "\n".join(rows))
    assert [str(p) for p in failed.value.problems] == [
        "Baris 3, kolom E1: Unsur E1 (Unsur E1) tidak menyediakan jawaban “tidak berlaku / tidak tahu”; "
        "isi nilai 0-5.",
        "Baris 3, kolom E3: Nilai 6 di luar skala 0-5.",
    ]
    assert not Submission.objects.exists()


def test_the_operators_detail_page_shows_not_applicable_as_such(login, world, campaign, f03):
    response = stored_response(world, campaign, f03)
    page = login(world.operator).get(reverse("operator:submission", args=[response.submission_id]))
    html = page.content.decode()
    assert "Tidak berlaku / tidak tahu" in html and "None" not in html
    assert "0 / 5" in html
