"""The roster list and a unit's roster page: who sees what, contacts only for the unit's admins."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sikap.internal.actions import replace_rosters
from sikap.internal.importing import read_roster
from sikap.internal.tests.helpers import ROWS, period, write_csv
from sikap.testing.factories import make_unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def semester(world, tmp_path):
    semester = period()
    path = write_csv(tmp_path, ROWS)
    replace_rosters(None, read_roster(None, semester, path.name, path.read_bytes(), unit=world.division))
    return semester


def unit_page(world, semester):
    return reverse("internal:roster_unit", args=[world.division.code, semester.pk])


@pytest.mark.parametrize("persona", ["admin", "kanwil_admin", "operator"])
def test_the_units_admins_and_operator_see_names_and_contacts(world, semester, login, persona):
    html = login(getattr(world, persona)).get(unit_page(world, semester)).content.decode()
    assert "Ani Lestari" in html and "ani@example.go.id" in html and "+62 812 1111 2222" in html


def test_a_leader_sees_the_attributes_but_no_contact(world, semester, login):
    response = login(world.leader).get(unit_page(world, semester))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Pimpinan" in html and "Fungsional" in html
    assert "Ani Lestari" not in html and "ani@example.go.id" not in html and "0812" not in html
    assert "Koreksi jumlah pegawai" not in html


def test_an_outsider_gets_404(world, semester, login):
    assert login(world.outsider).get(unit_page(world, semester)).status_code == 404


def test_the_page_counts_entries_without_email_or_any_contact(world, semester, login):
    html = login(world.operator).get(unit_page(world, semester)).content.decode()
    assert "<dt>Tanpa surel (akan menerima slip kode cetak)</dt><dd>2</dd>" in html
    assert "<dt>Tanpa kontak apa pun</dt><dd>1</dd>" in html


def test_the_list_shows_each_unit_in_reach_with_its_roster_and_headcount(world, semester, login):
    html = (
        login(world.kanwil_admin).get(reverse("internal:rosters"), {"periode": semester.pk}).content.decode()
    )
    assert world.division.name in html and world.other_division.name not in html
    assert '<td class="num">4</td>' in html


def test_the_list_reads_in_the_same_number_of_queries_for_more_units(world, semester, login):
    client = login(world.admin)
    url = reverse("internal:rosters")
    client.get(url, {"periode": semester.pk})
    with CaptureQueriesContext(connection) as few:
        client.get(url, {"periode": semester.pk})
    for n in range(5):
        make_unit(f"upt-{n}", parent=world.kanwil)
    with CaptureQueriesContext(connection) as more:
        client.get(url, {"periode": semester.pk})
    assert len(more) == len(few)


def test_the_template_has_the_columns_and_a_sheet_of_accepted_values(world, login):
    from io import BytesIO

    from openpyxl import load_workbook

    response = login(world.operator).get(reverse("internal:roster_template"))
    book = load_workbook(BytesIO(response.content))
    first, codes = book.worksheets
    header = [c.value for c in first[1]]
    assert header[:8] == [
        "nama",
        "email",
        "telepon",
        "jenis_jabatan",
        "perspektif",
        "jenis_kelamin",
        "kelompok_usia",
        "masa_kerja",
    ]
    accepted = {row[0]: row[1] for row in codes.iter_rows(min_row=2, values_only=True)}
    assert "pppk" in accepted["jenis_jabatan"] and "50+" in accepted["kelompok_usia"]


def test_the_section_is_reachable_from_the_homes_menu(world, login):
    for persona in ("admin", "kanwil_admin", "operator"):
        html = login(getattr(world, persona)).get(reverse("workspace:home")).content.decode()
        assert reverse("workspace:internal") in html and reverse("internal:rosters") in html
    home = login(world.leader).get(reverse("workspace:home")).content.decode()
    assert reverse("internal:roster_import") not in home


def test_the_page_and_the_errors_read_in_english(world, semester, login, settings, tmp_path):
    client = login(world.operator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(unit_page(world, semester)).content.decode()
    assert "Without e-mail (will get a printed code slip)" in html and "Service provider" in html
    path = write_csv(tmp_path, [["Ani", "x@", "", "", "", "", "", ""]], name="en.csv")
    with path.open("rb") as file:
        posted = client.post(
            reverse("internal:roster_import"),
            {"period": semester.pk, "unit": world.division.pk, "file": file},
        )
    assert "The e-mail address “x@” is not valid." in posted.content.decode()
