"""`sikap roster import`: real files in, entries and contacts stored whole or not at all, exit 2."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sikap.audit.models import AuditEvent
from sikap.internal.models import Headcount, RosterContact, RosterEntry
from sikap.internal.tests.helpers import ROWS, period, write_csv, write_xlsx

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("roster", "import", *map(str, args), stdout=out, stderr=err)
    except CommandError as error:
        return error.returncode, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


@pytest.fixture
def semester(world):
    return period()


@pytest.mark.parametrize("writer", [write_csv, write_xlsx])
def test_it_imports_a_good_file_with_its_attributes_and_contacts(tmp_path, world, semester, writer):
    code, out, err = run(writer(tmp_path, ROWS), "--unit", world.division.code, "--period", semester.name)
    assert (code, err) == (0, "")
    assert "4 pegawai tersimpan (3 dengan kontak)" in out
    entries = RosterEntry.objects.of(world.division, semester).order_by("pk")
    assert [e.attributes() for e in entries] == [
        {
            "perspektif": "pengguna",
            "jenis_jabatan": "fungsional",
            "jenis_kelamin": "P",
            "kelompok_usia": "30-39",
            "masa_kerja": "5-9",
        },
        {
            "perspektif": "pimpinan",
            "jenis_jabatan": "struktural",
            "jenis_kelamin": "L",
            "kelompok_usia": "50+",
            "masa_kerja": "20+",
        },
        {
            "perspektif": "penyedia",
            "jenis_jabatan": "pelaksana",
            "jenis_kelamin": "L",
            "kelompok_usia": "<30",
            "masa_kerja": "<5",
        },
        {
            "perspektif": "penyedia",
            "jenis_jabatan": "pppk",
            "jenis_kelamin": "P",
            "kelompok_usia": "40-49",
            "masa_kerja": "10-19",
        },
    ]
    assert RosterContact.objects.get(entry=entries[0]).email == "ani@example.go.id"
    assert RosterContact.objects.get(entry=entries[1]).phone == "+62 812 1111 2222"
    assert not RosterContact.objects.filter(entry=entries[2]).exists()
    assert Headcount.objects.get(unit=world.division, period=semester).value == 4
    assert AuditEvent.objects.filter(action="internal.roster_import").count() == 1


def test_every_bad_cell_is_listed_with_row_and_column_and_nothing_is_stored(tmp_path, world, semester):
    rows = [
        ["Ani", "bukan-surel", "12", "guru", "user", "X", "200", "sepuluh"],
        ["=cmd|' /C calc'!A0", "", "", "", "", "", "", ""],
        *ROWS,
    ]
    code, _out, err = run(write_csv(tmp_path, rows), "--unit", world.division.code, "--period", semester.name)
    assert code == 2
    lines = err.splitlines()
    assert any(line.startswith("Baris 2, kolom email:") for line in lines)
    assert any(line.startswith("Baris 2, kolom telepon:") for line in lines)
    assert any(line.startswith("Baris 2, kolom jenis_jabatan:") for line in lines)
    assert any(line.startswith("Baris 2, kolom jenis_kelamin:") for line in lines)
    assert any(line.startswith("Baris 2, kolom kelompok_usia:") for line in lines)
    assert any(line.startswith("Baris 2, kolom masa_kerja:") for line in lines)
    assert any(line.startswith("Baris 3, kolom nama:") for line in lines)
    assert not any("perspektif" in line for line in lines)
    assert RosterEntry.objects.count() == 0 and not Headcount.objects.exists()


def test_english_columns_and_words_are_read(tmp_path, world, semester):
    header = ["Name", "E-mail", "Phone", "Job type", "Perspective", "Sex", "Age band", "Years of service"]
    rows = [["Ann", "ann@example.org", "081234567890", "functional", "leader", "female", "30-39", 12]]
    code, _out, err = run(
        write_xlsx(tmp_path, rows, header), "--unit", world.division.code, "--period", semester.name
    )
    assert (code, err) == (0, "")
    entry = RosterEntry.objects.get()
    assert (entry.job_type, entry.perspective, entry.sex, entry.service_band) == (
        "fungsional",
        "pimpinan",
        "P",
        "10-19",
    )
