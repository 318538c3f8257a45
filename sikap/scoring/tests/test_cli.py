"""The `sikap score ikm` and `sikap sample-size` commands, in process and as a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sikap.scoring.cli import SCORING_COMMANDS, main
from sikap.scoring.tests.factories import CODES, WORKED_NRR, worked_rows, write_csv

REPO_ROOT = Path(__file__).resolve().parents[3]
HEADER = ",".join(CODES)


@pytest.fixture
def worked_csv(tmp_path: Path) -> Path:
    """The 29-respondent worked example as a spreadsheet export."""
    return write_csv(tmp_path / "data.csv", worked_rows())


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run main in process and capture its exit code, stdout and stderr."""
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_score_ikm_json_is_exactly_the_documented_object(
    worked_csv: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["score", "ikm", str(worked_csv), "--json"], capsys)
    assert (code, err) == (0, "")
    assert out.count("\n") == 1
    payload = json.loads(out)
    assert payload == {
        "respondents": 29,
        "elements": {code: float(nrr) for code, nrr in WORKED_NRR.items()},
        "ikm": 3.659,
        "score": 91.48,
        "grade": "A",
        "performance": "Sangat Baik",
    }


def test_score_ikm_literal_weight_gives_90_56(worked_csv: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["score", "ikm", str(worked_csv), "--json", "--weights", "literal", "--literal-weight", "0.11"]
    code, out, _ = run(argv, capsys)
    assert code == 0
    assert json.loads(out)["score"] == 90.56
    code, out, _ = run(["score", "ikm", str(worked_csv), "--json", "--weights", "literal"], capsys)
    assert json.loads(out)["score"] == 91.38


def test_score_ikm_plain_output_is_a_table_naming_the_convention(
    worked_csv: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["score", "ikm", str(worked_csv)], capsys)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    u1 = next(line for line in lines if line.startswith("U1 "))
    assert "Persyaratan" in u1 and u1.split()[-2:] == ["29", "3,6207"]
    assert len({len(line) for line in lines if line[:2] in {f"U{i}" for i in range(1, 10)}}) == 1
    assert "91,48" in out and "Sangat Baik" in out and "3,6590" in out
    assert "bobot tepat 1/9" in out and "PermenPANRB No. 14 Tahun 2017" in out


def test_score_ikm_runs_as_a_module_without_django(worked_csv: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    completed = subprocess.run(
        [sys.executable, "-m", "sikap.scoring.cli", "score", "ikm", str(worked_csv), "--json"],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env=env,
        check=False,
        timeout=60,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stderr == ""
    assert json.loads(completed.stdout)["score"] == 91.48


@pytest.mark.parametrize(
    ("argv", "method", "margin", "sample"),
    [
        (["--population", "1000"], "krejcie-morgan", 0.05, 278),
        (["--population", "48"], "krejcie-morgan", 0.05, 43),
        (["--population", "1000", "--method", "slovin"], "slovin", 0.05, 286),
        (["--population", "100", "--method", "slovin", "--margin", "0.1"], "slovin", 0.1, 50),
        (["--population", "40", "--method", "slovin", "--margin", "0,1", "--floor", "30"], "slovin", 0.1, 30),
        (["--population", "20", "--floor", "30"], "krejcie-morgan", 0.05, 20),
        (["--population", "0"], "krejcie-morgan", 0.05, 0),
    ],
)
def test_sample_size_json(
    argv: list[str], method: str, margin: float, sample: int, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["sample-size", *argv, "--json"], capsys)
    assert (code, err) == (0, "")
    population = int(argv[1])
    assert json.loads(out) == {"population": population, "method": method, "margin": margin, "sample": sample}


def test_sample_size_plain_output_is_an_indonesian_sentence(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["sample-size", "--population", "1000"], capsys)
    assert code == 0
    assert "Untuk populasi 1.000 pengguna layanan, sampel minimum 278 responden" in out
    assert "Krejcie & Morgan (1970)" in out and "0,05" in out


def write(path: Path, text: str) -> Path:
    """Write a small CSV fixture."""
    path.write_text(text, encoding="utf-8")
    return path


ROW = "4,4,4,4,4,4,4,4,4"
CSV_ERRORS = [
    ("outside.csv", f"{HEADER}\n{ROW}\n4,4,4,5,4,4,4,4,4\n", ["baris 3", "kolom U4", "row 3", '"5"']),
    ("text.csv", f"{HEADER}\n{ROW}\n{ROW}\n4,4,baik,4,4,4,4,4,4\n", ["baris 4", "kolom U3", "baik"]),
    ("fraction.csv", f"{HEADER}\n3.5,4,4,4,4,4,4,4,4\n", ["baris 2", "kolom U1", "3.5"]),
    ("missing.csv", "U1,U2,U3,U5,U6,U7,U8,U9\n4,4,4,4,4,4,4,4\n", ["baris 1", "kolom U4"]),
    ("empty.csv", "", ["kosong", "empty file"]),
    ("headeronly.csv", f"{HEADER}\n", ["no data rows"]),
    ("unanswered.csv", f"{HEADER}\n4,4,4,4,4,4,4,,4\n", ["kolom U8", "no answers"]),
]


@pytest.mark.parametrize(("name", "content", "fragments"), CSV_ERRORS)
def test_score_ikm_bad_files_exit_2_with_one_stderr_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: str, fragments: list[str]
) -> None:
    path = write(tmp_path / name, content)
    code, out, err = run(["score", "ikm", str(path), "--json"], capsys)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and err.endswith("\n")
    assert err.startswith(f"{path}: ")
    for fragment in fragments:
        assert fragment in err


def test_score_ikm_unreadable_files_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    latin = tmp_path / "latin.csv"
    latin.write_bytes(f"{HEADER}\n".encode() + "4,4,4,4,4,4,4,4,4,Bogor é\n".encode("latin-1"))
    for path, fragment in [(tmp_path / "nope.csv", "not found"), (latin, "UTF-8"), (tmp_path, "directory")]:
        code, out, err = run(["score", "ikm", str(path)], capsys)
        assert (code, out) == (2, "")
        assert err.count("\n") == 1 and str(path) in err and fragment in err


def test_score_ikm_permission_denied_exits_2(
    worked_csv: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # chmod cannot stop root from reading, so simulate the OS refusing.
    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    code, out, err = run(["score", "ikm", str(worked_csv)], capsys)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and str(worked_csv) in err and "permission denied" in err


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["--population", "-5"], '--population "-5"'),
        (["--population=-5"], "must be >= 0"),
        (["--population", "banyak"], "not a whole number"),
        (["--population", "1.5"], "not a whole number"),
        (["--population", "100", "--margin", "0"], "--margin"),
        (["--population", "100", "--margin", "1.5"], "between 0 and 1"),
        (["--population", "100", "--margin", "lima"], "--margin"),
        (["--population", "100", "--floor", "-1"], "--floor"),
    ],
)
def test_sample_size_bad_options_exit_2_with_one_stderr_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], fragment: str
) -> None:
    code, out, err = run(["sample-size", *argv, "--json"], capsys)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and fragment in err


def test_a_bad_literal_weight_exits_2(worked_csv: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for extra in (
        ["--literal-weight", "abc"],
        ["--literal-weight", "2"],
        ["--weights", "exact", "--literal-weight", "0.11"],
    ):
        code, out, err = run(["score", "ikm", str(worked_csv), *extra], capsys)
        assert (code, out) == (2, "")
        assert err.count("\n") == 1 and "--literal-weight" in err


def test_usage_errors_exit_2_and_the_dispatcher_knows_the_commands(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main([]) == 2
    assert main(["score", "ikm"]) == 2
    assert main(["sample-size"]) == 2
    assert capsys.readouterr().out == ""
    assert main(["--help"]) == 0
    assert {"score", "sample-size"} == SCORING_COMMANDS
