"""The import page: check, summary, confirm; replace semantics; the unit column; access; hostile files."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sikap.instruments.models import Campaign
from sikap.internal.models import Headcount, Invitation, RosterContact, RosterEntry, RosterUpload
from sikap.internal.tests.helpers import ROWS, period, write_csv, write_xlsx

pytestmark = pytest.mark.django_db
URL = reverse("internal:roster_import")


@pytest.fixture
def semester(world):
    return period()


def upload(client, path_or_bytes, semester, unit=None, name="daftar.csv"):
    content = path_or_bytes if isinstance(path_or_bytes, bytes) else path_or_bytes.read_bytes()
    name = name if isinstance(path_or_bytes, bytes) else path_or_bytes.name
    data = {"period": semester.pk, "file": SimpleUploadedFile(name, content)}
    if unit is not None:
        data["unit"] = unit.pk
    return client.post(URL, data)


def check_and_confirm(client, path, semester, unit=None):
    before = RosterEntry.objects.count()
    response = upload(client, path, semester, unit)
    assert response.status_code == 302, response.content.decode()[:2000]
    summary = client.get(response["Location"])
    assert summary.status_code == 200
    assert RosterEntry.objects.count() == before  # nothing changes before the confirmation
    return summary, client.post(response["Location"], {"simpan": "1"})


def test_an_operator_checks_sees_a_summary_and_confirms_an_xlsx(tmp_path, world, semester, login):
    client = login(world.operator)
    summary, done = check_and_confirm(client, write_xlsx(tmp_path, ROWS), semester, world.division)
    html = summary.content.decode()
    assert "4 pegawai akan tersimpan" in html and "Pimpinan" in html and "Penyedia layanan" in html
    assert done.status_code == 302
    assert RosterEntry.objects.of(world.division, semester).count() == 4
    assert not RosterUpload.objects.exists()


def test_importing_again_replaces_the_units_roster_and_says_so_first(tmp_path, world, semester, login):
    client = login(world.operator)
    check_and_confirm(client, write_csv(tmp_path, ROWS), semester, world.division)
    summary, _done = check_and_confirm(
        client, write_csv(tmp_path, ROWS[:2], name="baru.csv"), semester, world.division
    )
    assert "akan DIGANTI seluruhnya" in summary.content.decode()
    assert RosterEntry.objects.of(world.division, semester).count() == 2
    assert RosterContact.objects.count() == 2
    assert Headcount.objects.get(unit=world.division, period=semester).roster == 2


def test_a_roster_with_invitations_is_not_replaced(tmp_path, world, semester, login):
    client = login(world.operator)
    check_and_confirm(client, write_csv(tmp_path, ROWS), semester, world.division)
    campaign = Campaign.objects.create(name="ILK", period=semester, audience="internal")
    Invitation.objects.create(campaign=campaign, entry=RosterEntry.objects.first(), token_hash="a" * 64)
    response = upload(client, write_csv(tmp_path, ROWS[:1], name="baru.csv"), semester, world.division)
    assert response.status_code == 200
    assert "sudah dipakai untuk mengirim undangan" in response.content.decode()
    assert RosterEntry.objects.count() == 4


def test_a_unit_column_spreads_a_file_over_units_in_reach_only(tmp_path, world, semester, login):
    header = ["unit", "perspektif"]
    client = login(world.kanwil_admin)
    rows = [
        [world.division.code, "pengguna"],
        [world.kanwil.code, "pimpinan"],
        [world.kanwil.code, "penyedia"],
    ]
    check_and_confirm(client, write_csv(tmp_path, rows, header), semester)
    assert RosterEntry.objects.of(world.kanwil, semester).count() == 2
    assert RosterEntry.objects.of(world.division, semester).count() == 1
    outside = write_csv(
        tmp_path, [[world.other_division.code, "pengguna"], ["tidak-ada", "pengguna"]], header, "luar.csv"
    )
    html = upload(client, outside, semester).content.decode()
    assert f"Unit “{world.other_division.code}” tidak dikenal atau di luar cakupan tulis Anda." in html
    assert "Unit “tidak-ada” tidak dikenal atau di luar cakupan tulis Anda." in html
    assert not RosterEntry.objects.filter(unit=world.other_division).exists()


def test_a_leader_may_not_import_and_another_users_upload_is_not_found(tmp_path, world, semester, login):
    assert login(world.leader).get(URL).status_code == 403
    client = login(world.operator)
    location = upload(client, write_csv(tmp_path, ROWS), semester, world.division)["Location"]
    assert login(world.kanwil_admin).post(location, {"simpan": "1"}).status_code == 404
    assert RosterEntry.objects.count() == 0


def test_cancelling_forgets_the_file(tmp_path, world, semester, login):
    client = login(world.operator)
    location = upload(client, write_csv(tmp_path, ROWS), semester, world.division)["Location"]
    client.post(location, {"batal": "1"})
    assert not RosterUpload.objects.exists() and not RosterEntry.objects.exists()


def binary_garbage():
    return bytes(range(256)) * 40


def zip_garbage():
    return b"PK\x03\x04" + b"\x00garbage" * 100


def million_rows():
    return b"perspektif\n" + b"pengguna\n" * 1_000_000


def huge_cell():
    return b"nama\n" + b"x" * 300_000 + b"\n"


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (binary_garbage(), "daftar.csv", "UTF-8"),
        (zip_garbage(), "daftar.xlsx", "tidak dapat dibaca"),
        (b"\xd0\xcf\x11\xe0 old excel", "daftar.xls", "bukan XLSX"),
        (million_rows(), "daftar.csv", "paling banyak 20.000"),
        (huge_cell(), "daftar.csv", "terlalu panjang"),
        (b"", "kosong.csv", "kosong"),
        (b"kolom_aneh\n1\n", "aneh.csv", "Tidak ada kolom yang dikenali"),
        (b'nama\n=HYPERLINK("http://x")\n', "rumus.csv", "rumus"),
    ],
)
def test_hostile_files_get_a_message_not_an_error_page(world, semester, login, content, name, message):
    response = upload(login(world.operator), content, semester, world.division, name=name)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html or message.replace(".", ",") in html, html[:3000]
    assert not RosterEntry.objects.exists()


def test_a_file_over_the_size_limit_is_refused(world, semester, login, settings):
    settings.SIKAP_MAX_UPLOAD_MB = {**settings.SIKAP_MAX_UPLOAD_MB, "import": 10}
    big = b"nama\n" + b"Ani\n" * (11 * 1024 * 1024 // 4)
    response = upload(login(world.operator), big, semester, world.division)
    assert "terlalu besar (11 MB); paling besar 10 MB" in response.content.decode()
