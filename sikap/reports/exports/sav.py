"""The SPSS .sav writer of an export: gathered in compact columns, then written by pyreadstat at once.

It cannot stream: pyreadstat writes a whole data frame. Each column is kept as one- or two-byte codes
(masked Int8/Int16) or categories while the chunks are read, which bounds the memory (docs/benchmarks.md).
A score column keeps -1 for blank (0 is a score on a 0-5 scale) and writes "not applicable / don't know"
as the user-missing code `NA_SAV` with its value label, so SPSS leaves it out of every statistic.
Text is written exact, without `sikap.lib.spreadsheet.safe_cell`'s apostrophe: SPSS, PSPP, R and pandas
read .sav values as data and run no formula, and no spreadsheet opens a .sav itself.
"""

from __future__ import annotations

import textwrap
from array import array
from typing import Any

from sikap.reports.exports.rows import NA_CODE, NA_LABEL, PRIVACY_NOTE, Column, Rows

NA_SAV = 99  # "Tidak berlaku/tidak tahu" in .sav: above every scale (at most 10) and every age in a score
BLANK_SCORE = -1


def write_sav(export: Rows, path: str) -> None:
    """Not streamed: pyreadstat needs the whole frame. Codes are kept small to bound the memory."""
    import pandas as pd
    import pyreadstat

    sinks = [_Sink(column) for column in export.layout.columns]
    for rows in export.chunks():
        for sink, values in zip(sinks, zip(*rows, strict=True), strict=True):
            sink.add(values)
    frame, columns = (
        pd.DataFrame({sink.column.name: sink.series() for sink in sinks}),
        export.layout.columns,
    )
    sinks.clear()  # the frame holds copies; the gathered arrays can go
    labels: dict[str, dict[int | float, str]] = {}
    for c in columns:
        if c.values or c.na:
            labels[c.name] = {k: v for k, v in c.values.items()}
            if c.na:
                labels[c.name][NA_SAV] = NA_LABEL
    pyreadstat.write_sav(
        frame,
        path,
        file_label=f"Sikap: {export.scope.unit.code}, {export.scope.period.name}"[:64],
        column_labels={c.name: c.label for c in columns},
        variable_value_labels=labels,
        variable_measure={c.name: c.measure for c in columns},
        missing_ranges={c.name: [NA_SAV] for c in columns if c.na},
        row_compress=True,
        note=textwrap.wrap(PRIVACY_NOTE, 80),  # SPSS documents are lines of 80 bytes
    )


class _Sink:
    """One column of a .sav export, gathered compactly chunk by chunk."""

    def __init__(self, column: Column) -> None:
        self.column = column
        self.data: Any = array({"number": "i", "category": "i", "coded": "h"}.get(column.kind, "b"))
        self.data = [] if column.kind in ("date", "text") else self.data
        self.seen: dict[Any, Any] = {}

    def add(self, values: tuple[Any, ...]) -> None:
        kind, seen = self.column.kind, self.seen
        if kind in ("number", "flag", "text"):
            self.data.extend(values)
        elif kind == "score":  # 0 is a score on a 0-5 scale: blank is -1, "not applicable" NA_SAV
            self.data.extend([BLANK_SCORE if v is None else NA_SAV if v == NA_CODE else v for v in values])
        elif kind == "date":
            self.data.extend([seen.setdefault(v, v) for v in values])  # one object per distinct day
        elif kind == "category":
            self.data.extend([seen[v] if v in seen else seen.setdefault(v, len(seen)) for v in values])
        else:
            codes = self.column.codes
            self.data.extend([codes[v] if v in codes else self._new_code(v) for v in values])

    def _new_code(self, value: Any) -> int:
        """A stored value the current choices no longer list (older versions, imports) gets its own code."""
        code = max(self.column.values, default=0) + 1
        self.column.codes[value] = code
        self.column.values[code] = str(value)
        return code

    def series(self) -> Any:
        import numpy as np
        import pandas as pd

        kind = self.column.kind
        if kind in ("date", "text"):
            return pd.Series(self.data, dtype=object)
        values = np.frombuffer(self.data, dtype=self.data.typecode)
        if kind == "category":
            categories = sorted(self.seen, key=self.seen.__getitem__)
            return pd.Categorical.from_codes(values.astype(np.int32), categories=categories)
        blank = values == (BLANK_SCORE if kind == "score" else 0)
        if kind in ("score", "coded") and blank.any():
            return pd.arrays.IntegerArray(values.copy(), blank)
        return values.copy()
