"""The SKM report: the PDF text and the XLSX cells carry exactly the numbers of the indices."""

from __future__ import annotations

import datetime
import io
import random
import re

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from sikap.followup.actions import create_item
from sikap.indices.queries import version_for
from sikap.indices.templatetags.indices_tags import idnum
from sikap.indices.tests.helpers import answered_campaign, compute, random_submission
from sikap.organisation.models import ServiceUserCount
from sikap.reports.documents import build
from sikap.reports.documents.skm import skm_report
from sikap.testing.factories import make_campaign, make_service, make_unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(world):
    return answered_campaign([(world.division, 37)], seed=11)


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in reader.pages))


def test_the_pdf_shows_the_score_ikm_and_every_nrr_the_indonesian_way(world, campaign):
    period = campaign.period
    result = compute([world.division.pk], version_for("SKM", period), period)
    built = build("skm", "pdf", world.division, period)
    assert built.content.startswith(b"%PDF") and built.filename.endswith(".pdf")
    text = pdf_text(built.content)
    assert "Laporan Survei Kepuasan Masyarakat" in text and "PermenPANRB 14/2017" in text
    assert world.division.name in text and period.name in text
    score = f"{result.score:.2f}".replace(".", ",")
    assert score == idnum(result.score, 2) and score in text
    assert idnum(result.index, 4) in text
    assert "," in idnum(result.index, 4)
    for element in result.elements:
        nrr = idnum(element.mean, 4)
        assert re.fullmatch(r"\d,\d{4}", nrr) and nrr in text, element.code
    assert f"{result.grade} " in text and result.label in text
    assert idnum(result.ci95[0], 2) in text and idnum(result.ci95[1], 2) in text
    assert "bobot tepat 1/9" in text
    # Sample size against target: no population recorded, so the floor of 30 is the minimum.
    assert "37 (123,3 %)" in text
    assert "NIP." in text and f"Kepala {world.division.name}" in text


def test_the_profile_hides_cells_under_five(world, campaign):
    report = skm_report(world.division, campaign.period)
    groups = {g.dimension: g for g in report.summary.profile}
    assert set(groups) == {"sex", "age_band", "education", "occupation"}
    for group in groups.values():
        shown = [c for c in group.cells if not c.suppressed]
        assert all(c.n >= 5 for c in shown), group.dimension
        assert all(c.n is None and c.percent is None for c in group.cells if c.suppressed)
    assert any(c.suppressed for g in groups.values() for c in g.cells)  # random data has small cells
    assert sum(c.n for c in groups["sex"].cells if c.n) <= 37


def test_the_sample_section_uses_the_population_and_the_achieved_margin(world, campaign):
    service = make_service(world.division)
    ServiceUserCount.objects.create(service=service, period=campaign.period, users=48)
    sample = skm_report(world.division, campaign.period).summary.sample
    # Krejcie-Morgan for N = 48 is 43 (DOMAIN.md section 2); 37 respondents do not reach it.
    assert (sample.population, sample.minimum, sample.attained, sample.reached) == (48, 43, 37, False)
    assert sample.method.startswith("Krejcie")
    assert 0 < sample.margin_proportion < 16 and sample.margin_score is not None
    text = pdf_text(build("skm", "pdf", world.division, campaign.period).content)
    assert "belum memenuhi sampel minimal 43" in text


def test_the_follow_up_plan_and_the_conclusion_are_in_the_pdf(world, campaign):
    period = campaign.period
    create_item(
        world.operator,
        world.division,
        period,
        action="Menambah kursi ruang tunggu",
        deadline=datetime.date(2026, 11, 30),
        element_code="U9",
        owner="Kepala Subbagian Umum",
    )
    report = skm_report(world.division, period)
    assert [(f.element, f.owner, f.status) for f in report.summary.followups] == [
        ("U9 Sarana dan Prasarana", "Kepala Subbagian Umum", "Direncanakan")
    ]
    text = pdf_text(build("skm", "pdf", world.division, period).content)
    assert "Menambah kursi ruang tunggu" in text and "Kepala Subbagian Umum" in text
    weakest = report.summary.weakest[0]
    assert f"Unsur dengan nilai terendah adalah {weakest.name} ({idnum(weakest.nrr, 4)})" in text
    assert "Rencana tindak lanjut memuat 1 butir, 0 di antaranya telah selesai." in text


def test_the_xlsx_holds_real_numbers_equal_to_the_indices(world, campaign):
    period = campaign.period
    result = compute([world.division.pk], version_for("SKM", period), period)
    book = load_workbook(io.BytesIO(build("skm", "xlsx", world.division, period).content))
    assert book.sheetnames == ["Ringkasan", "Unsur", "Profil", "Tindak lanjut"]
    summary = {row[0].value: row[1] for row in book["Ringkasan"].iter_rows(max_col=2) if row[0].value}
    assert summary["Jumlah responden"].value == 37
    assert summary["IKM"].value == result.index and summary["IKM"].number_format == "0.0000"
    assert summary["Nilai konversi"].value == result.score
    assert summary["Nilai konversi"].number_format == "0.00"
    assert summary["Mutu pelayanan"].value == result.grade
    assert "pengaturan bahasa" in summary["Catatan angka"].value
    rows = list(book["Unsur"].iter_rows(min_row=2, values_only=True))
    assert [r[1] for r in rows] == [e.code for e in result.elements]
    for row, element in zip(rows, result.elements, strict=True):
        # Full precision (Excel keeps 15 significant digits), shown with 4 decimals by the cell format.
        assert isinstance(row[4], float) and row[4] == pytest.approx(element.mean, rel=1e-14)
        assert row[3] == element.n
        assert row[5] == pytest.approx(1 / 9) and row[6] == pytest.approx(element.mean / 9)
    assert sum(r[6] for r in rows) == pytest.approx(result.index, abs=5e-5)
    assert book["Unsur"]["E2"].number_format == "0.0000"


def test_a_kanwil_report_has_a_pooled_summary_and_a_section_per_unit(world, campaign):
    second = make_unit("kanwil-jabar-ahu", parent=world.kanwil, name="Bidang AHU Jawa Barat")
    campaign.units.add(second)
    rng = random.Random(3)
    for _ in range(6):
        random_submission(campaign, second, rng)
    period = campaign.period
    version = version_for("SKM", period)
    report = skm_report(world.kanwil, period, subtree=True)
    pooled = compute([world.kanwil.pk, world.division.pk, second.pk], version, period)
    assert report.pooled and report.summary.respondents == 43 and report.summary.score == pooled.score
    assert [s.title for s in report.sections] == [world.division.name, second.name]
    assert report.sections[1].score == compute([second.pk], version, period).score
    text = pdf_text(build("skm", "pdf", world.kanwil, period, subtree=True).content)
    assert "Kanwil Jawa Barat (gabungan)" in text and "Lampiran 2. Bidang AHU Jawa Barat" in text
    assert idnum(pooled.score, 2) in text


def test_a_service_report_counts_only_that_service(world):
    service = make_service(world.division)
    campaign = make_campaign([world.division])
    rng = random.Random(5)
    for _ in range(4):
        random_submission(campaign, world.division, rng, service=service)
    for _ in range(3):
        random_submission(campaign, world.division, rng)
    report = skm_report(world.division, campaign.period, service=service)
    assert report.summary.respondents == 4 and report.service_name == service.name
    assert "Legalisasi Apostille" in pdf_text(
        build("skm", "pdf", world.division, campaign.period, service=service).content
    )


def test_below_the_minimum_sample_the_condition_comes_before_the_grade(world):
    # Issue 10: a grade is stated only with its condition; below the minimum it is said first.
    from sikap.indices.tests.helpers import answered_campaign
    from sikap.reports.documents.skm import skm_report

    campaign = answered_campaign([(world.division, 5)], seed=3, codes=("SKM",))
    section = skm_report(world.division, campaign.period).summary
    assert not section.sample.reached
    assert section.conclusion[0].startswith("Jumlah responden (5) belum memenuhi sampel minimal 30")
    assert "Krejcie dan Morgan (1970)" in section.conclusion[0]
