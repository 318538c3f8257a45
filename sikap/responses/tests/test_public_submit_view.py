"""POST /s/<token>/: validation, one stored submission per form, integrity signals, and the thank-you page."""

import datetime

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone

from sikap.instruments.models import Element, Instrument, InstrumentVersion
from sikap.organisation.actions import set_period_rules
from sikap.responses import integrity
from sikap.responses.forms_public import sign_start
from sikap.responses.models import Answer, Response, ServiceCode, Submission
from sikap.responses.public_views import DEVICE_COOKIE
from sikap.responses.tests.public_fixtures import (
    english_catalog,
    form_url,
    open_survey,
    thanks_url,
    valid_form,
)
from sikap.testing.factories import make_campaign, make_period

pytestmark = pytest.mark.django_db


def around_today():
    today = timezone.localdate()
    return today - datetime.timedelta(days=10), today + datetime.timedelta(days=10)


def minutes_ago(n):
    return timezone.now() - datetime.timedelta(minutes=n)


@pytest.fixture
def survey(world):
    return open_survey(world)


def test_a_valid_form_is_stored_once_with_every_answer_then_thanks(client, survey):
    response = client.post(form_url(survey.unit_link), valid_form(survey))
    assert response.status_code == 302
    assert response["Location"] == thanks_url(survey.unit_link)
    submission = Submission.objects.get()
    assert Response.objects.filter(submission=submission).count() == 3
    assert Answer.objects.filter(response__submission=submission).count() == 22
    assert submission.status == Submission.Status.ACCEPTED, submission.reasons
    assert (submission.unit, submission.service, submission.link) == (
        survey.unit_link.unit,
        survey.service,
        survey.unit_link,
    )
    assert (submission.channel, submission.language, submission.age, submission.sex) == (
        "web",
        "id",
        34,
        "Perempuan",
    )
    assert 55 <= submission.duration_seconds <= 120
    assert submission.suggestion == "Antrean bisa lebih tertib."


def test_the_same_form_posted_again_counts_once(client, survey):
    data = valid_form(survey)
    client.post(form_url(survey.unit_link), data)
    again = client.post(form_url(survey.unit_link), data)
    assert again.status_code == 302
    assert again["Location"] == thanks_url(survey.unit_link)
    assert Submission.objects.count() == 1
    assert Answer.objects.count() == 22


def test_missing_answers_are_shown_per_field_and_what_was_entered_is_kept(client, survey):
    data = valid_form(survey)
    del data["SKM-U2"], data["SPAK-A5"]
    data["SKM-U1"] = "3"
    data["suggestion"] = "Petugas ramah"
    response = client.post(form_url(survey.unit_link), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<a href="#SKM-U2">SKM 2. Sistem, Mekanisme, dan Prosedur: Pilih salah satu jawaban.</a>' in html
    assert '<p class="err" id="e-SPAK-A5">Pilih salah satu jawaban.</p>' in html
    assert '<fieldset class="q" aria-describedby="e-SKM-U2">' in html
    assert 'name="SKM-U2" id="SKM-U2" value="1" aria-invalid="true">' in html
    assert '<input type="radio" name="SKM-U1" value="3" checked>' in html
    assert '<input type="radio" name="SPKP-K1" id="SPKP-K1-6" value="6" checked>' in html
    assert ">Petugas ramah</textarea>" in html
    assert f'<option value="{survey.service.pk}" selected>' in html
    assert 'name="key" value="5f0c6c2e-1d9a-4c57-9a1e-3f3b1a2b7c10"' in html  # the same form, the same key
    assert f'name="start" value="{data["start"]}"' in html
    assert not Submission.objects.exists()


def test_error_messages_follow_the_respondents_language(client, survey):
    url = form_url(survey.unit_link)
    client.post(reverse("set_language"), {"language": "en", "next": url})
    data = valid_form(survey)
    del data["SKM-U2"], data["service"]
    with english_catalog():
        html = client.post(url, data).content.decode()
    assert '<html lang="en">' in html
    assert '<p class="err" id="e-SKM-U2">Choose one answer.</p>' in html
    assert "Choose the service you received." in html
    assert "Please check the following" in html


def test_a_unit_link_needs_a_service_from_the_units_own_catalogue(client, survey):
    data = valid_form(survey)
    del data["service"]
    missing = client.post(form_url(survey.unit_link), data)
    assert '<p class="err" id="e-service">Pilih layanan yang Saudara terima.</p>' in missing.content.decode()
    data["service"] = str(survey.other_service.pk)
    foreign = client.post(form_url(survey.unit_link), data)
    assert foreign.status_code == 200
    assert "Layanan ini tidak ada dalam daftar layanan unit." in foreign.content.decode()
    assert not Submission.objects.exists()


def test_a_service_link_stores_its_own_service_whatever_is_posted(client, survey):
    data = valid_form(survey, survey.service_link)
    data["service"] = str(survey.other_service.pk)
    assert client.post(form_url(survey.service_link), data).status_code == 302
    assert Submission.objects.get().service == survey.service


def limit_to_one(survey, rule):  # type: ignore[no-untyped-def]
    """The survey period's integrity rule set to 1, through the audited action."""
    period = survey.unit_link.campaign.period
    set_period_rules(None, period, integrity_rules={**period.integrity_rules, rule: 1}, reason="uji batas")


def test_over_the_rate_limit_it_answers_429_and_stores_nothing(client, survey):
    limit_to_one(survey, "device_limit_per_10_min")
    client.get(form_url(survey.unit_link))  # the device cookie, as a browser gets it
    client.post(form_url(survey.unit_link), valid_form(survey))
    second = valid_form(survey)
    second["key"] = "0b7d5c4e-2f1a-4e3b-8c9d-7a6b5c4d3e2f"
    response = client.post(form_url(survey.unit_link), second)
    assert response.status_code == 429
    assert "Terlalu banyak kiriman dari perangkat atau jaringan ini." in response.content.decode()
    assert Submission.objects.count() == 1


def test_the_network_limit_applies_to_every_device_behind_it(client, survey):
    limit_to_one(survey, "network_limit_per_10_min")
    client.post(form_url(survey.unit_link), valid_form(survey), REMOTE_ADDR="198.51.100.9")
    client.cookies.clear()  # another phone on the same network
    second = valid_form(survey)
    second["key"] = "0b7d5c4e-2f1a-4e3b-8c9d-7a6b5c4d3e2f"
    response = client.post(form_url(survey.unit_link), second, REMOTE_ADDR="198.51.100.9")
    assert response.status_code == 429
    assert Submission.objects.count() == 1


def test_a_form_sent_seconds_after_it_was_opened_is_suspect(client, survey):
    data = valid_form(survey)
    data["start"] = sign_start(survey.unit_link.token)
    client.post(form_url(survey.unit_link), data)
    submission = Submission.objects.get()
    assert submission.status == Submission.Status.SUSPECT
    assert "too_fast" in submission.reasons


@pytest.mark.parametrize("start", ["", "forged", "other-link"])
def test_a_missing_or_forged_start_counts_as_just_now(client, survey, start):
    data = valid_form(survey)
    past = timezone.now() - datetime.timedelta(minutes=5)
    data["start"] = sign_start(survey.service_link.token, past) if start == "other-link" else start
    client.post(form_url(survey.unit_link), data)
    assert "too_fast" in Submission.objects.get().reasons


def test_a_valid_service_code_marks_the_submission_verified(client, survey):
    period = survey.campaign.period
    code = ServiceCode.objects.create(unit=survey.unit_link.unit, period=period, code="AB12CD")
    data = valid_form(survey)
    data["service_code"] = "ab12 cd"
    assert client.post(form_url(survey.unit_link), data).status_code == 302
    submission = Submission.objects.get()
    assert submission.verified
    code.refresh_from_db()
    assert code.used_by == submission


def test_a_used_service_code_is_refused_on_its_field_and_nothing_is_stored(client, survey):
    ServiceCode.objects.create(unit=survey.unit_link.unit, period=survey.campaign.period, code="AB12CD")
    first = valid_form(survey)
    first["service_code"] = "AB12CD"
    client.post(form_url(survey.unit_link), first)
    second = valid_form(survey)
    second.update(key="0b7d5c4e-2f1a-4e3b-8c9d-7a6b5c4d3e2f", service_code="AB12CD")
    response = client.post(form_url(survey.unit_link), second)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<p class="err" id="e-service_code">Kode layanan tidak dikenal atau sudah dipakai.' in html
    assert "kosongkan kolom ini: kode layanan boleh tidak diisi." in html
    assert 'aria-describedby="h-service_code e-service_code" aria-invalid="true"' in html
    assert Submission.objects.count() == 1


def test_html_in_free_text_is_stored_as_text_and_shown_escaped(client, survey):
    data = valid_form(survey)
    data["suggestion"] = '<script>alert("x")</script><b>bagus</b>'
    del data["SKM-U1"]
    html = client.post(form_url(survey.unit_link), data).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;bagus&lt;/b&gt;</textarea>" in html
    data["SKM-U1"] = "4"
    response = client.post(form_url(survey.unit_link), data, follow=True)
    assert Submission.objects.get().suggestion == '<script>alert("x")</script><b>bagus</b>'
    assert "alert" not in response.content.decode()  # the thank-you page shows nothing of the answers


def test_the_thank_you_page_shows_nothing_personal(client, survey):
    response = client.post(form_url(survey.unit_link), valid_form(survey), follow=True)
    html = response.content.decode()
    assert "Terima kasih atas penilaian Anda" in html
    for personal in ("Antrean bisa lebih tertib.", "Perempuan", ">34<", "Swasta", "Permohonan Merek"):
        assert personal not in html
    assert 'http-equiv="refresh"' not in html


def test_only_keyed_hashes_of_the_device_and_network_are_stored(client, survey):
    client.get(form_url(survey.unit_link))
    device_id = client.cookies[DEVICE_COOKIE].value
    client.post(form_url(survey.unit_link), valid_form(survey), REMOTE_ADDR="198.51.100.23")
    submission = Submission.objects.get()
    period = survey.campaign.period_id
    assert submission.device_hash == integrity.keyed_hash("device", device_id, period)
    assert submission.network_hash == integrity.keyed_hash("network", "198.51.100.23", period)
    row = Submission.objects.filter(pk=submission.pk).values().get()
    stored = repr(model_to_dict(submission)) + repr(row)
    assert device_id not in stored
    assert "198.51.100.23" not in stored


def test_a_forwarded_address_is_used_only_when_the_proxy_is_trusted(client, survey, settings):
    period = survey.campaign.period_id
    forwarded = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.7, 10.0.0.1"}
    client.post(form_url(survey.unit_link), valid_form(survey), **forwarded)
    assert Submission.objects.get().network_hash == integrity.keyed_hash("network", "10.0.0.1", period)
    settings.SIKAP_TRUSTED_PROXIES = ["10.0.0.0/8"]
    data = valid_form(survey)
    data["key"] = "0b7d5c4e-2f1a-4e3b-8c9d-7a6b5c4d3e2f"
    client.post(form_url(survey.unit_link), data, **forwarded)
    latest = Submission.objects.order_by("-id").first()
    assert latest.network_hash == integrity.keyed_hash("network", "203.0.113.7", period)


def test_an_importance_question_is_asked_and_stored_where_an_element_wants_it(client, world):
    instrument = Instrument.objects.create(code="ILKX", name="Uji harapan", method="ikm")
    version = InstrumentVersion.objects.create(instrument=instrument, number=1, title="Uji harapan")
    Element.objects.create(
        version=version, code="E1", name="Kejelasan", question="Jelas?", ask_importance=True
    )
    Element.objects.create(version=version, code="E2", name="Kecepatan", question="Cepat?")
    InstrumentVersion.objects.filter(pk=version.pk).update(status=InstrumentVersion.Status.PUBLISHED)
    campaign = make_campaign([world.division], make_period("Periode harapan", *around_today()), ("ILKX",))
    link = campaign.links.get(service__isnull=True)
    html = client.get(form_url(link)).content.decode()
    assert '<fieldset class="imp"><legend>Seberapa penting unsur ini bagi Saudara?' in html
    assert 'name="ILKX-E1-imp" id="ILKX-E1-imp" value="1"' in html
    assert "ILKX-E2-imp" not in html
    data = {
        "ILKX-E1": "3",
        "ILKX-E1-imp": "4",
        "ILKX-E2": "2",
        "start": sign_start(link.token, minutes_ago(2)),
    }
    assert client.post(form_url(link), data).status_code == 302
    answer = Answer.objects.get(element__code="E1")
    assert (answer.value, answer.importance) == (3, 4)
    assert Answer.objects.get(element__code="E2").importance is None


def test_a_wrong_code_says_the_field_may_be_left_empty_and_an_empty_one_is_accepted(client, survey):
    data = valid_form(survey)
    data["service_code"] = "SALAH123"
    html = client.post(form_url(survey.unit_link), data).content.decode()
    assert "boleh tidak diisi" in html
    assert not Submission.objects.exists()
    data["service_code"] = ""
    assert client.post(form_url(survey.unit_link), data).status_code == 302
    assert Submission.objects.get().verified is False
