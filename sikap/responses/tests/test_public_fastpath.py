"""The cheap path of the public form: the empty form from the bundle's cache, one look-up before storing,
the rollups from the answers in hand, and the form's maximum age. Same pages, same guarantees."""

import dataclasses
import datetime
import re
import uuid

import pytest
from django.conf import settings
from django.shortcuts import render
from django.test import RequestFactory
from django.utils import timezone, translation

from sikap.instruments.actions import set_campaign_parts, translate_version
from sikap.instruments.queries import resolve_link
from sikap.responses import actions, queries
from sikap.responses.forms_public import sign_start
from sikap.responses.models import Response, Submission
from sikap.responses.public_views import _render_form
from sikap.responses.tests.public_fixtures import (
    form_url,
    open_survey,
    standard_versions,
    thanks_url,
    valid_form,
)
from sikap.responses.validation import clean_submission
from sikap.testing.factories import make_campaign, make_period

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(world):
    return open_survey(world)


def per_request(html: str) -> str:
    """The page without what differs between any two renders: CSRF token, key and signed start."""
    return re.sub(r'name="(csrfmiddlewaretoken|key|start)" value="[^"]*"', r'name="\1" value=""', html)


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_empty_form_from_the_cache_is_the_form_built_whole(survey, language):
    state = resolve_link(survey.unit_link.token)
    request = RequestFactory().get(form_url(survey.unit_link))
    with translation.override(language):
        cached = _render_form(request, state, {}, {}).content.decode()
        whole = _render_form(request, dataclasses.replace(state, stamp=None), {}, {})
    assert per_request(cached) == per_request(whole.content.decode())
    assert 'name="SKM-U1"' in cached and 'name="service"' in cached and 'name="age"' in cached


def test_an_english_correction_shows_on_the_next_form(client, survey):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    version = standard_versions()[0]
    assert "Corrected title" not in client.get(form_url(survey.unit_link)).content.decode()
    translate_version(None, version, {("version", version.pk): {"title_en": "Corrected title"}})
    assert "Corrected title" in client.get(form_url(survey.unit_link)).content.decode()


def test_a_new_bundle_shows_on_the_next_form(client, survey):
    assert 'id="h-SPAK"' in client.get(form_url(survey.unit_link)).content.decode()
    set_campaign_parts(
        None, survey.campaign, versions=standard_versions()[:1], units=survey.campaign.units.all()
    )
    html = client.get(form_url(survey.unit_link)).content.decode()
    assert 'id="h-SKM"' in html and 'id="h-SPAK"' not in html


def test_a_known_bundle_loads_in_two_queries(client, survey, django_assert_num_queries):
    client.get(form_url(survey.unit_link))
    # The link with its campaign, period, unit, service and bundle stamp; the unit's catalogue.
    with django_assert_num_queries(2):
        assert client.get(form_url(survey.unit_link)).status_code == 200


def test_a_submission_costs_a_bounded_number_of_queries(client, survey, django_assert_max_num_queries):
    first = valid_form(survey)  # the process's first submission also learns the versions' shapes
    assert client.post(form_url(survey.unit_link), first, REMOTE_ADDR="198.51.100.1").status_code == 302
    data = valid_form(survey)
    data["key"] = str(uuid.uuid4())
    client.cookies.clear()
    # Link, catalogue, the one look-up, savepoint, submission, responses, answers, four or five tally
    # upserts, release: no second key look-up, no separate counts, no read of what was just written.
    with django_assert_max_num_queries(12):
        assert client.post(form_url(survey.unit_link), data).status_code == 302
    assert Submission.objects.count() == 2


def test_the_thank_you_page_is_one_query(client, survey, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert client.get(thanks_url(survey.unit_link)).status_code == 200


def visit(survey, key=None, device="phone-1", address="198.51.100.7"):  # type: ignore[no-untyped-def]
    link = survey.unit_link
    return actions.Visit(
        campaign=link.campaign,
        unit=link.unit,
        key=key or uuid.uuid4(),
        link=link,
        service=survey.service,
        started_at=timezone.now() - datetime.timedelta(minutes=3),
        device_id=device,
        client_address=address,
    )


def cleaned(survey):  # type: ignore[no-untyped-def]
    return clean_submission(resolve_link(survey.unit_link.token).versions, valid_form(survey))


def test_the_look_up_counts_each_side_up_to_its_cap(survey):
    now = timezone.now()
    for minutes in (1, 2, 3, 30, 40):  # three in the last ten minutes, five in the hour
        submission, _created = actions.submit(None, visit(survey), cleaned(survey))
        moment = now - datetime.timedelta(minutes=minutes)
        Submission.objects.filter(pk=submission.pk).update(created_at=moment)
    device, network = visit(survey).hashes()
    wide = queries.recent(uuid.uuid4(), device, network, (10, 10), now)
    assert dataclasses.astuple(wide) == (False, 3, 5, 3, 5)
    # Each side stops at its cap: the device's at 2 (both windows), the network's hour at 4.
    assert dataclasses.astuple(queries.recent(uuid.uuid4(), device, network, (2, 4), now)) == (
        False,
        2,
        2,
        3,
        4,
    )
    blank = queries.recent(uuid.uuid4(), "", "", (10, 10), now)
    assert (blank.device_hour, blank.network_hour) == (0, 0)  # the paper entries' blank hashes count nothing
    assert queries.recent(submission.key, "", "", (1, 1), now).stored


def test_the_signals_still_count_the_devices_earlier_submissions(survey):
    first, _ = actions.submit(None, visit(survey), cleaned(survey))
    second, _ = actions.submit(None, visit(survey), cleaned(survey))
    assert "device_repeat" not in first.reasons
    assert "device_repeat" in second.reasons and second.signals["device_recent"] == 1


def hours_ago(hours):  # type: ignore[no-untyped-def]
    return timezone.now() - datetime.timedelta(hours=hours)


@pytest.mark.parametrize("language", ["id", "en"])
def test_a_form_opened_too_long_ago_asks_for_a_reload_and_stores_nothing(client, survey, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    data = valid_form(survey)
    data["start"] = sign_start(survey.unit_link.token, hours_ago(4.1))
    response = client.post(form_url(survey.unit_link), data)
    html = response.content.decode()
    assert response.status_code == 400
    reload = {"id": "Buka formulir baru dan isi kembali", "en": "Open a new form and fill it in again"}
    assert f'<a href="{form_url(survey.unit_link)}">{reload[language]}</a>' in html
    assert not Submission.objects.exists() and not Response.objects.exists()


def test_the_maximum_age_is_a_setting_and_a_younger_form_is_taken(client, survey, settings):
    data = valid_form(survey)
    data["start"] = sign_start(survey.unit_link.token, hours_ago(3.9))
    assert client.post(form_url(survey.unit_link), data).status_code == 302
    settings.SIKAP_FORM_MAX_AGE_HOURS = 1
    data = valid_form(survey)
    data["key"] = str(uuid.uuid4())
    data["start"] = sign_start(survey.unit_link.token, hours_ago(1.5))
    client.cookies.clear()
    assert client.post(form_url(survey.unit_link), data, REMOTE_ADDR="198.51.100.77").status_code == 400
    assert Submission.objects.count() == 1


def test_a_stored_form_sent_again_after_the_maximum_age_still_thanks(client, survey):
    data = valid_form(survey)
    data["start"] = sign_start(survey.unit_link.token, hours_ago(3.99))
    client.post(form_url(survey.unit_link), data)
    data["start"] = sign_start(survey.unit_link.token, hours_ago(5))  # the resend of a stored form
    assert client.post(form_url(survey.unit_link), data).status_code == 302
    assert Submission.objects.count() == 1


def test_two_campaigns_of_a_unit_each_show_their_own_bundle(client, world, survey):
    period = make_period("Periode lain", start=timezone.localdate(), end=timezone.localdate())
    other = make_campaign([world.division], period, codes=("SKM",))
    link = other.links.get(service__isnull=True)
    assert 'id="h-SPAK"' in client.get(form_url(survey.unit_link)).content.decode()
    assert 'id="h-SPAK"' not in client.get(form_url(link)).content.decode()


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_kept_thank_you_page_is_the_page_rendered_whole(client, survey, language):
    link = survey.unit_link
    url = thanks_url(link) + "?x=1&y=2"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    kept = client.get(url)
    request = RequestFactory().get(url)
    with translation.override(language):
        context = {"link": link}
        whole = render(request, "responses/public/thanks.html", context).content.decode()
    assert per_request(kept.content.decode()) == per_request(whole)
    assert 'value="/s/' in whole and "?x=1&amp;y=2" in whole  # the return address, escaped
    assert "\x00" not in kept.content.decode()
    assert kept.cookies[settings.CSRF_COOKIE_NAME].value  # the language switch's token is a real one
