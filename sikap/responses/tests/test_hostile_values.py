"""Hostile values in the public form, paper entry and import: a clear message naming the input, never a
500, nothing stored (issue 14's findings, one test each)."""

import io
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from sikap.responses.models import Answer, Response, Submission
from sikap.responses.tests.public_fixtures import form_url, open_survey, valid_form
from sikap.testing.factories import make_campaign, make_service

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("operator:import")
# Unicode digits Python's str.isdigit() accepts: superscript two, Arabic-Indic one, fullwidth three.
UNICODE_DIGITS = ["²", "١", "３"]


@pytest.fixture
def survey(world):
    return open_survey(world)


def nothing_stored() -> bool:
    return not (Submission.objects.exists() or Response.objects.exists() or Answer.objects.exists())


def public_post(client, survey, **changes):
    data = valid_form(survey)
    data.update(changes)
    return client.post(form_url(survey.unit_link), data)


@pytest.mark.parametrize("digit", UNICODE_DIGITS)
def test_a_unicode_digit_in_a_score_is_refused_naming_the_element(client, survey, digit):
    reply = public_post(client, survey, **{"SKM-U1": digit})
    assert reply.status_code == 200
    assert "bukan angka bulat" in reply.content.decode()
    assert nothing_stored()


@pytest.mark.parametrize("digit", [*UNICODE_DIGITS, "3²", "--4", "9" * 5000, "1e9", "0x1"])
def test_a_unicode_digit_or_a_huge_number_in_the_age_is_refused(client, survey, digit):
    reply = public_post(client, survey, age=digit)
    assert reply.status_code == 200
    assert "Harus berupa angka bulat" in reply.content.decode()
    assert nothing_stored()


def test_spaces_around_the_age_are_no_error(client, survey):
    assert public_post(client, survey, age=" 34 ").status_code == 302
    assert Submission.objects.get().age == 34


@pytest.mark.parametrize("text", ["Antrean\x00panjang", "Antrean\x07", "bel\x1b[31m"])
def test_a_nul_or_control_character_in_free_text_is_refused_naming_the_field(client, survey, text):
    reply = public_post(client, survey, suggestion=text)
    assert reply.status_code == 200
    assert "karakter kendali" in reply.content.decode()
    assert nothing_stored()


def test_line_breaks_and_tabs_stay_allowed_in_long_text(client, survey):
    assert public_post(client, survey, suggestion="Baris satu\r\nBaris dua\tdengan tab").status_code == 302
    assert Submission.objects.get().suggestion == "Baris satu\r\nBaris dua\tdengan tab"


@pytest.mark.parametrize("code", ["AB\x00CDEFG", "\x00", "ABCD\x01EFG"])
def test_a_nul_in_the_service_code_is_refused_with_the_codes_message(client, survey, code):
    reply = public_post(client, survey, service_code=code)
    assert reply.status_code == 200
    assert "Kode layanan tidak dikenal" in reply.content.decode()
    assert nothing_stored()


@pytest.mark.parametrize(
    "content_type",
    [
        "application/x-www-form-urlencoded; charset=latin-1",
        "application/x-www-form-urlencoded; charset=rot13",
        "application/x-www-form-urlencoded; charset=base64",
        "application/x-www-form-urlencoded; charset=utf-16",
        "application/x-www-form-urlencoded; charset=unicode_escape",
        "application/x-www-form-urlencoded; charset=tak-dikenal",
    ],
)
def test_a_form_posted_in_another_charset_gets_a_400_page_that_says_so(client, survey, content_type):
    from urllib.parse import urlencode

    body = urlencode(valid_form(survey)).encode()
    # generic() sends the bytes as they are (post() would re-encode them in the declared charset).
    reply = client.generic("POST", form_url(survey.unit_link), body, content_type=content_type)
    assert reply.status_code == 400
    assert "UTF-8" in reply.content.decode()
    assert nothing_stored()


def test_an_undecodable_form_body_gets_a_400_page(client, survey):
    from urllib.parse import urlencode

    body = urlencode(valid_form(survey)).encode() + b"&suggestion=%FF%FE%C0"
    reply = client.generic(
        "POST", form_url(survey.unit_link), body, content_type="application/x-www-form-urlencoded"
    )
    assert reply.status_code == 400
    assert "UTF-8" in reply.content.decode()
    assert nothing_stored()


# Paper entry ----------------------------------------------------------------------------------------


def paper(login, world, **changes):
    service = make_service(world.division, "Permohonan Merek", year=2026)
    campaign = make_campaign([world.division])
    data = {
        "key": str(uuid.uuid4()),
        "service": service.pk,
        "answered_on": "2026-08-14",
        "SKM-U1": "3",
        "SKM-U3": "4",
        "sex": "Laki-laki",
        "suggestion": "Ruang tunggu panas",
        **changes,
    }
    url = reverse("operator:paper_entry", args=[campaign.pk, world.division.code])
    return login(world.operator).post(url, data)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"SKM-U1": "²"}, "bukan angka bulat"),
        ({"SKM-U1": "--3"}, "bukan angka bulat"),
        ({"age": "٣٤"}, "Harus berupa angka bulat"),
        ({"suggestion": "panas\x00"}, "karakter kendali"),
        ({"SKM-U3": "１"}, "bukan angka bulat"),
    ],
)
def test_paper_entry_refuses_hostile_values_with_their_message(login, world, changes, message):
    reply = paper(login, world, **changes)
    assert reply.status_code == 200
    assert message in reply.content.decode()
    assert nothing_stored()


# Import ---------------------------------------------------------------------------------------------


def import_post(client, world, content, name="jawaban.csv"):
    make_campaign([world.division])
    from sikap.organisation.models import Period

    upload = SimpleUploadedFile(name, content)
    period = Period.objects.get(name="2026 Semester II")
    return client.post(IMPORT_URL, {"unit": world.division.pk, "period": period.pk, "file": upload})


def xlsx(rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        (["2026-08-05", "²", "3", "34", ""], "U1", "bukan angka bulat"),
        (["2026-08-05", "4", "3", "３４", ""], "usia", "Harus berupa angka bulat"),
        (["2026-08-05", "4", "3", "9" * 5000, ""], "usia", "Harus berupa angka bulat"),
        (["2026-08-05", "4", "3", "34", "x\x00y"], "saran", "karakter kendali"),
    ],
)
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_an_import_names_the_row_and_column_of_a_hostile_value(login, world, row, column, message, kind):
    header = ["tanggal", "U1", "U2", "usia", "saran"]
    if kind == "csv":
        content, name = ("\n".join(",".join(r) for r in [header, row]) + "\n").encode(), "jawaban.csv"
    else:
        if "\x00" in row[-1]:
            pytest.skip("an XLSX cell cannot hold a NUL (openpyxl refuses to write one)")
        content, name = xlsx([header, row]), "jawaban.xlsx"
    reply = import_post(login(world.operator), world, content, name)
    assert reply.status_code == 200
    problems = [(p.row, p.column) for p in reply.context["failed"].problems]
    assert problems == [(2, column)]
    assert message in reply.content.decode()
    assert nothing_stored()


def test_a_csv_cell_over_the_csv_modules_limit_is_a_message(login, world):
    content = b"tanggal,U1,saran\n2026-08-05,4," + b"a" * 131_073 + b"\n"
    reply = import_post(login(world.operator), world, content)
    assert reply.status_code == 200
    assert reply.context["failed"].problems
    assert nothing_stored()


def test_a_csv_that_is_not_utf8_is_a_message(login, world):
    content = "tanggal,U1,saran\n2026-08-05,4,Pelayanan sangat memuaskan é\n".encode("cp1252")
    reply = import_post(login(world.operator), world, content)
    assert reply.status_code == 200
    assert "UTF-8" in reply.content.decode()
    assert nothing_stored()


def test_a_nul_in_the_uploaded_file_name_is_no_500(login, world):
    reply = import_post(login(world.operator), world, b"tanggal,U1\n2026-08-05,4\n", name="jaw\x00aban.csv")
    assert reply.status_code in (200, 302)
    assert Submission.objects.count() in (0, 1)


def test_the_400_page_and_the_field_message_are_in_english_for_an_english_reader(client, survey):
    from urllib.parse import urlencode

    body = urlencode(valid_form(survey)).encode()
    url = form_url(survey.unit_link)
    page = client.generic(
        "POST",
        url,
        body,
        content_type="application/x-www-form-urlencoded; charset=latin-1",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert page.status_code == 400
    assert "was not sent in UTF-8 encoding" in page.content.decode()
    data = {**valid_form(survey), "suggestion": "a\x00b"}
    reply = client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")
    assert "Contains a control character" in reply.content.decode()
