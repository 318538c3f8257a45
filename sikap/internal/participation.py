"""Participation in an internal campaign per unit: invited, answered, rate, target and pace; counts only.

Nothing here can say who has answered: it reads the number of used invitations per unit, never which.
The target is every employee by default, or a percentage, or the Krejcie-Morgan minimum of the
headcount (the campaign's `InternalSettings`), split evenly over the period's working days; the status
word is the one every page uses (`indices.progress.Status`).
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sikap import scoring
from sikap.indices.progress import Status
from sikap.indices.targets import working_days
from sikap.instruments.models import Campaign
from sikap.internal.invitations import settings_of
from sikap.internal.models import InternalSettings, Invitation
from sikap.internal.queries import headcounts
from sikap.organisation.models import Unit
from sikap.scoring.sampling import DEFAULT_MARGIN


@dataclass
class Participation:
    """One unit's (or a roll-up's) participation; `units_met` of `units_total` for a roll-up."""

    unit: Unit | None
    headcount: int
    invited: int
    answered: int
    target: int
    expected_by_today: int
    working_days_left: int
    units_met: int = 0
    units_total: int = 0

    @property
    def rate(self) -> float | None:
        """Answered as a percentage of those invited (None before anyone is invited)."""
        return round(100 * self.answered / self.invited, 1) if self.invited else None

    @property
    def status(self) -> Status:
        met = self.answered >= self.target and self.units_met >= self.units_total
        if met:
            return Status.REPRESENTATIVE
        return Status.ON_TRACK if self.answered >= self.expected_by_today else Status.BEHIND

    @property
    def daily_needed(self) -> int:
        missing = max(self.target - self.answered, 0)
        return math.ceil(missing / max(self.working_days_left, 1)) if missing else 0


def target_of(settings: InternalSettings, headcount: int) -> int:
    if settings.target == InternalSettings.Target.PERCENT:
        return math.ceil(headcount * settings.target_percent / 100)
    if settings.target == InternalSettings.Target.KREJCIE_MORGAN:
        return scoring.sample_size(headcount, "krejcie-morgan", DEFAULT_MARGIN, 0)
    return headcount


def target_label(settings: InternalSettings) -> str:
    if settings.target == InternalSettings.Target.PERCENT:
        return _("%(p)s%% dari jumlah pegawai") % {"p": settings.target_percent}
    return str(settings.get_target_display())


def participation(
    campaign: Campaign, units: Iterable[Unit] | None = None, today: datetime.date | None = None
) -> list[Participation]:
    """Per unit of the campaign (or of `units`), in unit-tree order; a fixed number of queries."""
    chosen = sorted(units if units is not None else campaign.units.all(), key=lambda u: u.path)
    ids = [u.pk for u in chosen]
    counts = {
        row["entry__unit_id"]: row
        for row in Invitation.objects.filter(campaign=campaign, entry__unit_id__in=ids)
        .values("entry__unit_id")
        .annotate(invited=Count("pk"), answered=Count("pk", filter=Q(used=True)))
    }
    counted = headcounts(ids, campaign.period)
    people = {i: counted.get(i, 0) for i in ids}
    settings = settings_of(campaign)
    days = working_days(campaign.period)
    day = today or timezone.localdate()
    elapsed = sum(1 for d in days if d <= day)
    left = sum(1 for d in days if d > day)
    rows = []
    for unit in chosen:
        target = target_of(settings, people[unit.pk])
        expected = math.ceil(target * elapsed / len(days)) if days else target
        row = counts.get(unit.pk, {})
        rows.append(
            Participation(
                unit, people[unit.pk], row.get("invited", 0), row.get("answered", 0), target, expected, left
            )
        )
    return rows


def rolled_up(rows: list[Participation]) -> Participation:
    """The sum of units' participation; its target is the sum of theirs, and it counts who met theirs."""
    with_target = [r for r in rows if r.target > 0]
    return Participation(
        None,
        sum(r.headcount for r in rows),
        sum(r.invited for r in rows),
        sum(r.answered for r in rows),
        sum(r.target for r in rows),
        sum(r.expected_by_today for r in rows),
        max((r.working_days_left for r in rows), default=0),
        units_met=sum(1 for r in with_target if r.answered >= r.target),
        units_total=len(with_target),
    )


def internal_overview(
    access: Any, today: datetime.date | None = None
) -> list[tuple[Campaign, Participation]]:
    """The internal campaigns reaching the user's units, newest first, with the rolled-up participation of
    the units the user may follow."""
    reach = access.participation_units()
    found = (
        Campaign.objects.filter(audience=Campaign.Audience.INTERNAL, units__in=reach)
        .select_related("period")
        .distinct()
        .order_by("-period__start", "name")
    )
    rows = []
    for campaign in found:
        units = [u for u in campaign.units.order_by("path") if access.can_follow(u)]
        rows.append((campaign, rolled_up(participation(campaign, units, today))))
    return rows


def for_version(
    version: Any, period: Any, units: list[Unit], *, subtree: bool, today: datetime.date | None = None
) -> dict[int, Participation]:
    """Participation behind an internal index: per unit (or its subtree), from the latest internal campaign
    of the period that carries the version; units outside every such campaign are absent. The target is
    the campaign's (every employee, a percentage, or Krejcie-Morgan of the headcount), never the public
    surveys' minimum sample."""
    campaign = (
        Campaign.objects.filter(audience=Campaign.Audience.INTERNAL, period=period, versions=version)
        .select_related("period")
        .order_by("-created_at", "-pk")
        .first()
    )
    if campaign is None:
        return {}
    members = list(campaign.units.all())
    rows = {row.unit.pk: row for row in participation(campaign, members, today) if row.unit is not None}
    found = {}
    for unit in units:
        inside = [r for r in rows.values() if r.unit is not None and r.unit.path.startswith(unit.path)]
        if subtree and inside:
            found[unit.pk] = rolled_up(inside)
        elif unit.pk in rows:
            found[unit.pk] = rows[unit.pk]
    return found
