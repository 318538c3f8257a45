"""Reads of the internal surveys: the roster pages (a list of units in two queries, one unit being the same
read), headcounts and the anonymity rules other apps need. Bulk first."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count

from sikap.audit.models import AuditEvent
from sikap.instruments.models import Campaign, InstrumentVersion
from sikap.internal.models import MIN_K, Headcount, InternalSettings, JobType, Perspective, RosterEntry
from sikap.organisation.models import Period, Unit

EMPTY = {"entries": 0, "without_email": 0, "without_contact": 0}


@dataclass(frozen=True)
class RosterRow:
    unit: Unit
    period: Period
    entries: int
    without_email: int
    without_contact: int
    headcount: Headcount | None

    @property
    def value(self) -> int | None:
        return self.headcount.value if self.headcount else None

    @property
    def overridden(self) -> bool:
        return bool(self.headcount and self.headcount.override is not None)


def roster_rows(units: list[Unit], period: Period) -> list[RosterRow]:
    """Each unit's roster size, entries without e-mail or any contact, and headcount (two queries)."""
    ids = [u.pk for u in units]
    counts = RosterEntry.objects.counts_by_unit(period, ids)
    headcounts = Headcount.objects.of_period(period, ids)
    return [RosterRow(u, period, **counts.get(u.pk, EMPTY), headcount=headcounts.get(u.pk)) for u in units]


def roster_row(unit: Unit, period: Period) -> RosterRow:
    return roster_rows([unit], period)[0]


def mix(unit: Unit, period: Period) -> dict[str, list[tuple[str, int]]]:
    """The roster's entries per perspective and per job type, labelled in the reader's language."""
    entries = RosterEntry.objects.of(unit, period)
    found = {}
    for attribute, choices in (("perspective", Perspective), ("job_type", JobType)):
        counts = entries.breakdown(attribute)
        rows = [(str(label), counts[value]) for value, label in choices.choices if counts.get(value)]
        if counts.get(""):
            rows.append(("—", counts[""]))
        found[attribute] = rows
    return found


def entries(unit: Unit, period: Period, *, with_contacts: bool) -> Any:
    """The unit's roster for the period in import order; contacts joined only for those who may read them."""
    found = RosterEntry.objects.of(unit, period).order_by("pk")
    return found.select_related("contact") if with_contacts else found


def headcount_history(headcount: Headcount | None) -> list[AuditEvent]:
    """The last changes of a headcount (imports, overrides and their withdrawal), newest first."""
    if headcount is None:
        return []
    return list(AuditEvent.objects.for_object(headcount).order_by("-at", "-id")[:20])


def headcounts(units: Iterable[int] | Any, period: Period) -> dict[int, int]:
    """Each unit's headcount in the period: the admin's override, else the roster's size as imported,
    else its roster entries counted; units with none of these are absent. `units` are ids or an id
    subquery. Two queries at most."""
    rows = Headcount.objects.filter(period=period, unit_id__in=units).values_list(
        "unit_id", "roster", "override"
    )
    found = {unit_id: override if override is not None else roster for unit_id, roster, override in rows}
    counted = (
        RosterEntry.objects.filter(period=period, unit_id__in=units)
        .exclude(unit_id__in=list(found))
        .values("unit_id")
        .annotate(n=Count("pk"))
    )
    found.update({row["unit_id"]: row["n"] for row in counted})
    return found


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
