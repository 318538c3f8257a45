import pytest

from sikap.audit.models import AuditEvent
from sikap.responses import importing
from sikap.responses.models import Answer, Response, Submission
from sikap.testing.factories import make_campaign, make_service

pytestmark = pytest.mark.django_db

HEADER = "tanggal,layanan,U1,U2,U3,U4,U5,U6,U7,U8,U9,usia,jenis_kelamin,saran"


def good_row(day: int = 5) -> str:
    return f"2026-08-{day:02d},Permohonan Merek,3,4,3,4,3,3,4,2,3,35,Perempuan,Lebih cepat lagi"


@pytest.fixture
def campaign(world):
    make_service(world.division, "Permohonan Merek")
    return make_campaign([world.division])


def run(world, campaign, text, name="jawaban.csv", **options):
    target = importing.resolve_target(world.division, campaign.period, **options)
    return importing.import_file(world.operator, target, name, text.encode())


def test_every_row_is_stored_with_the_import_channel_and_the_user(world, campaign):
    result = run(world, campaign, "\n".join([HEADER, good_row(5), good_row(6), good_row(7)]))
    assert (result.stored, result.skipped, result.warnings) == (3, 0, [])
    submissions = Submission.objects.all()
    assert {s.channel for s in submissions} == {Submission.Channel.IMPORT}
    assert {s.entered_by for s in submissions} == {world.operator}
    first = Submission.objects.get(answered_on="2026-08-05")
    assert (first.service.name, first.age, first.sex, first.suggestion) == (
        "Permohonan Merek",
        35,
        "Perempuan",
        "Lebih cepat lagi",
    )
    assert Response.objects.filter(submission=first).get().version.instrument.code == "SKM"
    assert Answer.objects.filter(response__submission=first).count() == 9
    assert AuditEvent.objects.get(action="responses.import_file").after["stored"] == 3
    assert AuditEvent.objects.filter(action="submission.import").count() == 3


def test_one_bad_cell_among_many_good_rows_stores_nothing_and_names_row_and_column(world, campaign):
    rows = [good_row(1 + i % 28) for i in range(40)]
    rows[9] = rows[9].replace(",3,4,3,4,", ",3,4,7,4,", 1)  # U3 = 7 on spreadsheet row 11
    rows[30] = rows[30].replace(",35,", ",abc,")  # age on row 32
    with pytest.raises(importing.ImportFailed) as failed:
        run(world, campaign, "\n".join([HEADER, *rows]))
    found = {(p.row, p.column) for p in failed.value.problems}
    assert found == {(11, "U3"), (32, "usia")}
    assert not Submission.objects.exists()


def test_every_bad_cell_is_listed(world, campaign):
    bad = "2026-13-01,Layanan Fiktif,5,0,x,4,3,3,4,2,3,7,X,"  # "Pria" is now a synonym of Laki-laki
    with pytest.raises(importing.ImportFailed) as failed:
        run(world, campaign, "\n".join([HEADER, good_row(), bad]))
    columns = sorted(p.column for p in failed.value.problems if p.row == 3)
    assert columns == sorted(["tanggal", "layanan", "U1", "U2", "U3", "usia", "jenis_kelamin"])
    assert "Baris 3, kolom U1: Nilai 5 di luar skala 1-4." in [str(p) for p in failed.value.problems]


def test_an_unknown_column_is_a_warning_not_an_error(world, campaign):
    result = run(world, campaign, "\n".join([HEADER + ",nomor_antrian", good_row() + ",A-017"]))
    assert result.stored == 1
    assert result.warnings == ["Kolom nomor_antrian tidak dikenal; diabaikan."]


def test_a_semicolon_csv_with_a_bom_is_read(world, campaign):
    text = "\ufeff" + "\n".join([HEADER.replace(",", ";"), good_row().replace(",", ";")])
    assert run(world, campaign, text).stored == 1
    assert Submission.objects.get().suggestion == "Lebih cepat lagi"


def test_a_comma_inside_quoted_free_text_stays_in_the_text(world, campaign):
    line = '2026-08-05,Permohonan Merek,3,4,3,4,3,3,4,2,3,35,Perempuan,"Cepat, ramah, rapi"'
    run(world, campaign, "\n".join([HEADER, line]))
    assert Submission.objects.get().suggestion == "Cepat, ramah, rapi"


def test_importing_the_same_file_again_stores_nothing_new(world, campaign):
    text = "\n".join([HEADER, good_row(5), good_row(6)])
    run(world, campaign, text)
    again = run(world, campaign, text)
    assert (again.stored, again.skipped) == (0, 2)
    assert Submission.objects.count() == 2


def test_day_first_dates_and_blank_cells_are_accepted(world, campaign):
    text = "tanggal,U1,U2,K1\n14/08/2026,4,,\n"
    run(world, campaign, text)
    submission = Submission.objects.get()
    assert str(submission.answered_on) == "2026-08-14"
    assert Answer.objects.filter(response__submission=submission).count() == 1


def test_the_instruments_default_to_those_with_columns_in_the_header(world, campaign):
    run(world, campaign, "tanggal,U1,K1,K2\n2026-08-05,4,5,6\n")
    codes = sorted(Response.objects.values_list("version__instrument__code", flat=True))
    assert codes == ["SKM", "SPKP"]


def test_a_chosen_instrument_leaves_the_others_columns_out_with_a_warning(world, campaign):
    result = run(world, campaign, "tanggal,U1,K1\n2026-08-05,4,5\n", instrument_codes=["SKM"])
    assert result.warnings == ["Kolom K1 milik instrumen SPKP yang tidak diimpor; diabaikan."]
    assert list(Response.objects.values_list("version__instrument__code", flat=True)) == ["SKM"]


def test_an_unknown_instrument_or_service_option_is_refused(world, campaign):
    with pytest.raises(importing.ImportFailed) as failed:
        importing.resolve_target(
            world.division, campaign.period, instrument_codes=["IKD"], service_name="Tidak Ada"
        )
    assert len(failed.value.problems) == 2


def test_a_default_service_fills_rows_without_one(world, campaign):
    run(world, campaign, "tanggal,U1\n2026-08-05,4\n", service_name="permohonan merek")
    assert Submission.objects.get().service.name == "Permohonan Merek"


def test_a_file_without_element_columns_is_refused(world, campaign):
    with pytest.raises(importing.ImportFailed) as failed:
        run(world, campaign, "tanggal,nama\n2026-08-05,Budi\n")
    assert "U1..U9" in str(failed.value.problems[0])


def test_a_row_with_no_answer_at_all_is_an_error(world, campaign):
    with pytest.raises(importing.ImportFailed) as failed:
        run(world, campaign, "tanggal,U1,saran\n2026-08-05,,hanya saran\n")
    assert [(p.row, p.message) for p in failed.value.problems] == [
        (2, "Tidak ada satu pun unsur yang dijawab.")
    ]


def test_a_file_that_is_not_utf8_is_refused(world, campaign):
    target = importing.resolve_target(world.division, campaign.period)
    with pytest.raises(importing.ImportFailed) as failed:
        importing.import_file(
            world.operator, target, "x.csv", "tanggal,U1,saran\n2026-08-05,4,Café\n".encode("cp1252")
        )
    assert "UTF-8" in str(failed.value.problems[0])
