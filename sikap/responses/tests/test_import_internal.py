"""`sikap import-responses` takes internal instruments: roster attribute columns and NA / Tidak tahu."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from sikap.indices import read
from sikap.indices.tests.internal_helpers import internal_campaign, version_of
from sikap.responses.models import Answer, Submission
from sikap.scoring.ilk import STANDARD_ITEMS

pytestmark = pytest.mark.django_db


def _import(tmp_path, text, campaign, unit):
    path = tmp_path / "ilk.csv"
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    call_command(
        "import-responses", str(path), "--unit", unit.code, "--period", campaign.period.name, stdout=out
    )
    return out.getvalue()


def test_an_ilk_file_with_perspectives_and_not_applicable_answers(world, tmp_path):
    campaign = internal_campaign([world.division], ("ILK", "INTEGRITAS"))
    header = ["perspektif", "Jenis jabatan", "jenis_kelamin", *STANDARD_ITEMS]
    rows = [
        ["pengguna", "pelaksana", "L", "NA", "Tidak tahu", "tt", *["3"] * 12],
        ["provider", "Fungsional", "Perempuan", *["4"] * 15],
        ["Pimpinan", "struktural", "", *["2"] * 15],
        ["", "", "", *["3"] * 15],
        ["penyedia", "PPPK", "P", *["4"] * 14, "N/A"],
    ]
    text = "\n".join(",".join(row) for row in [header, *rows]) + "\n"
    assert "5 baris tersimpan" in _import(tmp_path, text, campaign, world.division)
    extras = sorted((s.extra or {}).get("perspektif", "") for s in Submission.objects.all())
    assert extras == ["", "pengguna", "penyedia", "penyedia", "pimpinan"]
    assert Answer.objects.filter(not_applicable=True).count() == 4
    result = read.result(read.Scope([world.division.pk], campaign.period, version_of(campaign, "ILK")))
    # Users (the blank one counts as a user): KEP from the second user only (3), the rest 3: 3.
    # Providers 4; the leader 2: ILK (3 + 4 + 2) / 3 = 3 -> 75,00.
    assert (result.respondents, result.index, result.score) == (5, 3.0, 75.0)


def test_an_integrity_file_takes_tidak_tahu(world, tmp_path):
    campaign = internal_campaign([world.division], ("INTEGRITAS",))
    codes = [e.code for e in version_of(campaign, "INTEGRITAS").elements.all()]
    lines = [",".join(["perspective", *codes])]
    lines += [",".join(["user", "Tidak tahu", *["4"] * (len(codes) - 1)])] * 5
    assert "5 baris tersimpan" in _import(tmp_path, "\n".join(lines) + "\n", campaign, world.division)
    result = read.result(read.Scope([world.division.pk], campaign.period, version_of(campaign, "INTEGRITAS")))
    tr1 = next(e for e in result.elements if e.code == "TR1")
    assert (tr1.n, tr1.na) == (0, 5)
    assert result.score is not None and result.part("dimensions").values()["TR"] == 100.0
