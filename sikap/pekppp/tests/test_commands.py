"""`sikap pekppp import-f02|import-f03|result`: the 2022 weights worked by hand, every policy and method,
all-or-nothing imports that name each problem by row and column and exit 2."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from sikap.indices import read
from sikap.pekppp.models import Score
from sikap.pekppp.tests.conftest import Evaluation
from sikap.responses.models import Submission

pytestmark = pytest.mark.django_db

F03_ITEMS = [*map(str, range(1, 13)), "14", "15"]


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def run(*args: Any) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("pekppp", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def fails(*args: Any) -> str:
    err = StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("pekppp", *map(str, args), stdout=StringIO(), stderr=err)
    assert failed.value.returncode == 2
    return err.getvalue() + str(failed.value)


def f02_file(tmp_path: Path) -> str:
    # Every indicator at 4 but #1 (17 % of aspect a) at 5, by code; the others by number.
    lines = ["indikator,nilai,catatan", "1.a.Ak,5,SK dan pemantauan ada"]
    lines += [f"{n},4," for n in range(2, 31)]
    return write(tmp_path, "f02.csv", "\n".join(lines) + "\n")


def f03_file(tmp_path: Path, respondents: int) -> str:
    # Everyone answers 4 on every item and 5 on item 15 (aspect V).
    row = ";".join("5" if item == "15" else "4" for item in F03_ITEMS)
    return write(tmp_path, "f03.csv", ";".join(F03_ITEMS) + "\n" + "\n".join([row] * respondents) + "\n")


def result(*extra: str) -> dict[str, Any]:
    out, _ = run("result", "--unit", "kanwil-jabar-ki", "--year", 2026, "--json", *extra)
    return json.loads(out)


def test_the_result_of_imported_files_matches_the_hand_worked_ipp(
    evaluation: Evaluation, tmp_path: Path
) -> None:
    out, _ = run("import-f02", f02_file(tmp_path), "--unit", "kanwil-jabar-ki", "--year", 2026)
    assert "30 nilai F-02 disimpan" in out
    out, _ = run("import-f03", f03_file(tmp_path, 10), "--unit", "kanwil-jabar-ki", "--year", 2026)
    assert "10 tanggapan F-03 disimpan" in out
    # a = 4 + 0,17 = 4,17; F-02 = 4 + 0,24 x 0,17 = 4,0408. F-03 by aspect: (4+4+4+4+5)/5 = 4,2.
    # IPP = 0,75 x 4,0408 + 0,25 x 4,2 = 3,0306 + 1,05 = 4,0806 -> 4,08, A- Sangat Baik.
    assert result() == {
        "unit": "kanwil-jabar-ki",
        "year": 2026,
        "aspects": {"a": 4.17, "b": 4.0, "c": 4.0, "d": 4.0, "e": 4.0, "f": 4.0},
        "f02": 4.0408,
        "f03": 4.2,
        "f03_respondents": 10,
        "ipp": 4.08,
        "grade": "A-",
        "label": "Sangat Baik",
        "final": True,
        "reason": "Final: F-02 lengkap dan F-03 10 tanggapan.",
    }
    # By item mean: (13 x 4 + 5)/14 = 4,071428..; IPP = 3,0306 + 1,017857.. = 4,048457.. -> 4,05.
    by_item = result("--f03-method", "item-mean")
    assert (by_item["f03"], by_item["ipp"], by_item["grade"]) == (4.0714, 4.05, "A-")
    assert Score.objects.get(indicator__number=1).note == "SK dan pemantauan ada"


def test_too_few_f03_responses_follow_the_policy(evaluation: Evaluation, tmp_path: Path) -> None:
    run("import-f02", f02_file(tmp_path), "--unit", "kanwil-jabar-ki", "--year", 2026)
    run("import-f03", f03_file(tmp_path, 4), "--unit", "kanwil-jabar-ki", "--year", 2026)
    blocked = result()
    assert (blocked["ipp"], blocked["grade"], blocked["final"], blocked["f03_respondents"]) == (
        None,
        None,
        False,
        4,
    )
    assert "kurang 6" in blocked["reason"] and blocked["f03"] == 4.2
    zero = result("--f03-policy", "zero")
    assert (zero["f03"], zero["ipp"], zero["grade"], zero["final"]) == (0.0, 3.03, "B-", True)
    only = result("--f03-policy", "f02-only")
    assert (only["ipp"], only["grade"], only["label"]) == (4.04, "A-", "Sangat Baik")


def test_f03_answers_are_real_submissions_of_the_cycles_campaign(
    evaluation: Evaluation, tmp_path: Path
) -> None:
    run("import-f03", f03_file(tmp_path, 3), "--unit", "kanwil-jabar-ki", "--year", 2026)
    submissions = Submission.objects.filter(unit=evaluation.world.division)
    assert submissions.count() == 3 and {s.channel for s in submissions} == {"import"}
    evaluation.cycle.refresh_from_db()
    assert {s.campaign_id for s in submissions} == {evaluation.cycle.campaign_id}
    scope = read.Scope(units=[evaluation.world.division.pk], period=evaluation.cycle.period, instrument="F03")
    assert read.people(scope)["people"] == 3


def test_an_f02_file_with_problems_stores_nothing_and_names_each_row_and_column(
    evaluation: Evaluation, tmp_path: Path
) -> None:
    path = write(tmp_path, "bad.csv", "indikator,nilai\n1,4\n31,4\n2,6\n1,3\nx.y,\n")
    message = fails("import-f02", path, "--unit", "kanwil-jabar-ki", "--year", 2026)
    assert "Baris 3, kolom indikator: '31'" in message
    assert "Baris 4, kolom nilai: '6' bukan nilai bulat 0 sampai 5" in message
    assert "Baris 5, kolom indikator: indikator 1.a.Ak sudah ada di baris 2" in message
    assert "Baris 6, kolom indikator" in message and "Baris 6, kolom nilai" in message
    assert not Score.objects.exists()
    header = fails(
        "import-f02",
        write(tmp_path, "h.csv", "nomor,nilai\n1,4\n"),
        "--unit",
        "kanwil-jabar-ki",
        "--year",
        2026,
    )
    assert "Baris 1, kolom indikator: kolom wajib tidak ada" in header


def test_an_f03_file_with_problems_stores_nothing(evaluation: Evaluation, tmp_path: Path) -> None:
    path = write(tmp_path, "bad.csv", "1,2,13\n4,5,3\n")
    message = fails("import-f03", path, "--unit", "kanwil-jabar-ki", "--year", 2026)
    assert "Baris 1, kolom 13: bukan nomor butir F-03" in message
    path = write(tmp_path, "bad2.csv", "1,2,15\n4,7,3\n,,\n5,5,TT\n")
    message = fails("import-f03", path, "--unit", "kanwil-jabar-ki", "--year", 2026)
    assert "Baris 2, kolom 2: '7'" in message and "Baris 4, kolom 15: 'TT'" in message
    assert not Submission.objects.exists()


def test_only_a_lokus_of_the_years_cycle_can_be_imported(evaluation: Evaluation, tmp_path: Path) -> None:
    path = f02_file(tmp_path)
    assert "bukan unit lokus" in fails("import-f02", path, "--unit", "kanwil-bali-ki", "--year", 2026)
    assert "Tidak ada siklus PEKPPP tahun 2025" in fails(
        "import-f02", path, "--unit", "kanwil-jabar-ki", "--year", 2025
    )
    assert "Unit tidak dikenal" in fails("import-f02", path, "--unit", "tidak-ada", "--year", 2026)


def test_an_import_by_a_user_must_be_assigned_to_the_aspects(evaluation: Evaluation, tmp_path: Path) -> None:
    path = write(tmp_path, "a.csv", "indikator,nilai\n1,4\n15,3\n")
    message = fails("import-f02", path, "--unit", "kanwil-jabar-ki", "--year", 2026, "--user", "evaluator.a")
    assert "tidak ditugaskan menilai aspek c" in message
    run(
        "import-f02",
        write(tmp_path, "ok.csv", "indikator,nilai\n1,4\n"),
        "--unit",
        "kanwil-jabar-ki",
        "--year",
        2026,
        "--user",
        "evaluator.a",
    )
    assert Score.objects.get().set_by == evaluation.evaluator
