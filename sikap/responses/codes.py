"""One-time service codes: issued by a unit for a period, printed on receipts, used once by a response.

A code has 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L), so it can be read from
paper and typed on a phone without doubt: 31^8, about 8.5e11 codes, far beyond what can be guessed.
"""

from __future__ import annotations

import csv
import io
import secrets
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from sikap.audit.actions import record
from sikap.organisation.models import Period, Unit
from sikap.responses.models import ServiceCode

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 8
MAX_PER_BATCH = 1000


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def issue_codes(actor: Any, unit: Unit, period: Period, count: int) -> list[ServiceCode]:
    """Issue `count` new unique codes for the unit and period, in one audited transaction."""
    if not 1 <= count <= MAX_PER_BATCH:
        raise ValidationError({"count": _("Jumlah kode harus antara 1 dan %(n)s.") % {"n": MAX_PER_BATCH}})
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return _issue(actor, unit, period, count)
        except IntegrityError:
            # A collision with a code issued at the same moment elsewhere: draw again.
            continue
    raise RuntimeError("could not draw unique service codes")


def _issue(actor: Any, unit: Unit, period: Period, count: int) -> list[ServiceCode]:
    drawn: set[str] = set()
    while len(drawn) < count:
        drawn.update(new_code() for _ in range(count - len(drawn)))
        taken = set(ServiceCode.objects.filter(code__in=drawn).values_list("code", flat=True))
        drawn -= taken
    user = actor if getattr(actor, "pk", None) else None
    codes = ServiceCode.objects.bulk_create(
        [ServiceCode(unit=unit, period=period, code=code, issued_by=user) for code in sorted(drawn)]
    )
    # The codes themselves stay out of the trail: it is read more widely than the receipts are.
    record(
        actor,
        "service_code.issue",
        unit,
        after={"period": period.pk, "period_name": period.name, "count": len(codes)},
    )
    return codes


def as_csv(codes: Iterable[ServiceCode], unit: Unit, period: Period) -> str:
    """The codes as a CSV to print on receipts: one code a line, with the unit and period."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["kode", "unit", "nama_unit", "periode"])
    for code in codes:
        writer.writerow([code.code, unit.code, unit.name, period.name])
    return out.getvalue()
