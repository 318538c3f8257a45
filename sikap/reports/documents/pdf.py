"""Reports as A4 PDF with WeasyPrint: system DejaVu fonts (embedded by WeasyPrint), no network fetches."""

from __future__ import annotations

from django.template.loader import render_to_string
from weasyprint import HTML

from sikap.instruments.qr import OfflineFetcher
from sikap.reports.documents.internal import InternalReport
from sikap.reports.documents.perception import PerceptionReport
from sikap.reports.documents.skm import SkmReport


def _pdf(template: str, context: dict[str, object]) -> bytes:
    # In the language `documents.build` chose (Indonesian unless English was asked for).
    html = render_to_string(template, context)
    return bytes(HTML(string=html, url_fetcher=OfflineFetcher()).write_pdf())


def skm_pdf(report: SkmReport) -> bytes:
    return _pdf("reports/pdf/skm.html", {"report": report})


def perception_pdf(report: PerceptionReport) -> bytes:
    return _pdf("reports/pdf/spkp_spak.html", {"report": report})


def internal_pdf(report: InternalReport) -> bytes:
    return _pdf("reports/pdf/internal.html", {"report": report})
