"""One-time service codes: drawing and printing them. Issuing is an action (`responses.actions`).

A unit issues codes for a period; they are printed on receipts and each is used once by a response.

A code has 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L), so it can be read from
paper and typed on a phone without doubt: 31^8, about 8.5e11 codes, far beyond what can be guessed.
"""

from __future__ import annotations

import io
import secrets
from collections.abc import Iterable, Mapping, Sequence

from django.template.loader import render_to_string
from weasyprint import HTML

from sikap.instruments.qr import OfflineFetcher, make_qr
from sikap.lib.spreadsheet import csv_writer
from sikap.organisation.models import Period, Unit
from sikap.responses.models import ServiceCode

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 8
MAX_PER_BATCH = 1000
# Two columns of four on A4: a slip of 95 x 68 mm holds the QR code and stays easy to cut by hand.
SLIPS_PER_PAGE = 8


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def as_csv(codes: Iterable[ServiceCode], unit: Unit, period: Period) -> str:
    """The codes as a CSV to print on receipts: one code a line, with the unit and period."""
    out = io.StringIO()
    writer = csv_writer(out)  # the unit's name is an admin's text: defused
    writer.writerow(["kode", "unit", "nama_unit", "periode"])
    for code in codes:
        writer.writerow([code.code, unit.code, unit.name, period.name])
    return out.getvalue()


def slips_pdf(
    codes: Sequence[str], unit: Unit, period: Period, url: str | None, texts: Mapping[str, str] | None = None
) -> bytes:
    """A4 pages of slips to cut along the dashed lines: each with the code, the unit and the survey's address.

    Without an open link for the period (`url` None) the slips still carry the code and the unit. `texts`
    replaces the service-code wording (`kicker`, `label`, `how`) for other one-time codes (invitations).
    """
    pages = [list(codes[i : i + SLIPS_PER_PAGE]) for i in range(0, len(codes), SLIPS_PER_PAGE)]
    rows = [[page[i : i + 2] for i in range(0, len(page), 2)] for page in pages]
    context = {
        "pages": rows,
        "unit": unit,
        "period": period,
        "url": url,
        "qr": make_qr(url).svg_inline(border=0, omitsize=True, dark="#000") if url else "",
        **(texts or {}),
    }
    html = render_to_string("responses/operator/code_slips.html", context)
    return bytes(HTML(string=html, url_fetcher=OfflineFetcher()).write_pdf())
