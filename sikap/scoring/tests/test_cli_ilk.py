"""`sikap score ilk`: the documented JSON, weights, and bad input as `score ikm` handles it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sikap.scoring.cli import main

HAND_WORKED = "perspektif;KEP.K;KEP.T;KEU.K\npengguna;4;3;2\n;2;NA;4\nprovider;4;4;Tidak tahu\n"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    path = tmp_path / "ilk.csv"
    path.write_text(HAND_WORKED, encoding="utf-8")
    return path


def test_json_is_exactly_the_documented_object(answers: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["score", "ilk", str(answers), "--json"], capsys)
    assert (code, err) == (0, "")
    assert json.loads(out) == {
        "respondents": 3,
        "domains": {"KEP": 3.4167, "KEU": 3.0},
        "perspectives": {"pengguna": 3.0, "penyedia": 4.0},
        "ilk": 3.5,
        "score": 87.5,
        "grade": "B",
    }


def test_weights_rescale_over_the_perspectives_present(
    answers: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["score", "ilk", str(answers), "--json", "--weights", "pengguna=0.6,penyedia=0.2,pimpinan=0.2"]
    code, out, _err = run(argv, capsys)
    assert code == 0 and json.loads(out)["score"] == 81.25


def test_the_table_says_the_weights_were_rescaled(answers: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(["score", "ilk", str(answers)], capsys)
    assert code == 0
    assert "87,50" in out and "bobot lainnya disesuaikan" in out


@pytest.mark.parametrize(
    ("content", "where"),
    [
        ("perspektif,KEP.K\nboss,4\n", "baris 2, kolom perspektif"),
        ("perspektif,KEP.K\n,5\n", "baris 2, kolom KEP.K"),
        ("perspektif,KEP.K\n,3\n,x\n", "baris 3, kolom KEP.K"),
        ("perspektif,nama\npengguna,Ani\n", "baris 1"),
        ("perspektif,KEP.K,kep.k\n,1,2\n", "baris 1, kolom KEP.K"),
        ("perspektif,KEP.K\n,NA\n", "tidak ada jawaban"),
        ("", "berkas kosong"),
    ],
)
def test_bad_input_exits_2_with_the_place_on_stderr_and_nothing_on_stdout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, where: str
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    code, out, err = run(["score", "ilk", str(path), "--json"], capsys)
    assert (code, out) == (2, "")
    assert str(path) in err and where in err and err.count("\n") == 1


def test_bad_weights_exit_2(answers: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["score", "ilk", str(answers), "--weights", "boss=1"], capsys)
    assert (code, out) == (2, "") and "--weights" in err
