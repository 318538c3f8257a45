"""Where a submission keeps each profile value: the one mapping from a field code to its storage.

The standard fields keep their own columns (`age`, `sex`, `education`, `occupation`: indexed, constrained,
read by many queries); any other profile field a version defines lives in `Submission.extra` under its
code. Actions, tallies (incremental and rebuilt), exports (Python and PostgreSQL COPY) and the operator's
pages read and write through these functions, so no other module knows which is which.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from sikap.responses.models import Submission

COLUMNS = ("age", "sex", "education", "occupation")
INTEGER_COLUMNS = ("age",)
_SAFE_CODE = re.compile(r"^[-a-zA-Z0-9_]+$")


def value_of(submission: Submission, code: str) -> Any:
    """The stored value of a profile field (None or "" when blank)."""
    if code in COLUMNS:
        return getattr(submission, code)
    return (submission.extra or {}).get(code)


def store(submission: Submission, code: str, value: Any) -> None:
    """Put a cleaned profile value where it belongs (the columns keep "" for a blank text)."""
    if code in COLUMNS:
        blank: Any = None if code in INTEGER_COLUMNS else ""
        setattr(submission, code, blank if value in (None, "") else value)
    elif value in (None, ""):
        (submission.extra or {}).pop(code, None)
    else:
        submission.extra = {**(submission.extra or {}), code: value}


def stored_in(codes: Sequence[str]) -> tuple[list[str], bool]:
    """The Submission columns these codes read, and whether `extra` is needed too."""
    return [c for c in COLUMNS if c in codes], any(c not in COLUMNS for c in codes)


def read_stored(code: str, columns: dict[str, Any]) -> Any:
    """A profile value from a row read as {column: value} (with "extra" when `stored_in` asked for it)."""
    if code in COLUMNS:
        return columns[code]
    return (columns.get("extra") or {}).get(code)


def sql_value(alias: str, code: str, vendor: str, *, integer: bool = False) -> str:
    """A SQL expression for a profile value of submission row `alias` (NULL or '' when blank).

    Codes are written into the SQL, so only slug codes pass; values inside `extra` are JSON.
    """
    if not _SAFE_CODE.match(code):
        raise ValueError(f"not a field code: {code!r}")
    if code in COLUMNS:
        return f"{alias}.{code}"
    if vendor == "postgresql":
        text = f"({alias}.extra::jsonb ->> '{code}')"
        return f"CAST({text} AS integer)" if integer else text
    text = f"json_extract({alias}.extra, '$.\"{code}\"')"
    return f"CAST({text} AS INTEGER)" if integer else f"CAST({text} AS TEXT)"


def sql_literal(text: str) -> str:
    return "'" + str(text).replace("'", "''") + "'"


def sql_band(expression: str, bands: Sequence[Sequence[Any]], blank: str) -> str:
    """A CASE giving the band label of an integer expression (`blank`, a SQL literal, when NULL)."""
    whens = " ".join(
        f"WHEN {expression} < {int(upper)} THEN {sql_literal(label)}"
        for upper, label in bands
        if upper is not None
    )
    last = next((sql_literal(label) for upper, label in bands if upper is None), blank)
    return f"CASE WHEN {expression} IS NULL THEN {blank} {whens} ELSE {last} END"
