"""The import template of a unit's campaign: exact headers, allowed codes, linked from the import page."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from sikap.responses import importing
from sikap.responses.import_template import template_xlsx
from sikap.responses.models import Submission
from sikap.testing.factories import make_campaign, make_service

pytestmark = pytest.mark.django_db
URL = reverse("operator:import_template")


@pytest.fixture
def campaign(world):
    make_service(world.division, "Permohonan Merek")
    return make_campaign([world.division, world.other_division])


def read(content: bytes):
    book = load_workbook(io.BytesIO(content))
    first, second = book.worksheets
    header = [c.value for c in first[1]]
    codes = {row[0]: (row[1], row[2]) for row in second.iter_rows(min_row=2, values_only=True)}
    return header, codes


def test_the_template_has_the_importers_headers_and_a_sheet_of_allowed_codes(world, campaign):
    target = importing.resolve_target(world.division, campaign.period)
    header, codes = read(template_xlsx(target))
    assert header[:3] == ["tanggal", "layanan", "U1"]
    assert {"U9", "K1", "K8", "A1", "A5", "Usia (tahun)", "Jenis kelamin", "Saran"} <= set(header)
    assert codes["U1"][0] == "1, 2, 3, 4"
    assert codes["K1"][0] == "1, 2, 3, 4, 5, 6"
    assert codes["layanan"][0] == "Permohonan Merek"
    assert codes["Jenis kelamin"][0] == "Laki-laki, Perempuan"
    assert "L" in codes["Jenis kelamin"][1] and "P" in codes["Jenis kelamin"][1]
    assert "S1" in codes["Pendidikan terakhir"][1]
    columns, _selected, warnings = importing.map_columns(target, header)
    assert warnings == [] and len(columns) == len(header)


def test_a_filled_in_template_imports(world, campaign):
    target = importing.resolve_target(world.division, campaign.period)
    book = load_workbook(io.BytesIO(template_xlsx(target)))
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    values = {"tanggal": "2026-08-03", "layanan": "permohonan merek", "U1": 4, "K1": 6, "A1": 5}
    values |= {"Jenis kelamin": "P", "Pendidikan terakhir": "s2", "Pekerjaan": "PNS"}
    sheet.append([values.get(h) for h in header])
    out = io.BytesIO()
    book.save(out)
    result = importing.import_file(world.operator, target, "templat.xlsx", out.getvalue())
    assert result.stored == 1
    stored = Submission.objects.get()
    assert (stored.service.name, stored.sex, stored.education) == ("Permohonan Merek", "Perempuan", "S2")


def test_the_import_page_links_the_template_and_the_operator_downloads_it(login, world, campaign):
    client = login(world.operator)
    page = client.get(reverse("operator:import")).content.decode()
    assert f'action="{URL}"' in page
    reply = client.get(URL, {"templat-unit": world.division.pk, "templat-period": campaign.period.pk})
    assert reply.status_code == 200
    assert reply["Content-Disposition"].endswith(
        f'templat-impor-{world.division.code}-{campaign.period.pk}.xlsx"'
    )
    header, _codes = read(reply.content)
    assert header[0] == "tanggal"


def test_another_units_template_is_not_given_and_read_only_users_are_refused(login, world, campaign):
    params = {"templat-unit": world.other_division.pk, "templat-period": campaign.period.pk}
    assert login(world.operator).get(URL, params).status_code == 404
    params["templat-unit"] = world.division.pk
    assert login(world.leader).get(URL, params).status_code == 403


def test_the_english_template_has_english_headers_the_importer_also_reads(world, campaign):
    from django.utils import translation

    target = importing.resolve_target(world.division, campaign.period)
    with translation.override("en"):
        header, codes = read(template_xlsx(target))
    assert header[:2] == ["date", "service"] and "Sex" in header
    assert "Also accepted" in codes["Sex"][1]
    columns, _selected, warnings = importing.map_columns(target, header)
    assert warnings == [] and len(columns) == len(header)
