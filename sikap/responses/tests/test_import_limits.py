"""Issue 14: uploads are bounded. An import file is read as a stream; an XLSX file's declared dimension is
not trusted; zip bombs, too many rows or columns and files over the upload limit are refused with a
message, nothing stored."""

import io
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sikap.responses import importing
from sikap.responses.import_table import MAX_COLUMNS
from sikap.responses.models import Submission
from sikap.responses.tests.hostile_files import whole_sheet_dimension, xlsx, zip_bomb
from sikap.testing.factories import make_campaign

pytestmark = pytest.mark.django_db


class StreamOnly(io.BytesIO):
    """A file that refuses to be read whole: only chunks of at most 1 MB."""

    def read(self, size=-1):  # type: ignore[no-untyped-def]
        assert size is not None and 0 <= size <= 1024 * 1024, f"read({size}) reads the whole file"
        return super().read(size)

    def read1(self, size=-1):  # type: ignore[no-untyped-def]
        assert size is not None and 0 <= size <= 1024 * 1024, f"read1({size}) reads the whole file"
        return super().read1(size)


def test_a_csv_file_is_read_as_a_stream_not_whole():
    content = b"U1;U2\n" + b"4;3\n" * 300_000  # 1.2 MB
    table = importing.read_table("besar.csv", StreamOnly(content), max_rows=400_000)
    assert table.header == ["U1", "U2"]
    assert len(table.rows) == 300_000
    assert table.rows[-1] == (300_001, ["4", "3"])


def test_an_xlsx_declaring_the_whole_sheet_is_read_by_its_real_cells_quickly():
    content = whole_sheet_dimension([["U1", "U2", "U3"], [4, 3, 2], [1, 2, 3]])
    started = time.perf_counter()
    table = importing.read_table("jawaban.xlsx", content)
    assert time.perf_counter() - started < 5
    assert table.header == ["U1", "U2", "U3"]
    assert table.rows == [(2, [4, 3, 2]), (3, [1, 2, 3])]


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    content = zip_bomb(60)
    assert len(content) < 100_000
    with pytest.raises(importing.ImportFailed) as failed:
        importing.read_table("bom.xlsx", content)
    assert "membengkak menjadi 60 MB" in str(failed.value)


def test_a_file_with_too_many_columns_is_refused():
    header = [f"K{i}" for i in range(MAX_COLUMNS + 1)]
    for name, content in [
        ("lebar.csv", (",".join(header) + "\n" + ",".join("1" * len(header)) + "\n").encode()),
        ("lebar.xlsx", xlsx([header, [1] * len(header)])),
    ]:
        with pytest.raises(importing.ImportFailed, match="Terlalu banyak kolom"):
            importing.read_table(name, content)


def test_cells_right_of_the_header_are_left_out():
    table = importing.read_table("jawaban.xlsx", xlsx([["U1", "U2"], [4, 3, None, "x"]]))
    assert table.rows == [(2, [4, 3])]


def test_a_file_over_the_import_limit_is_refused_naming_it_and_the_limit(login, world, settings):
    settings.SIKAP_MAX_UPLOAD_MB = {**settings.SIKAP_MAX_UPLOAD_MB, "import": 0.5}
    campaign = make_campaign([world.division])
    upload = SimpleUploadedFile("jawaban.csv", b"U1\n" + b"4\n" * 400_000, content_type="text/csv")
    page = login(world.operator).post(
        reverse("operator:import"), {"unit": world.division.pk, "period": campaign.period.pk, "file": upload}
    )
    assert page.status_code == 200
    assert "Berkas jawaban.csv terlalu besar (0,8 MB); paling besar 0,5 MB." in page.content.decode()
    assert not Submission.objects.exists()


def test_a_zip_bomb_through_the_page_gets_a_message_and_stores_nothing(login, world):
    campaign = make_campaign([world.division])
    upload = SimpleUploadedFile("bom.xlsx", zip_bomb(60))
    page = login(world.operator).post(
        reverse("operator:import"), {"unit": world.division.pk, "period": campaign.period.pk, "file": upload}
    )
    assert page.status_code == 200
    assert "membengkak" in page.content.decode()
    assert not Submission.objects.exists()
