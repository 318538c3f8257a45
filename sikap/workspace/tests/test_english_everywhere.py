"""In English, no Indonesian is left: every page of each role's menu (read from the menu on its home page,
as the menu walk clicks it), the pages a click below, the public form, its thank-you and closed pages, and
the text of the SKM and SPKP/SPAK report PDFs.

What counts as Indonesian: (1) any phrase of two words or more of a message in locale/en whose English
differs (untranslated and fuzzy messages included, since they show in Indonesian); (2) the standard
instruments' Indonesian texts (names, titles, questions, point labels) where they have English; (3) a few
common Indonesian words. Data is not UI: unit, service, period, campaign and user names and respondents'
free text are removed from the page text first. The language switch ("Bahasa Indonesia") is meant to be
Indonesian. Each finding names the page and the text.
"""

from __future__ import annotations

import io
import json
import random
import re
from collections.abc import Iterable
from functools import cache
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import models
from django.urls import reverse
from pypdf import PdfReader

from sikap.accounts.models import Membership
from sikap.followup.models import FollowUpItem
from sikap.indices.tests.helpers import random_submission
from sikap.instruments.models import Campaign, Element, Instrument, InstrumentVersion
from sikap.organisation.models import Period, Province, Service, Unit
from sikap.responses.models import Submission
from sikap.responses.tests.public_fixtures import form_url, open_survey, valid_form
from sikap.testing.factories import make_user

pytestmark = pytest.mark.django_db

PO = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\{[^}]*\}\}|\{%[^%]*%\}|<[^>]+>|[\n|]")
EDGES = " \t.,:;!?()[]—–-·•“”\"'/…=+*#"
# Words no English page has outside names and data.
WORDS = re.compile(
    r"\b(dan|yang|untuk|dengan|tidak|belum|sudah|atau|dari|pada|ini|itu|oleh|Simpan|Kembali|Unduh|Pilih"
    r"|Cari|Tampilkan|Beranda|Keluar|Semua|Jumlah|Periode|Laporan|Unsur|Layanan|Hasil|Tahun|Belum|Tidak)\b",
    re.IGNORECASE,
)
PERSONAS = ("admin", "kanwil_admin", "operator", "leader", "evaluator")
SKIP = re.compile(
    r"<script(?![^>]*application/json)[^>]*>.*?</script>|<style[^>]*>.*?</style>"
    r'|<button[^>]*name="language"[^>]*>.*?</button>',
    re.S,
)
JSON_SCRIPT = re.compile(r'<script[^>]*type="application/json"[^>]*>(.*?)</script>', re.S)
ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}


def po_entries(path: Path = PO) -> list[tuple[str, str, bool]]:
    """(msgid, msgstr, fuzzy) of the live entries of a .po file (plural entries by their singular)."""
    entries: list[tuple[str, str, bool]] = []
    msgid = msgstr = ""
    fuzzy = False
    field = ""
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("#~"):
            continue
        if not line.strip():
            if msgid:
                entries.append((msgid, msgstr, fuzzy))
            msgid = msgstr = field = ""
            fuzzy = False
        elif line.startswith("#,"):
            fuzzy = "fuzzy" in line
        elif line.startswith("msgid "):
            field, msgid = "id", json.loads(line[6:])
        elif line.startswith("msgid_plural"):
            field = "plural"
        elif line.startswith(("msgstr ", "msgstr[0] ")):
            field, msgstr = "str", json.loads(line.split(" ", 1)[1])
        elif line.startswith("msgstr["):
            field = "other"
        elif line.startswith('"'):
            if field == "id":
                msgid += json.loads(line)
            elif field == "str":
                msgstr += json.loads(line)
    return entries


def _acronyms(words: list[str]) -> bool:
    return all(w.isupper() or any(c.isdigit() for c in w) for w in words)


@cache
def indonesian_phrases() -> frozenset[str]:
    """Phrases of two or more words from every message whose English differs from the Indonesian."""
    found = set()
    for msgid, msgstr, fuzzy in po_entries():
        english = "" if fuzzy else msgstr
        if english == msgid:
            continue
        for chunk in PLACEHOLDER.split(msgid):
            phrase = " ".join(chunk.split()).strip(EDGES)
            words = phrase.split()
            if len(words) >= 2 and not _acronyms(words) and phrase not in english:
                found.add(phrase)
    return frozenset(found)


def instrument_texts() -> set[str]:
    """The standard instruments' Indonesian texts that have an English translation (so must not show)."""
    texts: set[str] = set()

    def add(indonesian: Any, english: Any) -> None:
        if indonesian and english and str(indonesian).strip() != str(english).strip():
            texts.add(" ".join(str(indonesian).split()))

    for instrument in Instrument.objects.all():
        add(instrument.name, instrument.name_en)
    for version in InstrumentVersion.objects.all():
        add(version.title, version.title_en)
        add(version.intro, version.intro_en)
        for label, english in zip(version.scale_labels or [], version.scale_labels_en or [], strict=False):
            add(label, english)
    for element in Element.objects.all():
        add(element.name, element.name_en)
        add(element.question, element.question_en)
        for label, english in zip(element.labels or [], element.labels_en or [], strict=False):
            add(label, english)
    return texts


def data_texts() -> list[str]:
    """Names and free text people typed: not the interface's words. Longest first."""
    values: set[str] = set()
    sources: Iterable[tuple[type[models.Model], tuple[str, ...]]] = (
        (Unit, ("name",)),
        (Service, ("name",)),
        (Period, ("name",)),
        (Campaign, ("name",)),
        (Province, ("name",)),
        (Submission, ("suggestion", "complaint")),
        (FollowUpItem, ("action", "owner")),
        (Membership.user.field.related_model, ("username", "first_name", "last_name")),
    )
    for model, names in sources:
        for row in model.objects.values_list(*names):
            values.update(" ".join(str(v).split()) for v in row if v and len(str(v)) >= 3)
    return sorted(values, key=len, reverse=True)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parts += [value for name, value in attrs if name in ATTRIBUTES and value]
        kinds = dict(attrs)
        if tag == "input" and kinds.get("type") in ("submit", "button") and kinds.get("value"):
            self.parts.append(str(kinds["value"]))

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def page_text(html: str) -> str:
    """What a reader sees or hears of a page: its text, labels in attributes, and charts' JSON strings."""
    strings: list[str] = []

    def collect(value: Any) -> None:
        if isinstance(value, str):
            strings.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    for raw in JSON_SCRIPT.findall(html):
        collect(json.loads(unescape(raw)))
    parser = _Text()
    parser.feed(SKIP.sub(" ", JSON_SCRIPT.sub(" ", html)))
    return " ".join(" ".join([*parser.parts, *strings]).split())


def indonesian_in(text: str, data: list[str], instruments: set[str]) -> list[str]:
    """The Indonesian interface texts found in a page's text, once data is taken out."""
    for value in data:
        text = re.sub(rf"(?<!\w){re.escape(value)}(?!\w)", " ¤ ", text)
    found = [
        f"message “{p}”" for p in indonesian_phrases() if re.search(rf"(?<!\w){re.escape(p)}(?!\w)", text)
    ]
    found += [
        f"instrument text “{t}”" for t in instruments if re.search(rf"(?<!\w){re.escape(t)}(?!\w)", text)
    ]
    for match in WORDS.finditer(text):
        start, end = max(match.start() - 40, 0), match.end() + 40
        found.append(f"word “{match.group(0)}” in “…{text[start:end]}…”")
    return sorted(set(found))


def menu_links(html: str) -> list[str]:
    """The hrefs of the main menu, as the page shows them."""
    menu = re.search(r'<nav class="menu".*?</nav>', html, re.S)
    assert menu, "no main menu on the home page"
    return re.findall(r'<a href="([^"]+)"', menu.group(0))


@pytest.fixture
def surveyed(world: Any) -> Any:
    survey = open_survey(world)
    rng = random.Random(5)
    for _ in range(8):
        random_submission(survey.campaign, world.division, rng, service=survey.service)
    from sikap.followup import actions as followup

    period = survey.campaign.period
    followup.create_item(
        world.operator,
        world.division,
        period,
        element_code="U1",
        action="Antrean dirapikan",
        deadline=period.end,
    )
    return survey


def _english(client: Any) -> Any:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_no_page_of_any_role_shows_indonesian_in_english(client, world, surveyed, login):
    evaluator = make_user("evaluator.jabar", (world.kanwil, Membership.Role.EVALUATOR))
    division = world.division
    submission = Submission.objects.filter(unit=division).first()
    assert submission is not None
    below = [
        reverse("unit_index", args=[division.code]),
        reverse("dashboard_unit", args=[division.code]),
        reverse("dashboard_service", args=[division.code, surveyed.service.pk]),
        reverse("campaign_detail", args=[surveyed.campaign.pk]),
        reverse("operator:submission", args=[submission.pk]),
        reverse("followup:unit", args=[division.code]),
        reverse("publication:manage", args=[division.code]),
        reverse("publication:unit", args=[division.code]),
        reverse("unit_detail", args=[division.code]),
        reverse("report_unit", args=[division.code]),
        "/hasil/",
    ]
    instruments, data = instrument_texts(), data_texts()
    findings: list[str] = []
    for persona in PERSONAS:
        user = evaluator if persona == "evaluator" else getattr(world, persona)
        browser = _english(login(user))
        home = browser.get("/")
        assert home.status_code == 200
        pages = ["/", *menu_links(home.content.decode()), *below]
        assert len(pages) > 8
        for path in dict.fromkeys(pages):
            response = browser.get(path)
            assert response.status_code in (200, 403, 404), (persona, path, response.status_code)
            if response.status_code != 200:
                continue
            assert '<html lang="en">' in response.content.decode(), (persona, path)
            for text in indonesian_in(page_text(response.content.decode()), data, instruments):
                findings.append(f"{persona} {path}: {text}")
    assert not findings, "Indonesian left on English pages:\n" + "\n".join(findings)


def test_the_public_form_and_its_pages_have_no_indonesian_in_english(client, world, surveyed):
    browser = _english(client)
    link = surveyed.unit_link
    pages = {"form": browser.get(form_url(link))}
    # A form sent with a mistake comes back with its error summary.
    wrong = valid_form(surveyed)
    wrong.pop(next(k for k in wrong if k.startswith("SKM-")))
    pages["form with an error"] = browser.post(form_url(link), wrong)
    sent = browser.post(form_url(link), valid_form(surveyed), follow=True)
    assert sent.redirect_chain, "the form was not accepted"
    pages["thank-you"] = sent
    pages["unknown link"] = browser.get(reverse("public_form", args=["no-such-token"]))
    instruments, data = instrument_texts(), data_texts()
    findings = []
    for name, response in pages.items():
        html = response.content.decode()
        assert '<html lang="en">' in html, name
        findings += [f"{name}: {text}" for text in indonesian_in(page_text(html), data, instruments)]
    assert not findings, "Indonesian left on the English public pages:\n" + "\n".join(findings)
    assert "SKM-U1" in pages["form"].content.decode()


@pytest.mark.parametrize("kind", ["skm", "spkp-spak"])
def test_a_report_pdf_asked_for_in_english_has_no_indonesian(world, surveyed, login, kind):
    browser = _english(login(world.operator))
    period = surveyed.campaign.period
    response = browser.post(
        reverse("report_unit", args=[world.division.code]),
        {"kind": kind, "format": "pdf", "period": period.pk, "service": ""},
    )
    assert response["Content-Type"] == "application/pdf", response.content[:300]
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    findings = indonesian_in(text, data_texts(), instrument_texts())
    assert not findings, f"Indonesian left in the English {kind} report PDF:\n" + "\n".join(findings)
