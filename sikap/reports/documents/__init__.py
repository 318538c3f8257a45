"""The SKM, SPKP/SPAK and internal surveys' (integrity, ILK) reports: plain rows from the indices (one
module per report: `skm`, `perception`, `internal`,
their shared parts in `common`), laid out by one module per format (`pdf`, `xlsx`); `build` makes the file.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.text import slugify

from sikap.organisation.models import Period, Service, Unit
from sikap.reports.documents.common import ProgressFn, no_progress
from sikap.reports.documents.internal import internal_report
from sikap.reports.documents.internal_xlsx import internal_xlsx
from sikap.reports.documents.pdf import internal_pdf, perception_pdf, skm_pdf
from sikap.reports.documents.perception import perception_report
from sikap.reports.documents.skm import skm_report
from sikap.reports.documents.xlsx import perception_xlsx, skm_xlsx

KINDS = ("skm", "spkp-spak", "integritas", "ilk")
# Kinds built at once, even for a subtree: their roll-up reads a fixed number of queries.
INLINE_KINDS = ("integritas", "ilk")
FORMATS = ("pdf", "xlsx")
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# Per kind: the function making its plain rows, and the renderer of each format.
REPORTS: dict[str, tuple[Callable[..., Any], dict[str, Callable[[Any], bytes]]]] = {
    "skm": (skm_report, {"pdf": skm_pdf, "xlsx": skm_xlsx}),
    "spkp-spak": (perception_report, {"pdf": perception_pdf, "xlsx": perception_xlsx}),
    "integritas": (partial(internal_report, code="INTEGRITAS"), {"pdf": internal_pdf, "xlsx": internal_xlsx}),
    "ilk": (partial(internal_report, code="ILK"), {"pdf": internal_pdf, "xlsx": internal_xlsx}),
}


@dataclass(frozen=True)
class Built:
    content: bytes
    filename: str
    content_type: str


def filename(kind: str, fmt: str, unit: Unit, period: Period, service: Service | None = None) -> str:
    parts = ["laporan", kind, unit.code, *([slugify(service.name)] if service else []), slugify(period.name)]
    return "-".join(parts) + f".{fmt}"


def build(
    kind: str,
    fmt: str,
    unit: Unit,
    period: Period,
    *,
    subtree: bool = False,
    service: Service | None = None,
    place: str = "",
    today: datetime.date | None = None,
    progress: ProgressFn = no_progress,
    language: str = "",
) -> Built:
    """The report file in `language` (the reader's when empty: a background job passes its requester's).
    Raises ReportError (a clear message) when it cannot be made."""
    make_rows, renderers = REPORTS[kind]
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        rows = make_rows(
            unit, period, subtree=subtree, service=service, place=place, today=today, progress=progress
        )
        content = renderers[fmt](rows)
    return Built(content, filename(kind, fmt, unit, period, service), CONTENT_TYPES[fmt])
