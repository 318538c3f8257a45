"""GET /s/<token>/: the respondent form of a public link."""

import re
import uuid
from html.parser import HTMLParser
from urllib.parse import urlparse

import pytest
from django.contrib.staticfiles import finders
from django.core import signing
from django.urls import reverse

from sikap.responses.forms_public import START_SALT
from sikap.responses.public_views import DEVICE_COOKIE
from sikap.responses.tests.public_fixtures import english_catalog, form_url, hidden, open_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(world):
    return open_survey(world)


PAGE_BUDGET = 30 * 1024


class Controls(HTMLParser):
    """Collects the form controls, the labels that name them, the fieldsets and their legends."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: list[dict] = []
        self.label_for: set[str] = set()
        self.fieldsets = 0
        self.legends: list[str] = []
        self._in_label = 0
        self._in_legend = False
        self.refs: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for name in ("src", "href", "action"):
            if a.get(name):
                self.refs.append(a[name])
        if tag == "label":
            self._in_label += 1
            if a.get("for"):
                self.label_for.add(a["for"])
        elif tag == "fieldset" and "q" in (a.get("class") or "").split():
            self.fieldsets += 1
        elif tag == "legend":
            self._in_legend = True
            self.legends.append("")
        elif tag in ("input", "select", "textarea") and a.get("type") not in ("hidden", "submit"):
            self.controls.append({**a, "wrapped": self._in_label > 0})

    def handle_endtag(self, tag):
        if tag == "label":
            self._in_label -= 1
        elif tag == "legend":
            self._in_legend = False

    def handle_data(self, data):
        if self._in_legend:
            self.legends[-1] += data


def parse(response) -> Controls:
    parser = Controls()
    parser.feed(response.content.decode())
    return parser


def test_it_renders_the_22_elements_of_the_bundle_each_a_fieldset_with_its_question(client, survey):
    response = client.get(form_url(survey.unit_link))
    assert response.status_code == 200
    page = parse(response)
    assert page.fieldsets == 22
    for version in survey.campaign.campaign_versions.all():
        for element in version.version.elements.all():
            assert any(element.question in legend for legend in page.legends), element.code
    radios = [c for c in page.controls if c.get("type") == "radio"]
    assert len(radios) == 9 * 4 + 13 * 6 + 2  # SKM, SPKP + SPAK, and the two sexes
    html = response.content.decode()
    for title in ("Survei Kepuasan Masyarakat (SKM)", "(SPKP)", "(SPAK)"):
        assert title in html
    assert html.index("(SKM)</h2>") < html.index("(SPKP)</h2>") < html.index("(SPAK)</h2>")


def test_every_control_has_a_label(client, survey):
    page = parse(client.get(form_url(survey.unit_link)))
    unlabelled = [c for c in page.controls if not c["wrapped"] and c.get("id") not in page.label_for]
    assert unlabelled == []
    names = {c.get("name") for c in page.controls}
    assert {
        "service",
        "age",
        "sex",
        "education",
        "occupation",
        "suggestion",
        "complaint",
        "service_code",
    } <= names


def test_stars_are_radios_named_with_their_count_and_label(client, survey):
    html = client.get(form_url(survey.unit_link)).content.decode()
    assert '<input type="radio" name="SPKP-K1" id="SPKP-K1-4" value="4">' in html
    assert '<label for="SPKP-K1-4"><span>4 dari 6 bintang — Cukup setuju</span></label>' in html
    assert "6 dari 6 bintang — Sangat setuju" in html
    # SKM keeps its labelled options.
    assert '<input type="radio" name="SKM-U4" value="4"> Gratis</label>' in html


def test_the_page_is_indonesian_and_has_a_privacy_notice(client, survey):
    html = client.get(form_url(survey.unit_link)).content.decode()
    assert '<html lang="id">' in html
    assert "UU No. 27 Tahun 2022" in html
    assert "Kami tidak menanyakan nama, nomor telepon, atau e-mail" in html
    assert "Kode layanan (jika ada)" in html


def test_page_weight_is_at_most_30_kb_and_nothing_comes_from_another_host(client, survey):
    response = client.get(form_url(survey.unit_link))
    page = parse(response)
    total = len(response.content)
    assets = [r for r in page.refs if r.endswith((".css", ".js"))]
    assert assets == ["/static/css/form.css"]
    for ref in assets:
        path = finders.find(ref.removeprefix("/static/"))
        assert path, ref
        with open(path, "rb") as f:
            total += len(f.read())
    assert total <= PAGE_BUDGET, f"form page weighs {total} bytes"
    for ref in page.refs:
        assert not urlparse(ref).netloc, f"reference to another host: {ref}"
    assert not re.search(r"(src|href)=\"(https?:)?//", response.content.decode())


def test_the_form_carries_a_fresh_idempotency_key_and_a_signed_start(client, survey):
    first = client.get(form_url(survey.unit_link)).content.decode()
    second = client.get(form_url(survey.unit_link)).content.decode()
    key = uuid.UUID(hidden(first, "key"))
    assert key.version == 4
    assert hidden(second, "key") != str(key)
    token, seconds = signing.loads(hidden(first, "start"), salt=START_SALT)
    assert token == survey.unit_link.token
    assert isinstance(seconds, int)


def test_a_unit_link_offers_the_units_catalogue_and_a_service_link_fixes_the_service(client, survey):
    html = client.get(form_url(survey.unit_link)).content.decode()
    assert f'<option value="{survey.service.pk}">Permohonan Merek' in html
    assert "Permohonan Paten" not in html  # another unit's catalogue
    fixed = client.get(form_url(survey.service_link)).content.decode()
    assert 'name="service"' not in fixed
    assert "Permohonan Merek" in fixed


def test_it_sets_a_random_http_only_device_cookie_once(client, survey):
    response = client.get(form_url(survey.unit_link))
    cookie = response.cookies[DEVICE_COOKIE]
    assert len(cookie.value) >= 20
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) >= 365 * 24 * 3600
    again = client.get(form_url(survey.unit_link))
    assert DEVICE_COOKIE not in again.cookies


def test_it_loads_in_five_queries(client, survey, django_assert_num_queries):
    # The link with its campaign, period, unit and service; versions; elements; fields; the catalogue.
    with django_assert_num_queries(5):
        assert client.get(form_url(survey.unit_link)).status_code == 200


def test_it_is_never_cached(client, survey):
    response = client.get(form_url(survey.unit_link))
    assert "no-cache" in response["Cache-Control"]


def test_after_switching_to_english_the_page_says_so(client, survey):
    url = form_url(survey.unit_link)
    response = client.post(reverse("set_language"), {"language": "en", "next": url})
    assert response.status_code == 302
    html = client.get(url).content.decode()
    assert '<html lang="en">' in html
    # The standard versions ship with English: their questions, options and titles follow the reader.
    assert "<legend><b>Requirements</b>" in html and "Persyaratan" not in html
    assert 'lang="id"><b>' not in html
    assert 'value="id" lang="id">Bahasa Indonesia</button>' in html


def test_only_what_has_no_english_yet_stays_indonesian_and_says_so(client, survey):
    from sikap.instruments.models import Element

    version = survey.campaign.ordered_versions()[0]
    Element.objects.filter(version=version, code="U1").update(name_en="", labels_en=[])
    Element.objects.filter(version=version, code="U2").update(question_en="")
    url = form_url(survey.unit_link)
    client.post(reverse("set_language"), {"language": "en", "next": url})
    html = client.get(url).content.decode()
    assert '<legend><b lang="id">Persyaratan</b>' in html  # the name, and only the name, of U1
    u2 = Element.objects.get(version=version, code="U2")
    assert f'<span lang="id">{u2.question}</span></legend>' in html
    assert "<legend><b>Systems, mechanisms and procedures</b> <span" in html
    assert '<label lang="id"><input type="radio" name="SKM-U1"' in html  # U1's options lost their English
    assert '<label lang="id"><input type="radio" name="SKM-U2"' not in html


def test_the_page_chrome_is_translated(client, survey):
    url = form_url(survey.unit_link)
    client.post(reverse("set_language"), {"language": "en", "next": url})
    with english_catalog():
        html = client.get(url).content.decode()
    for text in ("Send your rating", "About you", "Personal data protection"):
        assert text in html
    assert "Kirim penilaian" not in html


def test_the_browser_is_told_not_to_restore_answers_after_back(client, survey):
    # Otherwise Back restores every answer into a fresh form with a new key, inviting a second submission.
    html = client.get(form_url(survey.service_link)).content.decode()
    assert 'novalidate autocomplete="off">' in html
