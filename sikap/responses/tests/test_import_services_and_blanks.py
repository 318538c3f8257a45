"""The service column read against the unit's catalogue, and blank elements counted in the summary."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from sikap.responses import importing
from sikap.responses.models import Submission
from sikap.testing.factories import make_campaign, make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(world):
    make_service(world.division, "Permohonan Merek")
    make_service(world.division, "Konsultasi KI")
    make_service(world.division, "Layanan Lama", year=2025)
    make_service(world.other_division, "Hak Cipta")
    return make_campaign([world.division, world.other_division], codes=("SKM",))


def run(world, campaign, text):
    target = importing.resolve_target(world.division, campaign.period)
    return importing.import_file(world.operator, target, "jawaban.csv", text.encode())


def test_the_service_is_matched_by_name_ignoring_case(world, campaign):
    run(world, campaign, "tanggal,layanan,U1\n2026-08-03,  PERMOHONAN   merek ,4\n")
    assert Submission.objects.get().service.name == "Permohonan Merek"


def test_an_unknown_service_name_is_an_error_listing_the_units_services_of_the_year(world, campaign):
    rows = ["tanggal,layanan,U1", "2026-08-03,Permohonan Merek,4", "2026-08-04,Hak Cipta,4"]
    text = "\n".join([*rows, "2026-08-05,Layanan Lama,3"])
    with pytest.raises(importing.ImportFailed) as failed:
        run(world, campaign, text)
    problems = failed.value.problems
    assert [(p.row, p.column) for p in problems] == [(3, "layanan"), (4, "layanan")]
    assert "“Hak Cipta”" in problems[0].message
    assert "Konsultasi KI, Permohonan Merek" in problems[0].message
    assert "Layanan Lama," not in problems[0].message and "Layanan Lama." not in problems[0].message
    assert not Submission.objects.exists()


def test_the_summary_counts_per_element_the_rows_that_left_it_blank(world, campaign):
    header = "tanggal,U1,U2,U3,U4,U5,U6,U7,U8,U9"
    rows = [
        "2026-08-03,4,4,,4,4,4,4,4,4",
        "2026-08-04,4,,,4,4,4,4,4,4",
        "2026-08-05,4,4,4,4,4,4,4,4,4",
    ]
    result = run(world, campaign, "\n".join([header, *rows]))
    assert result.blanks == [("U2", 1), ("U3", 2)]


def test_an_element_without_a_column_is_blank_in_every_row(world, campaign):
    result = run(world, campaign, "tanggal,U1,U2,U3,U4,U5,U6,U7,U8\n2026-08-03,4,4,4,4,4,4,4,4\n")
    assert result.blanks == [("SKM-U9", 1)]


def test_not_applicable_is_not_counted_as_blank(world, campaign):
    from sikap.instruments.models import Element

    Element.objects.filter(version__instrument__code="SKM", code="U8").update(allow_na=True)
    result = run(world, campaign, "tanggal,U1,U2,U3,U4,U5,U6,U7,U8,U9\n2026-08-03,4,4,4,4,4,4,4,TT,4\n")
    assert result.blanks == []


def test_the_import_page_and_the_command_report_the_blanks(login, world, campaign, tmp_path, capsys):
    content = b"tanggal,U1,U2,U3,U4,U5,U6,U7,U8,U9\n2026-08-03,4,,4,4,4,4,4,4,4\n"
    client = login(world.operator)
    upload = SimpleUploadedFile("jawaban.csv", content, content_type="text/csv")
    data = {"unit": world.division.pk, "period": campaign.period.pk, "file": upload}
    client.post(reverse("operator:import"), data)
    page = client.get(reverse("operator:import")).content.decode()
    assert "Baris yang mengosongkan unsur" in page and "U2 1" in page
    path = tmp_path / "lain.csv"
    path.write_bytes(content.replace(b"08-03", b"08-04"))
    call_command("import-responses", str(path), unit=world.division.code, period=campaign.period.name)
    assert "Unsur U2 kosong di 1 baris" in capsys.readouterr().out
