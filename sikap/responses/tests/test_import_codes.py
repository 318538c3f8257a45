"""Profile values written as units code their paper forms: the annex's codes and words, any case."""

import io

import pytest
from openpyxl import Workbook

from sikap.instruments.models import Field, InstrumentVersion
from sikap.responses import importing
from sikap.responses.models import Submission
from sikap.responses.validation import clean_field
from sikap.testing.factories import make_campaign

pytestmark = pytest.mark.django_db


def xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def target(world):
    campaign = make_campaign([world.division], codes=("SKM",))
    return importing.resolve_target(world.division, campaign.period)


def skm_field(code: str) -> Field:
    version = InstrumentVersion.objects.published().filter(instrument__code="SKM").order_by("-number").first()
    return version.fields.get(code=code)


def test_an_xlsx_with_the_annex_codes_in_any_case_is_imported(world, target):
    header = ["tanggal", "U1", "U2", "jenis_kelamin", "pendidikan", "pekerjaan"]
    rows = [
        ["2026-08-03", 4, 3, "L", "S1", "SWASTA"],
        ["2026-08-04", 3, 3, "p", "sd", "pns"],
        ["2026-08-05", 4, 4, "Pria", "d3", "wiraswasta"],
        ["2026-08-06", 4, 4, "WANITA", "S3", "Lainnya"],
        ["2026-08-07", 2, 3, "Male", "SMA", "tni"],
    ]
    result = importing.import_file(world.operator, target, "kode.xlsx", xlsx([header, *rows]))
    assert result.stored == 5
    stored = list(Submission.objects.order_by("answered_on").values_list("sex", "education", "occupation"))
    assert stored == [
        ("Laki-laki", "D4/S1", "Swasta"),
        ("Perempuan", "SD", "PNS"),
        ("Laki-laki", "D1-D3", "Wirausaha"),
        ("Perempuan", "S3", "Lainnya"),
        ("Laki-laki", "SMA", "TNI"),
    ]


def test_an_unknown_code_is_an_error_at_its_row_and_column_naming_the_allowed_values(world, target):
    content = xlsx([["tanggal", "U1", "pendidikan"], ["2026-08-03", 4, "S1"], ["2026-08-04", 4, "S9"]])
    with pytest.raises(importing.ImportFailed) as failed:
        importing.import_file(world.operator, target, "kode.xlsx", content)
    [problem] = failed.value.problems
    assert (problem.row, problem.column) == (3, "pendidikan")
    assert "S9" in problem.message
    assert "SD, SMP, SMA, D1-D3, D4/S1, S2, S3" in problem.message
    assert not Submission.objects.exists()


def test_paper_entry_and_imports_read_synonyms_through_the_same_rule(world):
    sex = skm_field("sex")
    assert clean_field("  l ", sex) == ("Laki-laki", None)
    assert clean_field("Laki  Laki", sex) == ("Laki-laki", None)
    assert clean_field("Female", sex) == ("Perempuan", None)
    value, error = clean_field("X", sex)
    assert value is None and "Laki-laki, Perempuan" in error


def test_a_synonym_pointing_to_no_option_is_ignored_when_reading(world):
    sex = skm_field("sex")
    sex.synonyms = {"Z": "Tidak ada"}
    assert clean_field("Z", sex)[0] is None
