"""One-time service codes: drawing and printing them. Issuing is an action (`responses.actions`).

A unit issues codes for a period; they are printed on receipts and each is used once by a response.

A code has 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L), so it can be read from
paper and typed on a phone without doubt: 31^8, about 8.5e11 codes, far beyond what can be guessed.
"""

from __future__ import annotations

import csv
import io
import secrets
from collections.abc import Iterable

from sikap.organisation.models import Period, Unit
from sikap.responses.models import ServiceCode

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 8
MAX_PER_BATCH = 1000


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def as_csv(codes: Iterable[ServiceCode], unit: Unit, period: Period) -> str:
    """The codes as a CSV to print on receipts: one code a line, with the unit and period."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["kode", "unit", "nama_unit", "periode"])
    for code in codes:
        writer.writerow([code.code, unit.code, unit.name, period.name])
    return out.getvalue()
