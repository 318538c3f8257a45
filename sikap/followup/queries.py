"""Reads for follow-up pages, reports and the public "you said, we did" list."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.db.models import Avg, Count, DurationField, Exists, ExpressionWrapper, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sikap.accounts.models import User
from sikap.followup.models import FollowUpItem, FollowUpItemQuerySet
from sikap.indices import read
from sikap.indices.queries import version_for
from sikap.indices.results import ElementStat
from sikap.instruments.models import DEFAULT_INSTRUMENT
from sikap.instruments.profile import in_language
from sikap.organisation.models import Period, Unit
from sikap.responses.models import Submission, SubmissionQuerySet

Status = FollowUpItem.Status


def skm_elements(unit: Unit, period: Period) -> list[ElementStat]:
    """The unit's own SKM elements in the period with their means (accepted answers only)."""
    version = version_for(DEFAULT_INSTRUMENT, period)
    if version is None:
        return []
    return read.result(read.Scope([unit.pk], period, version)).elements


def provider_of(unit: Unit) -> Unit:
    """The unit whose secretariat (Bagian Tata Usaha dan Umum, or the Sekretariat) serves the unit's
    employees: the unit itself, unless it is a division (Bidang/Bagian), whose support services come from
    the office above it (a Kanwil's divisions are served by the Kanwil's Bagian Tata Usaha dan Umum).
    One query for a division, none otherwise."""
    if unit.kind != Unit.Kind.DIVISION:
        return unit
    above = [a for a in unit.ancestors() if a.kind != Unit.Kind.DIVISION]
    return above[-1] if above else unit


def weakest(elements: list[ElementStat], count: int) -> list[ElementStat]:
    """Elements with answers from the lowest mean up (ties by code), as the index page ranks them."""
    ranked = sorted((e for e in elements if e.mean is not None), key=lambda e: (e.mean, e.code))
    return ranked[: max(count, 0)]


def plan_items(unit: Unit, period: Period, today: datetime.date | None = None) -> FollowUpItemQuerySet:
    """The unit's plan for the period, with `is_overdue`, the owner and any kept answer joined in."""
    return (
        FollowUpItem.objects.for_unit(unit, period)
        .with_overdue(today or timezone.localdate())
        .select_related("owner_user", "submission__followup_reply")
        .order_by("deadline", "pk")
    )


def inbox(unit: Unit, period: Period) -> SubmissionQuerySet:
    """Complaints and suggestions of counted or suspect submissions, newest first, with any answer; an
    internal survey's only where the unit has k respondents (`SubmissionQuerySet.text_shown`)."""
    return (
        Submission.objects.filter(
            unit=unit,
            period=period,
            status__in=[Submission.Status.ACCEPTED, Submission.Status.SUSPECT],
        )
        .exclude(complaint="", suggestion="")
        .text_shown()
        .select_related("followup_reply__answered_by")
        .annotate(has_item=Exists(FollowUpItem.objects.filter(submission=OuterRef("pk"))))
        .order_by("-created_at", "-pk")
    )


def texts_hidden(unit: Unit, period: Period) -> bool:
    """Whether the unit has internal submissions in the period whose free text is hidden (under k): the
    inbox then says so, without saying how many or whether they wrote anything."""
    internal = Submission.objects.filter(unit=unit, period=period, channel=Submission.Channel.INTERNAL)
    return internal.with_text_gate().filter(Q(text_shown=False)).exists()


def owner_candidates(unit: Unit) -> Any:
    """People who hold a role at the unit or above it: those who can be made responsible for an item."""
    ids = [int(part) for part in unit.path.strip("/").split("/") if part]
    return User.objects.filter(is_active=True, memberships__unit_id__in=ids).distinct().order_by("username")


class Stats(NamedTuple):
    """A unit's follow-up figures for a period; `rate` is 0-1 (None without live items)."""

    total: int
    done: int
    cancelled: int
    overdue: int
    rate: float | None
    avg_days: float | None


def completion_stats(unit_ids: Any, period: Period, today: datetime.date | None = None) -> dict[int, Stats]:
    """{unit_id: (total, done, cancelled, overdue, rate, avg_days)} for units with items, in one query.

    rate = done / (total - cancelled); avg_days = mean days from the start of an item (planned, or the
    feedback received) to its completion, over done items. Units without items are absent.
    """
    day = today or timezone.localdate()
    took = ExpressionWrapper(F("completed_at") - F("started_at"), output_field=DurationField())
    rows = (
        FollowUpItem.objects.filter(unit_id__in=unit_ids, period=period)
        .values("unit_id")
        .annotate(
            total=Count("pk"),
            done=Count("pk", filter=Q(status=Status.DONE)),
            cancelled=Count("pk", filter=Q(status=Status.CANCELLED)),
            overdue=Count("pk", filter=Q(status__in=FollowUpItem.OPEN_STATUSES, deadline__lt=day)),
            took=Avg(took, filter=Q(status=Status.DONE)),
        )
        .order_by()
    )
    stats = {}
    for row in rows:
        live = row["total"] - row["cancelled"]
        took_avg = row["took"]
        stats[row["unit_id"]] = Stats(
            total=row["total"],
            done=row["done"],
            cancelled=row["cancelled"],
            overdue=row["overdue"],
            rate=row["done"] / live if live else None,
            avg_days=_days(took_avg),
        )
    return stats


def _days(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, datetime.timedelta):
        return value.total_seconds() / 86400
    return float(value) / 86_400_000_000  # SQLite averages a duration as microseconds


EMPTY = Stats(0, 0, 0, 0, None, None)


def overdue_items(units: Any, period: Period, today: datetime.date | None = None) -> FollowUpItemQuerySet:
    """Open items past their deadline in the given units, the longest overdue first."""
    return (
        FollowUpItem.objects.filter(unit__in=units, period=period)
        .overdue(today or timezone.localdate())
        .select_related("unit", "owner_user")
        .order_by("deadline", "unit__path", "pk")
    )


@dataclass
class UnitRow:
    unit: Unit
    stats: Stats


def scope_rows(units: Any, period: Period, today: datetime.date | None = None) -> list[UnitRow]:
    """One row per unit in scope that was surveyed in the period or has items (two queries)."""
    stats = completion_stats(units.values("pk"), period, today)
    planned = Exists(FollowUpItem.objects.filter(unit=OuterRef("pk"), period=period))
    surveyed = Exists(Unit.campaigns.through.objects.filter(unit=OuterRef("pk"), campaign__period=period))
    listed = units.filter(planned | surveyed).order_by("path")
    return [UnitRow(unit, stats.get(unit.pk, EMPTY)) for unit in listed]


@dataclass(frozen=True)
class PublicFollowUp:
    """One line of the public "you said, we did" list: what was improved, and when."""

    topic: str
    action: str
    completed_on: datetime.date


def done_items_public(unit: Unit, period: Period) -> list[PublicFollowUp]:
    """The unit's completed, public items of the period, newest first (one query).

    Only the element's name (or a neutral label for feedback) and the action are read: a respondent's
    complaint, suggestion or the answer to it never leaves this function. Whether the period is published
    is the caller's check.
    """
    rows = (
        FollowUpItem.objects.for_unit(unit, period)
        .filter(status=Status.DONE, public=True)
        .order_by("-completed_at", "-pk")
        .values("source", "element_name", "element_name_en", "action", "completed_at")
    )
    feedback = _("Masukan pengguna layanan")
    return [
        PublicFollowUp(
            topic=(
                in_language(row["element_name"], row["element_name_en"])
                if row["source"] == FollowUpItem.Source.ELEMENT
                else feedback
            ),
            action=row["action"],
            completed_on=timezone.localdate(row["completed_at"]),
        )
        for row in rows
    ]


def due_items(
    units: Any, period: Period, today: datetime.date | None = None, within_days: int = 14, limit: int = 10
) -> list[FollowUpItem]:
    """Open items of the units due within `within_days` or already overdue (`is_overdue`), the earliest
    deadline first: the operator's list of follow-up due. One query."""
    day = today or timezone.localdate()
    return list(
        FollowUpItem.objects.filter(unit__in=units, period=period)
        .open()
        .filter(deadline__lte=day + datetime.timedelta(days=within_days))
        .with_overdue(day)
        .select_related("unit")
        .order_by("deadline", "unit__path", "pk")[:limit]
    )
