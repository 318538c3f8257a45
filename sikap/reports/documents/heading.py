"""What every report says of itself: the ministry's name and logo, its title and regulation, the unit,
period (and year) and service it is about, whether it pools a subtree, and the signature and date it
ends with."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from sikap.organisation.models import Period, Service, Unit
from sikap.reports import letterhead
from sikap.reports.documents.common import Signature, long_date, signature


@dataclass
class ReportHeading:
    title: str
    regulation: str
    unit_name: str
    unit_code: str
    period_name: str
    period_start: datetime.date
    period_end: datetime.date
    service_name: str
    pooled: bool
    signature: Signature
    generated_on: datetime.date
    ministry_name: str
    logo: str  # a data: URL, "" without a logo
    year: str
    period_start_text: str
    period_end_text: str


def heading(
    title: str,
    regulation: str,
    unit: Unit,
    period: Period,
    service: Service | None,
    *,
    pooled: bool,
    place: str,
    today: datetime.date | None,
) -> dict[str, Any]:
    """The fields of `ReportHeading`, for a report's constructor; the date is today's unless given."""
    day = today or timezone.localdate()
    current = letterhead.current()
    years = sorted({period.start.year, period.end.year})
    return {
        "title": _(title),  # marked with gettext_noop where it is defined
        "regulation": regulation,
        "unit_name": unit.name,
        "unit_code": unit.code,
        "period_name": period.name,
        "period_start": period.start,
        "period_end": period.end,
        "service_name": service.name if service is not None else "",
        "pooled": pooled,
        "signature": signature(unit, day, place),
        "generated_on": day,
        "ministry_name": letterhead.ministry_name(current),
        "logo": letterhead.logo_data_uri(current),
        "year": "/".join(str(y) for y in years),
        "period_start_text": long_date(period.start),
        "period_end_text": long_date(period.end),
    }
