"""Roster files with hostile cells: a control character in a name, a NUL in the unit column, years in
Unicode digits or with a huge exponent are named by row and column, nothing stored, never a 500."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sikap.internal.models import RosterEntry, RosterUpload
from sikap.internal.tests.helpers import HEADER, ROWS, period, write_csv

pytestmark = pytest.mark.django_db
URL = reverse("internal:roster_import")


def upload(client, content, semester, unit=None):
    data = {"period": semester.pk, "file": SimpleUploadedFile("daftar.csv", content)}
    if unit is not None:
        data["unit"] = unit.pk
    return client.post(URL, data)


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        (0, "Ani\x00Lestari", "karakter kendali"),
        (2, "0812\x1b3456", "karakter kendali"),
        (7, "1e999999999", "tidak dikenali"),
        (7, "٧", "tidak dikenali"),
        (6, "²", "tidak dikenali"),
    ],
)
def test_a_hostile_cell_is_named_and_nothing_is_stored(tmp_path, world, login, column, value, message):
    row = list(ROWS[0])
    row[column] = value
    content = write_csv(tmp_path, [row, ROWS[1]]).read_bytes()
    reply = upload(login(world.operator), content, period(), world.division)
    assert reply.status_code == 200
    problems = [(p.row, p.column) for p in reply.context["failed"].problems]
    assert problems == [(2, HEADER[column])]
    assert message in reply.content.decode()
    assert not RosterEntry.objects.exists() and not RosterUpload.objects.exists()


def test_a_nul_in_the_unit_column_names_no_unit(tmp_path, world, login):
    content = write_csv(tmp_path, [["kanwil-jabar\x00-ki", *ROWS[0]]], header=["unit", *HEADER]).read_bytes()
    reply = upload(login(world.operator), content, period())
    assert reply.status_code == 200
    assert "tidak dikenal atau di luar cakupan" in reply.content.decode()
    assert not RosterEntry.objects.exists()
