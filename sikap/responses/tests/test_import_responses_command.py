import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sikap.instruments.models import Campaign
from sikap.responses.models import Response, Submission
from sikap.testing.factories import make_campaign

pytestmark = pytest.mark.django_db
GOOD = "tanggal,U1,U2,K1\n2026-08-05,4,3,6\n2026-08-06,3,3,5\n2026-08-07,2,4,\n"


@pytest.fixture
def campaign(world):
    return make_campaign([world.division])


def run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import-responses", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def write(tmp_path, text, name="jawaban.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_it_imports_a_file_and_prints_a_summary(tmp_path, world, campaign):
    out, _ = run(
        write(tmp_path, GOOD),
        "--unit",
        world.division.code,
        "--period",
        campaign.period.name,
        "--user",
        world.operator.username,
    )
    assert "3 baris tersimpan; 0 baris dilewati" in out
    assert Submission.objects.filter(channel="import", entered_by=world.operator).count() == 3


def test_a_second_import_of_the_same_file_stores_nothing_new(tmp_path, world, campaign):
    path = write(tmp_path, GOOD)
    run(path, "--unit", world.division.code, "--period", campaign.period.name)
    out, _ = run(path, "--unit", world.division.code, "--period", campaign.period.name)
    assert "0 baris tersimpan; 3 baris dilewati" in out
    assert Submission.objects.count() == 3


def test_the_instrument_option_chooses_what_is_imported(tmp_path, world, campaign):
    text = "tanggal,U1,U2,K1\n2026-08-05,4,3,6\n2026-08-06,3,3,5\n"
    out, _ = run(
        write(tmp_path, text),
        "--unit",
        world.division.code,
        "--period",
        campaign.period.name,
        "--instrument",
        "SPKP",
    )
    assert "Kolom U1 milik instrumen SKM yang tidak diimpor" in out
    assert set(Response.objects.values_list("version__instrument__code", flat=True)) == {"SPKP"}
    assert Submission.objects.count() == 2


def test_a_row_without_an_answer_to_the_chosen_instrument_is_an_error(tmp_path, world, campaign):
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import-responses",
            str(write(tmp_path, GOOD)),
            "--unit",
            world.division.code,
            "--period",
            campaign.period.name,
            "--instrument",
            "SPKP",
            stdout=io.StringIO(),
            stderr=err,
        )
    assert "Baris 4: Tidak ada satu pun unsur yang dijawab." in err.getvalue()


def test_row_errors_exit_2_with_every_error_on_stderr_and_nothing_stored(tmp_path, world, campaign):
    path = write(tmp_path, "tanggal,U1,U2\n2026-08-05,4,3\n2026-08-06,5,3\n2026-08-40,3,x\n")
    err = io.StringIO()
    with pytest.raises(CommandError) as failed:
        call_command(
            "import-responses",
            str(path),
            "--unit",
            world.division.code,
            "--period",
            campaign.period.name,
            stdout=io.StringIO(),
            stderr=err,
        )
    assert failed.value.returncode == 2
    lines = err.getvalue().splitlines()
    assert any(line.startswith("Baris 3, kolom U1:") for line in lines)
    assert any(line.startswith("Baris 4, kolom tanggal:") for line in lines)
    assert any(line.startswith("Baris 4, kolom U2:") for line in lines)
    assert not Submission.objects.exists()


@pytest.mark.parametrize(
    "args",
    [
        ["--unit", "tidak-ada", "--period", "2026 Semester II"],
        ["--unit", "kanwil-jabar-ki", "--period", "1999"],
        ["--unit", "kanwil-jabar-ki", "--period", "2026 Semester II", "--service", "Tidak Ada"],
        ["--unit", "kanwil-jabar-ki", "--period", "2026 Semester II", "--instrument", "IKD"],
        ["--unit", "kanwil-jabar-ki", "--period", "2026 Semester II", "--user", "siapa"],
        ["--unit", "kanwil-bali-ki", "--period", "2026 Semester II"],  # no campaign for that unit
    ],
)
def test_bad_options_exit_2_and_store_nothing(tmp_path, world, campaign, args):
    with pytest.raises(CommandError) as failed:
        run(write(tmp_path, GOOD), *args)
    assert failed.value.returncode == 2
    assert not Submission.objects.exists()


def test_a_missing_file_exits_2(tmp_path, world, campaign):
    with pytest.raises(CommandError) as failed:
        run(tmp_path / "tidak-ada.csv", "--unit", world.division.code, "--period", campaign.period.name)
    assert failed.value.returncode == 2


def test_a_closed_campaign_of_the_period_still_takes_the_import(tmp_path, world, campaign):
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.CLOSED)
    run(write(tmp_path, GOOD), "--unit", world.division.code, "--period", campaign.period.name)
    assert Submission.objects.count() == 3


def test_a_draft_campaign_does_not(tmp_path, world, campaign):
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.DRAFT)
    with pytest.raises(CommandError):
        run(write(tmp_path, GOOD), "--unit", world.division.code, "--period", campaign.period.name)
