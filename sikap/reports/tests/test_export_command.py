"""`sikap export-responses`: writes the file, and exits 2 with a clear message on bad input."""

from __future__ import annotations

import csv

import pytest

from sikap.cli import main
from sikap.reports.tests.test_export_fixtures import Survey
from sikap.testing.factories import World

pytestmark = pytest.mark.django_db


PERIOD = "2026 Semester II"


def run(*args: str) -> int:
    try:
        main(["export-responses", *args])
    except SystemExit as stop:
        return int(stop.code or 0)
    return 0


def test_it_writes_the_csv_of_the_unit_and_its_subtree(
    world: World, survey: Survey, tmp_path, capsys
) -> None:
    out = tmp_path / "jawaban.csv"
    assert run("--unit", "kemenkum", "--period", PERIOD, "--format", "csv", "-o", str(out)) == 0
    assert "5 kiriman ditulis" in capsys.readouterr().out  # 3 accepted here, 2 in Bali
    with out.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 5 and "suggestion" in rows[0]


def test_the_options_choose_instrument_statuses_and_free_text(world: World, survey: Survey, tmp_path) -> None:
    out = tmp_path / "jawaban.csv"
    args = ["--unit", "kanwil-jabar-ki", "--period", PERIOD, "--format", "CSV", "-o", str(out)]
    assert run(*args, "--instrument", "spkp", "--with-suspect", "--with-rejected", "--no-free-text") == 0
    with out.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 5 and "suggestion" not in rows[0]
    assert next(k for k in rows[0] if "_" in k and k[:4] in ("SKM_", "SPKP", "SPAK")) == "SPKP_K1"
    assert not any(k.startswith("SKM_") for k in rows[0])


@pytest.mark.parametrize("fmt", ["xlsx", "sav"])
def test_it_writes_xlsx_and_sav(world: World, survey: Survey, tmp_path, fmt: str) -> None:
    out = tmp_path / f"jawaban.{fmt}"
    assert run("--unit", "kanwil-jabar-ki", "--period", PERIOD, "--format", fmt, "-o", str(out)) == 0
    assert out.stat().st_size > 1000


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"--unit": "tidak-ada"}, "Unit tidak dikenal"),
        ({"--period": "1999"}, "Periode tidak dikenal"),
        ({"--format": "pdf"}, "Format tidak dikenal"),
        ({"--instrument": "XYZ"}, "Instrumen tidak dikenal"),
        ({"-o": "/tidak/ada/folder/jawaban.csv"}, "tidak dapat ditulis"),
    ],
)
def test_bad_input_exits_2_with_a_clear_message(
    world: World, survey: Survey, tmp_path, capsys, change, message
):  # type: ignore[no-untyped-def]
    args = {"--unit": "kanwil-jabar-ki", "--period": PERIOD, "--format": "csv", "-o": str(tmp_path / "x.csv")}
    args.update(change)
    assert run(*[part for pair in args.items() for part in pair]) == 2
    assert message in capsys.readouterr().err


def test_an_instrument_not_used_in_the_period_exits_2(world: World, survey: Survey, tmp_path, capsys) -> None:
    from sikap.instruments.tests.factories import make_draft

    make_draft("INTEGRITAS")
    out = tmp_path / "x.csv"
    args = ["--unit", "kanwil-jabar-ki", "--period", PERIOD, "--format", "csv", "-o", str(out)]
    assert run(*args, "--instrument", "integritas") == 2
    assert "tidak dipakai" in capsys.readouterr().err and not out.exists()


def test_a_missing_argument_exits_2(world: World, tmp_path) -> None:
    assert run("--unit", "kanwil-jabar-ki", "-o", str(tmp_path / "x.csv")) == 2
