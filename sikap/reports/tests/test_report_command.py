"""`sikap report`: writes the file, and exits 2 with a clear message on bad input."""

from __future__ import annotations

import io

import pytest
from django.core.management import ManagementUtility, call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from sikap.indices.queries import version_for
from sikap.indices.tests.helpers import answered_campaign, compute
from sikap.testing.factories import make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(world):
    return answered_campaign([(world.division, 5)], seed=13)


def run(*args):
    out = io.StringIO()
    call_command("report", *args, stdout=out)
    return out.getvalue()


def test_it_writes_an_xlsx_whose_numbers_are_the_indices(world, campaign, tmp_path):
    target = tmp_path / "skm.xlsx"
    printed = run("skm", "--unit", world.division.code, "--period", campaign.period.name, "-o", str(target))
    assert str(target) in printed
    result = compute([world.division.pk], version_for("SKM", campaign.period), campaign.period)
    summary = {
        r[0]: r[1] for r in load_workbook(target)["Ringkasan"].iter_rows(values_only=True) if r and r[0]
    }
    assert (summary["Nilai konversi"], summary["IKM"]) == (result.score, result.index)


def test_it_writes_a_pdf_for_a_subtree_and_a_service(world, campaign, tmp_path):
    make_service(world.division)
    period = campaign.period.name
    run(
        "spkp-spak",
        "--unit",
        world.kanwil.code,
        "--period",
        period,
        "--subtree",
        "--format",
        "pdf",
        "-o",
        str(tmp_path / "zi"),
    )
    assert (tmp_path / "zi").read_bytes().startswith(b"%PDF")
    args = ["--unit", world.division.code, "--period", period, "--service", "legalisasi apostille"]
    run("skm", *args, "-o", str(tmp_path / "service.pdf"))
    assert (tmp_path / "service.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--unit", "tidak-ada", "--period", "{period}", "-o", "{dir}/a.pdf"], "Unit tidak dikenal"),
        (["--unit", "kanwil-jabar-ki", "--period", "2099", "-o", "{dir}/a.pdf"], "Periode tidak dikenal"),
        (["--unit", "kanwil-jabar-ki", "--period", "{period}", "-o", "{dir}/a.doc"], "Format tidak dikenal"),
        (["--unit", "kanwil-jabar-ki", "--period", "{period}", "-o", "{dir}/no/a.pdf"], "Folder tujuan"),
        (
            ["--unit", "kanwil-jabar-ki", "--period", "{period}", "--service", "X", "-o", "{dir}/a.pdf"],
            "Layanan",
        ),
    ],
)
def test_bad_input_exits_2_with_a_clear_message(world, campaign, tmp_path, args, message):
    filled = [a.format(period=campaign.period.name, dir=tmp_path) for a in args]
    with pytest.raises(CommandError, match=message) as raised:
        run("skm", *filled)
    assert raised.value.returncode == 2
    assert not list(tmp_path.iterdir())


def test_from_the_shell_an_unknown_kind_exits_2(capsys):
    # As `sikap report ikm ...` runs it: argparse refuses the kind and exits 2.
    with pytest.raises(SystemExit) as raised:
        ManagementUtility(["sikap", "report", "ikm", "--unit", "x", "--period", "y", "-o", "z.pdf"]).execute()
    assert raised.value.code == 2 and "invalid choice: 'ikm'" in capsys.readouterr().err
