"""Indicators 6-9 prefilled from Sikap's own data: the SKM done in the year, where it was published,
the share and speed of follow-up completed."""

from __future__ import annotations

from typing import Any

from sikap.pekppp.models import Indicator, Lokus


def figures_for(lokus: Lokus, indicators: list[Indicator]) -> dict[str, list[str]]:
    """{indicator code: lines of figures} for the indicators with a prefill key."""
    return {}


def suggested_answers(lokus: Lokus, indicators: list[Indicator]) -> dict[str, dict[str, Any]]:
    return {}
