"""Property-based fuzzing of every way answers come in: the public form, paper entry and file import are
driven with arbitrary values (control characters, Unicode digits, huge numbers, very long text, extra,
missing and repeated keys, arbitrary bytes as a file) on whichever database the suite runs on.

Each example asserts: no 500; a thank-you page (or the paper form's redirect, or an import's summary)
for exactly each stored submission; nothing half-stored (no submission without responses, no response
without answers); the tallies equal to a rebuild. The test client re-raises a view's exception, so a 500
fails the example with its traceback.

Examples per test: `SIKAP_FUZZ_EXAMPLES` (default 25). The suite runs with the derandomized "ci"
profile (conftest.py), so a run is repeatable; `HYPOTHESIS_PROFILE=explore` draws new examples.
"""

from __future__ import annotations

import csv
import io
import os
import re
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Count
from django.urls import reverse
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from sikap.indices.tallies import rebuild
from sikap.indices.tests.helpers import tally_snapshot
from sikap.organisation.models import Period
from sikap.responses.models import Response, Submission
from sikap.responses.tests.public_fixtures import form_url, open_survey, thanks_url, valid_form
from sikap.testing.factories import make_campaign, make_service

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("SIKAP_FUZZ_EXAMPLES", "25"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Values that broke or nearly broke a path once, beside arbitrary text.
SPECIAL = [
    "",
    " ",
    "0",
    "-0",
    "--1",
    "4",
    " 4 ",
    "4.0",
    "1e9",
    "0x1",
    "²",
    "١",
    "３",
    "٣٤",
    "9" * 5000,
    "TT",
    "n/a",
    "\x00",
    "a\x00b",
    "\x1b[31m",
    "\r\n",
    "\t",
    "a" * 201,
    "a" * 4001,
    "Laki-laki",
    "pria",
    "S1",
    "2026-08-05",
    "31/12/2026",
    "=1+1",
]
# Any character HTTP can carry in UTF-8 (no lone surrogates), control characters included.
TEXT = st.text(st.characters(codec="utf-8"), max_size=40)
VALUES = st.one_of(st.sampled_from(SPECIAL), TEXT, st.integers(-3, 12).map(str))
EXTRA_KEYS = ["service_code", "complaint", "service", "start", "key", "kiosk", "SKM-U1-imp", "acak"]


def no_half_stored() -> None:
    assert not Submission.objects.annotate(n=Count("responses")).filter(n=0).exists()
    assert not Response.objects.annotate(n=Count("answers")).filter(n=0).exists()


def tallies_agree() -> None:
    before = tally_snapshot()
    rebuild()
    assert tally_snapshot() == before


def mutated(data, base: dict[str, str], names: list[str]) -> dict[str, object]:
    """The valid form with some inputs replaced by arbitrary values, some dropped, some sent twice."""
    posted: dict[str, object] = dict(base)
    posted.update(data.draw(st.dictionaries(st.sampled_from(names + EXTRA_KEYS), VALUES, max_size=5)))
    for name in data.draw(st.sets(st.sampled_from(names), max_size=3)):
        posted.pop(name, None)
    for name in data.draw(st.sets(st.sampled_from(names), max_size=1)):
        posted[name] = data.draw(st.lists(VALUES, min_size=2, max_size=3))
    return posted


@pytest.fixture
def survey(world):
    return open_survey(world)


@FUZZ
@given(data=st.data())
def test_the_public_form_never_fails_and_stores_once_per_thank_you_page(client, survey, data):
    base = valid_form(survey)
    posted = mutated(data, {**base, "key": str(uuid.uuid4())}, sorted(base))
    client.cookies.clear()  # a new device each time: the rate limit is not what is fuzzed here
    before = Submission.objects.count()
    reply = client.post(
        form_url(survey.unit_link), posted, REMOTE_ADDR=f"10.9.{before % 250}.{uuid.uuid4().int % 250}"
    )
    event(f"status {reply.status_code}")
    assert reply.status_code < 500
    thanked = reply.status_code == 302 and reply["Location"] == thanks_url(survey.unit_link)
    assert Submission.objects.count() - before == int(thanked)
    no_half_stored()
    if thanked:
        tallies_agree()


@pytest.fixture
def paper_entry(world):
    service = make_service(world.division, "Permohonan Merek", year=2026)
    campaign = make_campaign([world.division])
    url = reverse("operator:paper_entry", args=[campaign.pk, world.division.code])
    base = {
        "service": str(service.pk),
        "answered_on": "2026-08-14",
        "SKM-U1": "3",
        "SKM-U3": "4",
        "SPKP-K1": "6",
        "age": "41",
        "sex": "Laki-laki",
        "suggestion": "Ruang tunggu panas",
    }
    names = [*base, "SKM-U2", "SPAK-A1", "education", "occupation"]
    return url, base, names


@FUZZ
@given(data=st.data())
def test_paper_entry_never_fails_and_stores_once_per_saved_form(login, world, paper_entry, data):
    url, base, names = paper_entry
    posted = mutated(data, {**base, "key": str(uuid.uuid4())}, names)
    before = Submission.objects.count()
    reply = login(world.operator).post(url, posted)
    event(f"status {reply.status_code}")
    assert reply.status_code < 500
    saved = reply.status_code == 302
    assert Submission.objects.count() - before == int(saved)
    no_half_stored()
    if saved:
        tallies_agree()


# Columns an import knows, each with values it accepts; a fuzzed cell replaces one now and then.
COLUMNS = {
    "U1": st.sampled_from(["1", "2", "3", "4"]),
    "U2": st.integers(1, 4),
    "SPKP-K1": st.sampled_from(["1", "6", "TT", " 5 "]),
    "A5": st.sampled_from([2, 3.0, "4"]),
    "usia": st.integers(17, 80),
    "jenis_kelamin": st.sampled_from(["L", "P", "perempuan", "Male"]),
    "saran": st.text(st.characters(codec="utf-8", exclude_categories=["Cc"]), max_size=30),
    "tanggal": st.sampled_from(["2026-08-05", "05/09/2026", ""]),
}
HOSTILE = st.one_of(VALUES, st.integers(-(10**20), 10**20), st.floats(allow_nan=True), st.none())


@st.composite
def tables(draw):
    header = draw(st.lists(st.sampled_from(sorted(COLUMNS)), min_size=1, max_size=6, unique=True))
    if draw(st.booleans()) and draw(st.booleans()):
        header.append(draw(TEXT))  # an unknown or hostile header
    rows = []
    for _row in range(draw(st.integers(1, 4))):
        hostile = draw(st.sets(st.integers(0, len(header)), max_size=1))
        rows.append(
            [
                draw(HOSTILE) if i in hostile or name not in COLUMNS else draw(COLUMNS[name])
                for i, name in enumerate(header)
            ]
        )
    return [header, *rows]


def as_csv(table) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(table)
    return out.getvalue().encode()


def as_xlsx(table) -> bytes:
    book = Workbook()
    for row in table:
        # An XLSX cell cannot hold control characters: openpyxl refuses to write them.
        book.active.append([ILLEGAL_CHARACTERS_RE.sub("", c) if isinstance(c, str) else c for c in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


FILES = st.one_of(
    tables().map(lambda t: ("jawaban.csv", as_csv(t))),
    tables().map(lambda t: ("jawaban.xlsx", as_xlsx(t))),
    st.binary(max_size=300).map(lambda b: ("jawaban.csv", b)),
    st.binary(max_size=300).map(lambda b: ("jawaban.xlsx", b"PK\x03\x04" + b)),
)


@FUZZ
@given(file=FILES, name=st.one_of(st.just(""), TEXT))
def test_an_import_never_fails_and_stores_all_rows_or_none(login, world, file, name):
    make_campaign([world.division]) if not Period.objects.filter(name="2026 Semester II").exists() else None
    filename, content = file
    client = login(world.operator)
    before = Submission.objects.count()
    upload = SimpleUploadedFile(f"{name}{filename}", content)
    period = Period.objects.get(name="2026 Semester II")
    reply = client.post(
        reverse("operator:import"), {"unit": world.division.pk, "period": period.pk, "file": upload}
    )
    event(f"status {reply.status_code}")
    assert reply.status_code < 500
    stored = Submission.objects.count() - before
    if reply.status_code == 302:
        summary = client.get(reply["Location"]).content.decode()
        found = re.search(r"(\d+) baris tersimpan", summary)
        assert found, "an import that redirects says how many rows it stored"
        assert stored == int(found.group(1))
    else:
        assert stored == 0
    no_half_stored()
    if stored:
        tallies_agree()
