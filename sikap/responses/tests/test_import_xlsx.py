import datetime
import io

import pytest
from openpyxl import Workbook

from sikap.responses import importing
from sikap.responses.models import Answer, Submission
from sikap.testing.factories import make_campaign

pytestmark = pytest.mark.django_db


def xlsx(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.create_sheet("Catatan").append(["lembar kedua diabaikan"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def target(world):
    campaign = make_campaign([world.division])
    return importing.resolve_target(world.division, campaign.period)


def test_an_xlsx_file_is_imported_from_its_first_sheet(world, target):
    content = xlsx(
        [
            ["Tanggal", "K1", "K2", "K3", "A1", "A5", "Usia", "Pendidikan", "Pengaduan"],
            [datetime.datetime(2026, 9, 1), 6, 5, 4, 6, 6, 28, "D4/S1", None],
            ["02/09/2026", 5.0, None, 3, 6, 5, 51.0, "sma", "Calo di depan kantor"],
            [None, None, None, None, None, None, None, None, None],  # a blank row is skipped
        ]
    )
    result = importing.import_file(world.operator, target, "jawaban.xlsx", content)
    assert result.stored == 2
    second = Submission.objects.get(answered_on=datetime.date(2026, 9, 2))
    assert (second.age, second.education, second.complaint) == (51, "SMA", "Calo di depan kantor")
    assert Answer.objects.filter(response__submission=second).count() == 4
    versions = set(Answer.objects.values_list("response__version__instrument__code", flat=True))
    assert versions == {"SPKP", "SPAK"}


def test_a_bad_xlsx_cell_is_reported_with_its_spreadsheet_row(world, target):
    rows = [["tanggal", "U1", "U2"]] + [[datetime.date(2026, 8, 3), 4, 3] for _ in range(20)]
    rows[15][2] = 4.5
    with pytest.raises(importing.ImportFailed) as failed:
        importing.import_file(world.operator, target, "jawaban.xlsx", xlsx(rows))
    assert [(p.row, p.column) for p in failed.value.problems] == [(16, "U2")]
    assert not Submission.objects.exists()


def test_a_damaged_xlsx_file_is_refused(world, target):
    with pytest.raises(importing.ImportFailed) as failed:
        importing.import_file(world.operator, target, "rusak.xlsx", b"PK\x03\x04bukan zip")
    assert "XLSX" in str(failed.value.problems[0])
