"""Shared test data: the DOMAIN worked example as rollups, rows and a CSV file."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

CODES = tuple(f"U{i}" for i in range(1, 10))
WORKED_RESPONDENTS = 29
WORKED_TOTALS = dict(zip(CODES, (105, 101, 100, 116, 102, 105, 106, 105, 115), strict=True))
WORKED_COUNTS = dict.fromkeys(CODES, WORKED_RESPONDENTS)
WORKED_NRR = dict(
    zip(
        CODES,
        map(
            Decimal,
            ("3.6207", "3.4828", "3.4483", "4.0000", "3.5172", "3.6207", "3.6552", "3.6207", "3.9655"),
        ),
        strict=True,
    )
)


def column_with_total(total: int, n: int, offset: int = 0) -> list[int]:
    """N scores of 1-4 summing to total, the higher ones rotated by offset so columns differ."""
    base, extra = divmod(total, n)
    column = [base + 1 if i < extra else base for i in range(n)]
    if base == 4:
        column = [4] * n
    return column[offset:] + column[:offset]


def worked_rows() -> list[dict[str, int | None]]:
    """The 29 respondents of the worked example, with the published element totals."""
    columns = {
        code: column_with_total(total, WORKED_RESPONDENTS, offset=index * 3)
        for index, (code, total) in enumerate(WORKED_TOTALS.items())
    }
    return [{code: columns[code][i] for code in CODES} for i in range(WORKED_RESPONDENTS)]


def write_csv(
    path: Path,
    rows: Sequence[dict[str, int | None]],
    *,
    delimiter: str = ",",
    extra_columns: bool = True,
    encoding: str = "utf-8",
) -> Path:
    """Write answer rows as a spreadsheet would, with a couple of profile columns to be ignored."""
    header = ["Tanggal", "Usia", *CODES, "Saran"] if extra_columns else list(CODES)
    with path.open("w", newline="", encoding=encoding) as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header)
        for index, row in enumerate(rows):
            cells = ["" if row.get(code) is None else str(row[code]) for code in CODES]
            profile = ["2025-01-02", str(20 + index)] if extra_columns else []
            writer.writerow([*profile, *cells, *(["baik; ramah, cepat"] if extra_columns else [])])
    return path
