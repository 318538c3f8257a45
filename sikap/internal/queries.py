"""Reads of the internal surveys' data that other apps need: headcounts and the anonymity rules.

Bulk first: one query whatever the number of units or campaigns.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sikap.instruments.models import Campaign, InstrumentVersion
from sikap.internal.models import MIN_K, Headcount, InternalSettings
from sikap.organisation.models import Period


def headcounts(units: Iterable[int] | Any, period: Period) -> dict[int, int]:
    """Each unit's headcount in the period (the roster's size, or the admin's override); units without a
    headcount row are absent. `units` are ids or an id subquery. One query."""
    rows = Headcount.objects.filter(period=period, unit_id__in=units).values_list(
        "unit_id", "roster", "override"
    )
    return {unit_id: override if override is not None else roster for unit_id, roster, override in rows}


@dataclass(frozen=True)
class Rules:
    """An internal survey's rules for one version in one period: the anonymity threshold k and the
    integrity category profile."""

    k: int
    integrity_profile: str


DEFAULT_RULES = Rules(MIN_K, InternalSettings.IntegrityProfile.ITJEN_2024.value)


def rules_for(version: InstrumentVersion, period: Period) -> Rules:
    """The rules of the internal campaigns of the period that carry the version: the largest k of them
    (never below 5), and the category profile of the latest campaign (Itjen 2024 when none). One query."""
    rows = list(
        InternalSettings.objects.filter(
            campaign__period=period,
            campaign__audience=Campaign.Audience.INTERNAL,
            campaign__versions=version,
        )
        .order_by("campaign__created_at", "campaign_id")
        .values_list("k", "integrity_profile")
    )
    if not rows:
        return DEFAULT_RULES
    return Rules(max(MIN_K, *(k for k, _profile in rows)), rows[-1][1])


def k_for(version: InstrumentVersion, period: Period) -> int:
    """The anonymity threshold for a version's figures in a period (5 unless a campaign raised it)."""
    return rules_for(version, period).k
