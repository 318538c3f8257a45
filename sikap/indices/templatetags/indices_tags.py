"""Numbers the Indonesian way on index pages: decimal comma, dot between thousands (1.234,56)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

# Statistical terms with one plain line each: pages name the term and say what it means.
TERMS = {
    "ci": (
        _("Selang kepercayaan 95%"),
        _("rentang yang dengan keyakinan 95% memuat nilai sebenarnya; makin sempit, makin tepat."),
    ),
    "cv": (
        _("Koefisien variasi"),
        _("simpangan baku dibagi rata-rata; makin kecil, makin merata nilai antarunit."),
    ),
    "gini": (
        _("Gini"),
        _("0 berarti semua nilai sama; makin mendekati 1, makin timpang."),
    ),
    "ipa": (
        _("Kuadran kepentingan-kinerja (IPA)"),
        _(
            "membandingkan kinerja tiap unsur dengan seberapa penting unsur itu bagi pengguna; "
            "kuadran I (penting tetapi kinerjanya di bawah rata-rata) menjadi prioritas perbaikan."
        ),
    ),
}

DASH = "—"


@register.filter
def idnum(value: Any, places: Any = 2) -> str:
    """`{{ 87.556|idnum }}` -> "87,56"; `{{ 1234|idnum:0 }}` -> "1.234"; None or blank -> "—"."""
    if value is None or value == "":
        return DASH
    try:
        digits = int(places)
        number = (
            Decimal(value.numerator) / Decimal(value.denominator)
            if isinstance(value, Fraction)
            else Decimal(str(value))
        )
        if not number.is_finite():
            return DASH
        rounded = number.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    except (InvalidOperation, TypeError, ValueError):
        return DASH
    text = f"{abs(rounded):,.{digits}f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"-{text}" if rounded < 0 else text


@register.filter
def percent_of(part: Any, whole: Any) -> float:
    """part / whole x 100, capped to 0-100, for bar widths and meters (0 when whole is 0 or missing)."""
    try:
        share = 100 * float(part or 0) / float(whole)
    except (TypeError, ValueError, ZeroDivisionError):
        return 0.0
    return max(0.0, min(100.0, share))


@register.filter
def dotnum(value: Any, places: int = 2) -> str:
    """A number with a decimal point for HTML attributes (<meter value>), never localised."""
    try:
        return f"{float(value):.{int(places)}f}"
    except (TypeError, ValueError):
        return "0"


@register.simple_tag(takes_context=True)
def query_with(context: dict[str, Any], **changes: Any) -> str:
    """The current query string with some parameters replaced (a blank value removes one)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = str(value)
    return query.urlencode()


@register.inclusion_tag("indices/_term.html")
def term(code: str) -> dict[str, Any]:
    """A statistical term with its plain explanation on hover (`<abbr title>`)."""
    label, explanation = TERMS[code]
    return {"label": label, "explanation": explanation}


@register.inclusion_tag("indices/_terms.html")
def explain(*codes: str) -> dict[str, Any]:
    """The plain one-line explanations of the statistical terms a page shows, visible below it."""
    return {"terms": [TERMS[code] for code in codes]}
