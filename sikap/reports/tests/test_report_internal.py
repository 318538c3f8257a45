"""The integrity survey's and the ILK's reports (PDF, XLSX) for a unit and a Kanwil: the weakest first, k."""

from __future__ import annotations

import io
import os
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from sikap.indices.tests.internal_helpers import answer, ilk_everywhere, set_headcount
from sikap.indices.tests.test_ilk_strata import _answered as _ilk
from sikap.indices.tests.test_integrity_index import _answered as _integrity
from sikap.reports.documents import build

pytestmark = pytest.mark.django_db


def _text(content: bytes) -> str:
    pages = PdfReader(io.BytesIO(content)).pages
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pages))


def _keep(name: str, content: bytes) -> None:
    """Where SIKAP_REPORT_SAMPLES names a folder, the file is kept there for a look."""
    folder = os.environ.get("SIKAP_REPORT_SAMPLES")
    if folder:
        with open(os.path.join(folder, name), "wb") as out:
            out.write(content)


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_integrity_report_lists_the_dimensions_weakest_first(world, language):
    campaign, _version = _integrity(world)
    built = build("integritas", "pdf", world.division, campaign.period, language=language)
    _keep(f"integrity-unit-{language}.pdf", built.content)
    text = _text(built.content)
    assert "43,45" in text and "Rentan" in text
    # AN = SD = TI 26,67 (ties by code) < IT 30 < PB 50 < TR 70 < SO 74,17: ranks 1-7 in that order.
    codes = ["AN", "SD", "TI", "IT", "PB", "TR", "SO"]
    order = [text.index(f"{rank} {code} ") for rank, code in enumerate(codes, 1)]
    assert order == sorted(order)


def test_a_kanwil_integrity_report_names_its_strata_and_coverage(world):
    campaign, _version = _integrity(world)
    for n, unit in [(50, world.division), (150, world.kanwil)]:
        set_headcount(unit, campaign.period, n)
    built = build("integritas", "pdf", world.kanwil, campaign.period, subtree=True, language="id")
    _keep("integrity-kanwil-id.pdf", built.content)
    text = _text(built.content)
    assert "rata-rata tertimbang jumlah pegawai" in text and "50 dari 200 pegawai (25,0 %)" in text
    assert "Bidang KI Jawa Barat 5" in text


def test_a_unit_under_k_has_no_number_in_its_report(world):
    campaign, _version = _ilk(world)
    text = _text(build("ilk", "pdf", world.other_division, campaign.period, language="id").content)
    assert "Angka tidak ditampilkan: kurang dari 5 responden" in text
    assert "1,0000" not in text and "25,00" not in text
    content = build("ilk", "xlsx", world.other_division, campaign.period, language="id").content
    sheet = load_workbook(io.BytesIO(content))["Ringkasan"]
    values = [c.value for row in sheet.iter_rows() for c in row]
    assert 1.0 not in values and 25.0 not in values


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_ilk_report_of_the_ministry(world, language):
    campaign, _version = _ilk(world)
    answer(campaign, world.division, ilk_everywhere(3), perspektif="pimpinan")
    built = build("ilk", "pdf", world.ministry, campaign.period, subtree=True, language=language)
    _keep(f"ilk-ministry-{language}.pdf", built.content)
    text = _text(built.content)
    assert "Bidang KI Bali" in text
    if language == "id":  # one leader: hidden, and the users with it (the weights would give it away)
        assert "Pimpinan disembunyikan" in text and "Pengguna layanan disembunyikan" in text
    content = build("ilk", "xlsx", world.ministry, campaign.period, subtree=True, language="id").content
    assert {"Ringkasan", "Bagian", "Unit", "Kelompok", "Periode"} <= set(
        load_workbook(io.BytesIO(content)).sheetnames
    )


def test_the_reports_page_offers_them(world, login):
    campaign, _version = _integrity(world)
    client = login(world.operator)
    url = reverse("report_unit", args=[world.division.code])
    assert 'value="integritas"' in client.get(url).content.decode()
    data = {"kind": "integritas", "format": "pdf", "period": campaign.period.pk, "language": "id"}
    response = client.post(url, data)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert login(world.outsider).get(url).status_code == 404
