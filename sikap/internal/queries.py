"""Reads of the roster pages: bulk first (a list of units in two queries), one unit being the same read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sikap.audit.models import AuditEvent
from sikap.internal.models import Headcount, JobType, Perspective, RosterEntry
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
