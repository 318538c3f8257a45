"""QR codes of public links (segno) and the A4 counter poster (WeasyPrint), made offline."""

from __future__ import annotations

import io
from typing import Any

import segno
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from sikap.instruments.models import PublicLink

# Medium error correction survives a scuffed or partly covered poster without making the code too dense.
ERROR_LEVEL = "m"


def make_qr(url: str) -> segno.QRCode:
    return segno.make_qr(url, error=ERROR_LEVEL)


def qr_svg(url: str, *, scale: int = 8) -> bytes:
    """A standalone SVG document of the QR code for `url`."""
    out = io.BytesIO()
    make_qr(url).save(out, kind="svg", scale=scale, border=4, xmldecl=True, title=url)
    return out.getvalue()


def qr_png(url: str, *, scale: int = 10) -> bytes:
    """A PNG of the QR code for `url` (10 px per module: sharp when printed at a few centimetres)."""
    out = io.BytesIO()
    make_qr(url).save(out, kind="png", scale=scale, border=4)
    return out.getvalue()


class OfflineFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint ships no type hints
    """Lets WeasyPrint read `data:` URLs only, so rendering a poster never touches the network or disk."""

    def fetch(self, url: str, headers: Any = None) -> Any:
        if not url.startswith("data:"):
            raise ValueError(f"Sikap posters load no external resources: {url}")
        return super().fetch(url, headers)


def poster_pdf(link: PublicLink, url: str, instruments: list[Any]) -> bytes:
    """The A4 poster for a link: QR code, unit, service, period, instructions and the address as text."""
    context = {
        "link": link,
        "url": url,
        "qr": make_qr(url).svg_inline(border=0, omitsize=True, dark="#000"),
        "instruments": instruments,
    }
    html = render_to_string("instruments/poster.html", context)
    return bytes(HTML(string=html, url_fetcher=OfflineFetcher()).write_pdf())
