"""Reading the F-02 and F-03 files of `sikap pekppp import-f02|import-f03`: whole-file checks that name
every problem by row and column, so an import is all or nothing."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from sikap.lib.inputs import clean_text, parse_integer
from sikap.pekppp.actions import LevelRow
from sikap.pekppp.models import Indicator


@dataclass
class Problems:
    """Every problem of a file, each with its row (the header is row 1) and column."""

    lines: list[str] = field(default_factory=list)

    def add(self, row: int, column: str, message: str) -> None:
        self.lines.append(
            _("Baris %(row)s, kolom %(column)s: %(message)s")
            % {"row": row, "column": column, "message": message}
        )

    def whole_file(self, message: str) -> None:
        self.lines.append(message)

    def __bool__(self) -> bool:
        return bool(self.lines)


def rows_of(content: bytes, problems: Problems) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The header and the rows of a CSV file (UTF-8, with or without BOM; comma, semicolon or tab), each
    row with its line number in the file (the header is 1); empty rows are skipped, not renumbered. A file
    that is not UTF-8 or not CSV (a cell over the csv module's limit, a stray NUL) is a problem, no rows."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        problems.whole_file(_("Berkas CSV harus berkodifikasi UTF-8 (di Excel: “CSV UTF-8”)."))
        return [], []
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(
            text.split("\n", 1)[0], delimiters=",;\t"
        )
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    rows = []
    try:
        header = [name.strip() for name in reader.fieldnames or []]
        for row in reader:
            values = {
                (k or "").strip().lower(): (v or "").strip() for k, v in row.items() if isinstance(v, str)
            }
            if any(values.values()):
                rows.append((reader.line_num, values))
    except csv.Error:
        problems.whole_file(_("Berkas CSV rusak atau berisi sel yang terlalu panjang; periksa isinya."))
        return [], []
    return header, rows


def _level(raw: str) -> int | None:
    value = parse_integer(raw)
    return value if value is not None and 0 <= value <= 5 else None


def read_f02(content: bytes, indicators: Iterable[Indicator]) -> tuple[list[LevelRow], Problems]:
    """Levels from a file with columns `indikator` (number 1-30 or code such as 1.a.Ak), `nilai` (0-5)
    and optionally `catatan`; `indicators` are the lokus' own (its variant's)."""
    by_key: dict[str, Indicator] = {}
    for item in indicators:
        by_key[str(item.number)] = item
        by_key[item.code.lower()] = item
    problems = Problems()
    header, rows = rows_of(content, problems)
    if problems:
        return [], problems
    lowered = [h.lower() for h in header]
    for column in ("indikator", "nilai"):
        if column not in lowered:
            problems.add(1, column, _("kolom wajib tidak ada"))
    unknown = [h for h in lowered if h not in ("indikator", "nilai", "catatan")]
    for column in unknown:
        problems.add(1, column, _("kolom tidak dikenal (yang dikenal: indikator, nilai, catatan)"))
    if problems:
        return [], problems
    if not rows:
        problems.add(2, "indikator", _("berkas tidak berisi baris nilai"))
    found: list[LevelRow] = []
    seen: dict[int, int] = {}
    for number, row in rows:
        indicator = by_key.get(row["indikator"].lower())
        if indicator is None:
            problems.add(
                number,
                "indikator",
                _("%(value)r bukan nomor (1-30) atau kode indikator unit ini")
                % {"value": row["indikator"][:30]},
            )
        elif indicator.pk in seen:
            problems.add(
                number,
                "indikator",
                _("indikator %(code)s sudah ada di baris %(row)s")
                % {"code": indicator.code, "row": seen[indicator.pk]},
            )
        else:
            seen[indicator.pk] = number
        level = _level(row["nilai"])
        if level is None:
            problems.add(
                number, "nilai", _("%(value)r bukan nilai bulat 0 sampai 5") % {"value": row["nilai"][:30]}
            )
        note, error = clean_text(row.get("catatan", ""), long=True)
        if error:
            problems.add(number, "catatan", error)
        if indicator is not None and level is not None and note is not None:
            found.append(LevelRow(indicator, level, note, number))
    return found, problems


def read_f03(content: bytes, item_codes: Iterable[str]) -> tuple[list[dict[str, int | None]], Problems]:
    """Answers from a file with one column per F-03 item named by its official number (1-12, 14, 15),
    one row per respondent; values 0-5, blank for an item not answered."""
    codes = list(item_codes)
    problems = Problems()
    header, rows = rows_of(content, problems)
    if problems:
        return [], problems
    for column in header:
        if column not in codes:
            problems.add(
                1, column, _("bukan nomor butir F-03 (yang ada: %(codes)s)") % {"codes": ", ".join(codes)}
            )
    if not header:
        problems.add(1, "-", _("berkas kosong"))
    if problems:
        return [], problems
    if not rows:
        problems.add(2, header[0], _("berkas tidak berisi jawaban"))
    found = []
    for number, row in rows:
        answers: dict[str, int | None] = {}
        for code in header:
            raw = row.get(code.lower(), "")
            if raw == "":
                answers[code] = None
                continue
            value = _level(raw)
            if value is None:
                problems.add(
                    number, code, _("%(value)r bukan jawaban bulat 0 sampai 5") % {"value": raw[:30]}
                )
            answers[code] = value
        if all(v is None for v in answers.values()):
            problems.add(number, header[0], _("baris tanpa satu pun jawaban"))
        found.append(answers)
    return found, problems
