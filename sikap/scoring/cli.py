"""The `sikap score` and `sikap sample-size` commands: scoring without Django or a database."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TextIO

from sikap.scoring import ilk as ilk_scoring
from sikap.scoring._numbers import round_half_up
from sikap.scoring.aggregate import NoAnswersError
from sikap.scoring.csvio import ScoringInputError, read_ikm_csv, read_ilk_csv
from sikap.scoring.ikm import IkmResult, WeightMode, ikm_from_rows, resolve_weights
from sikap.scoring.regulations import get_regulation
from sikap.scoring.sampling import SampleMethod, margin_of_error_proportion, sample_size

# The top-level `sikap` dispatcher routes these first arguments here, so they run without Django.
SCORING_COMMANDS = frozenset({"score", "sample-size"})

EXIT_OK = 0
EXIT_BAD_INPUT = 2  # same code argparse uses for usage errors, so scripts need to check only one

_INTEGER = re.compile(r"[+-]?[0-9]{1,18}")  # bounded: int() of thousands of digits fails
_METHOD_TITLES = {
    SampleMethod.KREJCIE_MORGAN: "Krejcie & Morgan (1970)",
    SampleMethod.SLOVIN: "Slovin",
}


class _BadOption(Exception):
    """An option value that argparse accepted as text but that is not valid."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for both scoring commands (program name `sikap`)."""
    parser = argparse.ArgumentParser(prog="sikap", description="Sikap: perhitungan indeks (scoring)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    score = commands.add_parser("score", help="hitung indeks dari berkas CSV (compute an index from CSV)")
    indices = score.add_subparsers(dest="index", required=True, metavar="INDEX")
    ikm = indices.add_parser("ikm", help="IKM PermenPANRB 14/2017 dari kolom U1..U9")
    ikm.add_argument("file", metavar="FILE.csv", help="CSV dengan kolom U1..U9 bernilai 1-4")
    ikm.add_argument("--json", action="store_true", help="cetak satu objek JSON (print one JSON object)")
    ikm.add_argument(
        "--weights",
        choices=[WeightMode.EXACT.value, WeightMode.LITERAL.value],
        default=None,
        help="exact = 1/9 tepat (bawaan); literal = bobot dibulatkan seperti banyak laporan",
    )
    ikm.add_argument("--literal-weight", default=None, help="bobot literal per unsur (bawaan 0.111)")
    ilk = indices.add_parser("ilk", help="ILK (Indeks Layanan Kesekretariatan) dari kolom DOMAIN.BUTIR")
    ilk.add_argument(
        "file", metavar="FILE.csv", help="CSV: kolom perspektif dan butir KEP.K.. bernilai 1-4/NA"
    )
    ilk.add_argument("--json", action="store_true", help="cetak satu objek JSON (print one JSON object)")
    ilk.add_argument(
        "--weights",
        default=None,
        help="bobot perspektif, mis. pengguna=0.6,penyedia=0.2,pimpinan=0.2 (bawaan: sama rata)",
    )
    sample = commands.add_parser("sample-size", help="ukuran sampel minimum (minimum sample size)")
    sample.add_argument("--population", required=True, help="jumlah pengguna layanan dalam periode (N)")
    sample.add_argument(
        "--method",
        choices=[method.value for method in SampleMethod],
        default=SampleMethod.KREJCIE_MORGAN.value,
    )
    sample.add_argument("--margin", default="0.05", help="margin of error, 0 < e < 1 (bawaan 0.05)")
    sample.add_argument("--floor", default=None, help="jumlah minimum responden, mis. 30 (floor)")
    sample.add_argument("--json", action="store_true", help="cetak satu objek JSON (print one JSON object)")
    return parser


def _comma(value: Decimal) -> str:
    """Indonesian decimal comma for human-readable output."""
    return str(value).replace(".", ",")


def _quote(raw: str) -> str:
    """Quote an option value for a message, kept on one line."""
    return '"' + re.sub(r"[\x00-\x1f\x7f]+", " ", raw) + '"'


def _whole_number(option: str, raw: str, minimum: int) -> int:
    """Parse an option as a whole number >= minimum, with a one-line bilingual complaint otherwise."""
    text, shown = raw.strip(), f"{option} {_quote(raw)}"
    if not _INTEGER.fullmatch(text):
        raise _BadOption(f"{shown} bukan bilangan bulat ({shown} is not a whole number)")
    value = int(text)
    if value < minimum:
        raise _BadOption(f"{shown} harus bilangan bulat >= {minimum} ({shown} must be >= {minimum})")
    return value


def _margin(raw: str) -> Fraction:
    """Parse --margin as an exact fraction strictly between 0 and 1 (0,05 and 0.05 both accepted)."""
    try:
        value = Fraction(raw.strip().replace(",", "."))
    except (ValueError, ZeroDivisionError):
        value = Fraction(-1)
    if not 0 < value < 1:
        raise _BadOption(
            f"--margin {_quote(raw)} harus angka antara 0 dan 1, mis. 0.05 "
            f"(--margin {_quote(raw)} must be a number between 0 and 1, e.g. 0.05)"
        )
    return value


def _ikm_json(result: IkmResult) -> str:
    """Exactly the documented keys, numbers rounded as the regulation prints them."""
    payload = {
        "respondents": result.respondents,
        "elements": {e.code: None if e.nrr is None else float(e.nrr) for e in result.elements},
        "ikm": float(result.ikm),
        "score": float(result.score),
        "grade": result.grade,
        "performance": result.performance,
    }
    return json.dumps(payload, ensure_ascii=False)


def _ikm_table(result: IkmResult, file: str) -> str:
    """An aligned, readable table of elements followed by the result and the convention used."""
    names = {e.code: e.name or e.code for e in result.elements}
    width = max(len("Unsur (element)"), *(len(name) for name in names.values()))
    lines = [
        f"IKM {get_regulation(result.regulation).title}: {file}",
        f"Responden (respondents): {result.respondents}",
        "",
        f"{'Kode':<5} {'Unsur (element)':<{width}} {'n':>6} {'NRR':>7}",
    ]
    for e in result.elements:
        nrr = "-" if e.nrr is None else _comma(e.nrr)
        lines.append(f"{e.code:<5} {names[e.code]:<{width}} {e.n:>6} {nrr:>7}")
    lines += [
        "",
        f"IKM (skala 1-4)                    : {_comma(result.ikm)}",
        f"Nilai konversi (IKM x 25)          : {_comma(result.score)}",
        f"Mutu pelayanan (grade)             : {result.grade}",
        f"Kinerja unit (performance)         : {result.performance}",
        f"Konvensi (convention): {result.weight_label}",
    ]
    return "\n".join(lines)


def _score_ikm(args: argparse.Namespace, out: TextIO) -> int:
    """Run `sikap score ikm`."""
    mode = args.weights or (WeightMode.LITERAL if args.literal_weight is not None else WeightMode.EXACT)
    if args.literal_weight is not None and mode != WeightMode.LITERAL:
        raise _BadOption(
            "--literal-weight hanya berlaku dengan --weights literal "
            "(--literal-weight applies only with --weights literal)"
        )
    try:
        resolve_weights(mode, literal_weight=args.literal_weight)
    except ValueError:
        raise _BadOption(
            f"--literal-weight {args.literal_weight!r} harus angka > 0 dan <= 1, mis. 0.111 "
            f"(--literal-weight must be a number > 0 and <= 1, e.g. 0.111)"
        ) from None
    data = read_ikm_csv(args.file)
    try:
        result = ikm_from_rows(data.rows, weights=mode, literal_weight=args.literal_weight)
    except NoAnswersError as error:
        raise ScoringInputError(
            data.file,
            None,
            ", ".join(error.codes),
            "tidak ada satu pun jawaban di kolom ini",
            "no answers at all in this column",
        ) from None
    print(_ikm_json(result) if args.json else _ikm_table(result, data.file), file=out)
    return EXIT_OK


def _ilk_json(result: ilk_scoring.IlkResult) -> str:
    def four(value: Fraction | None) -> float | None:
        return None if value is None else float(round_half_up(value, 4))

    payload = {
        "respondents": result.respondents,
        "domains": {code: four(value) for code, value in result.domains.items()},
        "perspectives": {
            name: four(value) for name, value in result.perspectives.items() if value is not None
        },
        "ilk": four(result.ilk),
        "score": float(result.score),
        "grade": result.grade,
    }
    return json.dumps(payload, ensure_ascii=False)


def _ilk_table(result: ilk_scoring.IlkResult, file: str) -> str:
    def shown(value: Fraction | None) -> str:
        return "-" if value is None else _comma(round_half_up(value, 4))

    names = dict(ilk_scoring.DOMAINS)
    lines = [
        f"ILK (Indeks Layanan Kesekretariatan): {file}",
        f"Responden (respondents): {result.respondents}",
        "",
    ]
    lines += [
        f"{code:<5} {names.get(code, code):<26} {shown(value):>7}" for code, value in result.domains.items()
    ]
    lines.append("")
    for name, value in result.perspectives.items():
        count = result.respondents_by_perspective.get(name, 0)
        weight = result.weights_used.get(name)
        share = "-" if weight is None else f"{_comma(round_half_up(weight * 100, 1))} %"
        lines.append(f"Perspektif {name:<9} n={count:<6} {shown(value):>7}  bobot (weight) {share}")
    if result.renormalised:
        lines.append(
            "Perspektif tanpa responden tidak dihitung; bobot lainnya disesuaikan "
            "(perspectives without respondents drop out; the other weights are rescaled)."
        )
    lines += [
        "",
        f"ILK (skala 1-4)             : {shown(result.ilk)}",
        f"Nilai konversi (ILK x 25)   : {_comma(result.score)}",
        f"Kategori (grade)            : {result.grade} ({result.label})",
    ]
    return "\n".join(lines)


def _score_ilk(args: argparse.Namespace, out: TextIO) -> int:
    """Run `sikap score ilk`."""
    weights = None
    if args.weights is not None:
        try:
            weights = ilk_scoring.parse_weights(args.weights)
        except ValueError as error:
            raise _BadOption(f"--weights: {error}") from None
    data = read_ilk_csv(args.file)
    moments, respondents = ilk_scoring.moments_from_rows(data.rows, data.items)
    try:
        result = ilk_scoring.ilk_from_moments(moments, respondents, weights)
    except ValueError:
        raise ScoringInputError(
            data.file,
            None,
            None,
            "tidak ada jawaban 1-4 pada perspektif yang berbobot",
            "no 1-4 answer in a perspective with a weight",
        ) from None
    print(_ilk_json(result) if args.json else _ilk_table(result, data.file), file=out)
    return EXIT_OK


def _sample_size(args: argparse.Namespace, out: TextIO) -> int:
    """Run `sikap sample-size`."""
    population = _whole_number("--population", args.population, 0)
    margin = _margin(args.margin)
    floor = None if args.floor is None else _whole_number("--floor", args.floor, 0)
    method = SampleMethod(args.method)
    sample = sample_size(population, method, margin, floor)
    if args.json:
        payload = {
            "population": population,
            "method": method.value,
            "margin": float(margin),
            "sample": sample,
        }
        print(json.dumps(payload), file=out)
        return EXIT_OK
    shown_margin = _comma(Decimal(margin.numerator) / Decimal(margin.denominator))
    # Indonesian groups thousands with a dot: 1.000 pengguna.
    shown_population, shown_sample = (f"{value:,}".replace(",", ".") for value in (population, sample))
    lines = [
        f"Untuk populasi {shown_population} pengguna layanan, sampel minimum {shown_sample} responden "
        f"(metode {_METHOD_TITLES[method]}, margin of error {shown_margin}).",
    ]
    if floor is not None and floor > population:
        lines.append(
            f"Batas bawah {floor} responden melebihi populasi, jadi semua pengguna layanan disurvei."
        )
    elif floor is not None:
        lines.append(f"Batas bawah {floor} responden sudah diperhitungkan.")
    if 0 < sample < population:
        achieved = f"{margin_of_error_proportion(sample, population) * 100:.1f}".replace(".", ",")
        lines.append(
            f"Dengan {sample} responden, margin of error yang tercapai untuk proporsi "
            f"(p = 0,5, dengan koreksi populasi terbatas) adalah ±{achieved} %."
        )
    elif sample:
        lines.append("Sampel sama dengan populasi (sensus), jadi tidak ada galat sampling.")
    print("\n".join(lines), file=out)
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: parse arguments, run the command; bad input gives exit 2 and one stderr line."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        # argparse has already printed usage or help; hand back its code instead of exiting the caller.
        return exit_.code if isinstance(exit_.code, int) else EXIT_BAD_INPUT
    try:
        if args.command == "score" and args.index == "ilk":
            return _score_ilk(args, sys.stdout)
        if args.command == "score":
            return _score_ikm(args, sys.stdout)
        return _sample_size(args, sys.stdout)
    except ScoringInputError as error:
        print(str(error), file=sys.stderr)
    except _BadOption as error:
        print(f"sikap {args.command}: {error}", file=sys.stderr)
    return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
