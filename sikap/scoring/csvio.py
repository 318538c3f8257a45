"""Read IKM answers from a CSV file, with one-line bilingual errors naming the file, row and column."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

from sikap.scoring.aggregate import Answer
from sikap.scoring.regulations import DEFAULT_REGULATION, Regulation, get_regulation

_WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")  # bounded: int() of thousands of digits fails
_DELIMITERS = (",", ";", "\t")


class ScoringInputError(ValueError):
    """Bad scoring input; str() is one line: file, row as a spreadsheet shows it, column, message."""

    def __init__(
        self,
        file: str,
        row: int | None,
        column: str | None,
        message_id: str,
        message_en: str,
    ) -> None:
        """Keep the location parts separate so callers (forms, the CLI) can show them their own way."""
        self.file = file
        self.row = row
        self.column = column
        self.message_id = message_id
        self.message_en = message_en
        super().__init__(self._render())

    def _render(self) -> str:
        """Indonesian first, English in brackets, on one line."""
        where_id = [f"baris {self.row}"] if self.row is not None else []
        where_en = [f"row {self.row}"] if self.row is not None else []
        if self.column is not None:
            where_id.append(f"kolom {self.column}")
            where_en.append(f"column {self.column}")
        prefix_id = f"{', '.join(where_id)}: " if where_id else ""
        prefix_en = f"{', '.join(where_en)}: " if where_en else ""
        text = f"{self.file}: {prefix_id}{self.message_id} ({prefix_en}{self.message_en})"
        return _one_line(text)


def _one_line(text: str) -> str:
    """Collapse control characters so a message always fits on a single line."""
    return re.sub(r"[\r\n\t\x00-\x1f\x7f]+", " ", text)


def _show(value: str) -> str:
    """Quote a cell for a message, shortened so a pasted paragraph does not flood the terminal."""
    shown = value if len(value) <= 30 else value[:27] + "..."
    return '"' + _one_line(shown) + '"'


@dataclass(frozen=True)
class IkmCsv:
    """Answer rows read from a CSV, keyed by element code, with each row's spreadsheet row number."""

    file: str
    rows: list[dict[str, Answer]]
    row_numbers: list[int]
    delimiter: str


def _read_text(path: Path, name: str) -> str:
    """Read the file as UTF-8 (BOM or not), turning OS and encoding errors into input errors."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ScoringInputError(name, None, None, "berkas tidak ditemukan", "file not found") from None
    except PermissionError:
        raise ScoringInputError(
            name, None, None, "berkas tidak boleh dibaca (izin ditolak)", "permission denied"
        ) from None
    except IsADirectoryError:
        raise ScoringInputError(name, None, None, "ini folder, bukan berkas", "is a directory") from None
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise ScoringInputError(
            name, None, None, "berkas tidak dapat dibaca", f"cannot read: {reason}"
        ) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        # Count physical lines up to the bad byte: close enough to point the user at the right row.
        line = data[: error.start].count(b"\n") + 1
        raise ScoringInputError(
            name,
            line,
            None,
            "bukan teks UTF-8; simpan ulang sebagai CSV UTF-8",
            "not UTF-8 text; save it again as CSV UTF-8",
        ) from None


def _delimiter(header_line: str) -> str:
    """Pick the delimiter the header uses most: Indonesian Excel writes ';', others ','."""
    counts = {delimiter: header_line.count(delimiter) for delimiter in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def _parse_cell(cell: str, name: str, row: int, code: str, scale_min: int, scale_max: int) -> Answer:
    """One score cell: blank = not answered, else a whole number on the scale."""
    text = cell.strip()
    if not text:
        return None
    scale = f"{scale_min}-{scale_max}"
    if not _WHOLE_NUMBER.fullmatch(text):
        raise ScoringInputError(
            name,
            row,
            code,
            f"nilai {_show(text)} bukan bilangan bulat {scale}",
            f"value {_show(text)} is not a whole number {scale}",
        )
    value = int(text)
    if not scale_min <= value <= scale_max:
        raise ScoringInputError(
            name,
            row,
            code,
            f"nilai {_show(text)} di luar skala {scale}",
            f"value {_show(text)} outside scale {scale}",
        )
    return value


def _header_positions(header: list[str], codes: tuple[str, ...], name: str) -> dict[str, int]:
    """Map each element code to its column, matching names trimmed and case-insensitively."""
    positions: dict[str, int] = {}
    for index, raw in enumerate(header):
        label = raw.strip().upper()
        if label in codes:
            if label in positions:
                raise ScoringInputError(
                    name,
                    1,
                    label,
                    "muncul dua kali di baris judul",
                    "appears twice in the header row",
                )
            positions[label] = index
    missing = [code for code in codes if code not in positions]
    if missing:
        listed = ", ".join(missing)
        raise ScoringInputError(
            name,
            1,
            listed,
            "tidak ada di baris judul",
            "missing from the header row",
        )
    return positions


def read_ikm_csv(
    path: str | PathLike[str],
    *,
    regulation: str | Regulation = DEFAULT_REGULATION,
    display_name: str | None = None,
) -> IkmCsv:
    """Read IKM answers: columns named by element code (U1..U9) hold the scale; other columns are ignored.

    Blank cells are unanswered. Rows are numbered as a spreadsheet shows them (header = row 1).
    """
    reg = get_regulation(regulation)
    name = display_name if display_name is not None else str(path)
    text = _read_text(Path(path), name)
    first_line = text.split("\n", 1)[0]
    if not text.strip():
        raise ScoringInputError(
            name, None, None, "berkas kosong, tidak ada baris judul", "empty file, no header"
        )
    delimiter = _delimiter(first_line)
    rows: list[dict[str, Answer]] = []
    numbers: list[int] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
        positions = _header_positions(header, reg.codes, name)
        for number, record in enumerate(reader, start=2):
            if not any(cell.strip() for cell in record):
                continue  # blank lines, often trailing ones from spreadsheets
            rows.append(
                {
                    code: _parse_cell(
                        record[index] if index < len(record) else "",
                        name,
                        number,
                        code,
                        reg.scale_min,
                        reg.scale_max,
                    )
                    for code, index in positions.items()
                }
            )
            numbers.append(number)
    except csv.Error as error:
        row = reader.line_num or None
        raise ScoringInputError(
            name, row, None, f"format CSV rusak: {error}", f"malformed CSV: {error}"
        ) from None
    if not rows:
        raise ScoringInputError(
            name, None, None, "tidak ada baris data setelah baris judul", "no data rows after the header"
        )
    return IkmCsv(file=name, rows=rows, row_numbers=numbers, delimiter=delimiter)


_ITEM_COLUMN = re.compile(r"[A-Z][A-Z0-9]*\.[A-Z0-9]+")
_NOT_APPLICABLE = frozenset({"NA", "N/A", "TT", "TIDAK TAHU", "TIDAK BERLAKU"})


@dataclass(frozen=True)
class IlkCsv:
    """ILK answers from a CSV: (perspective, item -> answer) per row; items are the DOMAIN.ITEM columns."""

    file: str
    items: tuple[str, ...]
    rows: list[tuple[str, dict[str, Answer]]]


def read_ilk_csv(path: str | PathLike[str], *, display_name: str | None = None) -> IlkCsv:
    """Read `perspektif` (blank = pengguna; English accepted) and DOMAIN.ITEM columns of 1-4, blank or NA."""
    from sikap.scoring.ilk import SCALE_MAX, SCALE_MIN, perspective_of

    name = display_name if display_name is not None else str(path)
    text = _read_text(Path(path), name)
    if not text.strip():
        raise ScoringInputError(
            name, None, None, "berkas kosong, tidak ada baris judul", "empty file, no header"
        )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text.split("\n", 1)[0]))
    rows: list[tuple[str, dict[str, Answer]]] = []
    try:
        header = [cell.strip() for cell in next(reader)]
        labels = [cell.upper() for cell in header]
        items = {label: i for i, label in enumerate(labels) if _ITEM_COLUMN.fullmatch(label)}
        duplicated = sorted({label for label in items if labels.count(label) > 1})
        if duplicated:
            raise ScoringInputError(
                name, 1, duplicated[0], "muncul dua kali di baris judul", "appears twice in the header row"
            )
        if not items:
            raise ScoringInputError(
                name,
                1,
                None,
                "tidak ada kolom butir bernama DOMAIN.BUTIR (mis. KEP.K)",
                "no item column named DOMAIN.ITEM (e.g. KEP.K)",
            )
        where = labels.index("PERSPEKTIF") if "PERSPEKTIF" in labels else None
        if where is None and "PERSPECTIVE" in labels:
            where = labels.index("PERSPECTIVE")
        for number, record in enumerate(reader, start=2):
            if not any(cell.strip() for cell in record):
                continue
            raw = record[where] if where is not None and where < len(record) else ""
            perspective = perspective_of(raw)
            if perspective is None:
                raise ScoringInputError(
                    name,
                    number,
                    header[where] if where is not None else "perspektif",
                    f"perspektif {_show(raw)} tidak dikenal; pakai pengguna, penyedia atau pimpinan",
                    f"unknown perspective {_show(raw)}; use pengguna (user), penyedia (provider) "
                    "or pimpinan (leader)",
                )
            answers: dict[str, Answer] = {}
            for item, index in items.items():
                cell = record[index] if index < len(record) else ""
                if cell.strip().upper() in _NOT_APPLICABLE:
                    answers[item] = None
                else:
                    answers[item] = _parse_cell(cell, name, number, header[index], SCALE_MIN, SCALE_MAX)
            rows.append((perspective, answers))
    except csv.Error as error:
        raise ScoringInputError(
            name, reader.line_num or None, None, f"format CSV rusak: {error}", f"malformed CSV: {error}"
        ) from None
    if not rows:
        raise ScoringInputError(
            name, None, None, "tidak ada baris data setelah baris judul", "no data rows after the header"
        )
    return IlkCsv(file=name, items=tuple(items), rows=rows)
