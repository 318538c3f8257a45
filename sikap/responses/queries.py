"""Reads of submissions for the operator pages and commands, with their joins in one place."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.db import connection
from django.db.models import Count, Prefetch, Q, QuerySet

from sikap.accounts.access import Access
from sikap.audit.models import AuditEvent
from sikap.instruments.models import Campaign
from sikap.organisation.models import Period, Unit
from sikap.responses import profile
from sikap.responses.integrity import REASON_LABELS
from sikap.responses.models import Answer, Response, ServiceCode, Submission, SubmissionQuerySet
from sikap.responses.validation import merged_fields

# Campaigns paper forms and imports may go into: a closed campaign still takes late paper forms.
ENTRY_STATUSES = (Campaign.Status.OPEN, Campaign.Status.CLOSED)


@dataclass(frozen=True)
class Filters:
    """What the response list is narrowed to; every part optional."""

    unit: Unit | None = None
    period: Period | None = None
    status: str = ""
    channel: str = ""
    verified: bool | None = None
    text: str = ""


def reason_labels(reasons: list[str]) -> list[str]:
    """The translated labels of integrity reasons (an unknown code is shown as it is)."""
    return [str(REASON_LABELS.get(code, code)) for code in reasons]


def in_scope(units: QuerySet[Unit]) -> SubmissionQuerySet:
    """Submissions of the given units (usually `access.units()` or `access.writable_units()`) that may be
    read one by one: never an internal (invited) one, whose id and day would follow its author's answering
    (they are read only as counts, figures under k and free text at k)."""
    return Submission.objects.filter(unit__in=units).exclude(channel=Submission.Channel.INTERNAL)


def for_listing(submissions: SubmissionQuerySet) -> SubmissionQuerySet:
    """With what a list row shows (unit, service, period, instruments answered, whether its free text may be
    shown: `text_shown`) in two queries in all."""
    return (
        submissions.with_text_gate()
        .select_related("unit", "service", "period")
        .prefetch_related(
            Prefetch("responses", queryset=Response.objects.select_related("version__instrument"))
        )
    )


def filtered(access: Access, filters: Filters) -> SubmissionQuerySet:
    """The submissions in the user's scope narrowed by `filters`, newest first, ready to list."""
    rows = in_scope(access.units())
    if filters.unit is not None:
        rows = rows.filter(unit__path__startswith=filters.unit.path)
    if filters.period is not None:
        rows = rows.filter(period=filters.period)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.channel:
        rows = rows.filter(channel=filters.channel)
    if filters.verified is not None:
        rows = rows.filter(verified=filters.verified)
    rows = for_listing(rows)
    if filters.text:  # only texts that may be shown: a match must not reveal a hidden one
        rows = rows.filter(Q(text_shown=True))
        rows = rows.filter(Q(suggestion__icontains=filters.text) | Q(complaint__icontains=filters.text))
    return rows.order_by("-created_at", "-id")


def suspect_to_review(access: Access) -> SubmissionQuerySet:
    """Suspect submissions of the units the user may write, oldest first (first come, first reviewed)."""
    return for_listing(in_scope(access.writable_units()).filter(status=Submission.Status.SUSPECT)).order_by(
        "created_at", "id"
    )


@dataclass
class Row:
    """One line of a submission list: the submission and what its columns need, computed once."""

    submission: Submission
    reasons: list[str] = field(default_factory=list)
    instruments: list[str] = field(default_factory=list)


def rows(submissions: Any) -> list[Row]:
    """List rows from submissions loaded with `for_listing` (no further queries)."""
    return [
        Row(
            s,
            reason_labels(s.reasons or []),
            [r.version.instrument.code for r in sorted(s.responses.all(), key=lambda r: r.version_id)],
        )
        for s in submissions
    ]


def detail(pk: int) -> Submission:
    """One submission with its campaign, answers (with element names), reviewer and `text_shown`; raises
    DoesNotExist."""
    answers = Answer.objects.select_related("element").order_by("element__order", "element__code")
    responses = Response.objects.select_related("version__instrument").prefetch_related(
        Prefetch("answers", queryset=answers), "version__fields"
    )
    return (
        Submission.objects.with_text_gate()
        .select_related("unit", "service", "period", "campaign", "reviewed_by", "entered_by", "service_code")
        .prefetch_related(Prefetch("responses", queryset=responses.order_by("version__instrument__code")))
        .get(pk=pk)
    )


def profile_rows(submission: Submission) -> list[tuple[str, Any]]:
    """(label, shown value) of the submission's profile, as its versions define it (labels in the reader's
    language, options by their label; None when blank), then any stored value no field defines.
    Reads the versions' fields prefetched by `detail`."""
    fields = [
        f for f in merged_fields([r.version for r in submission.responses.all()]) if f.section == "profile"
    ]
    rows: list[tuple[str, Any]] = []
    for spec in fields:
        value = profile.value_of(submission, spec.code)
        shown = dict(spec.options()).get(str(value), value) if spec.kind == "choice" else value
        rows.append((spec.display_label(), None if shown in (None, "") else shown))
    defined = {f.code for f in fields}
    rows += [(code, value) for code, value in (submission.extra or {}).items() if code not in defined]
    return rows


def history(submission: Submission) -> list[AuditEvent]:
    """The audit trail of one submission, oldest first."""
    return list(AuditEvent.objects.for_object(submission).order_by("at", "id"))


def counts(submissions: SubmissionQuerySet) -> dict[str, int]:
    """Total and per-status counts in one query."""
    by = Submission.Status
    result = submissions.aggregate(
        total=Count("id"),
        accepted=Count("id", filter=Q(status=by.ACCEPTED)),
        suspect=Count("id", filter=Q(status=by.SUSPECT)),
        rejected=Count("id", filter=Q(status=by.REJECTED)),
    )
    return {key: int(result[key] or 0) for key in ("total", "accepted", "suspect", "rejected")}


def stats(unit: Unit | None = None, period: Period | None = None) -> dict[str, int]:
    """Submission counts, for a unit's subtree and a period when given."""
    submissions = Submission.objects.all()
    if unit is not None:
        submissions = submissions.filter(unit__path__startswith=unit.path)
    if period is not None:
        submissions = submissions.filter(period=period)
    return counts(submissions)


def entry_campaigns(access: Access) -> list[Any]:
    """(campaign, unit) pairs the user may enter paper forms for, newest period first."""
    through = Campaign.units.through
    return list(
        through.objects.filter(unit__in=access.writable_units(), campaign__status__in=ENTRY_STATUSES)
        .select_related("campaign__period", "unit")
        .order_by("-campaign__period__start", "campaign__name", "unit__path")
    )


def entry_campaign(campaign_id: int, unit: Unit) -> Campaign | None:
    """The campaign if it runs for the unit and takes entries (open, or closed for late paper forms)."""
    return (
        Campaign.objects.select_related("period")
        .filter(pk=campaign_id, units=unit, status__in=ENTRY_STATUSES)
        .first()
    )


def campaign_for(unit: Unit, period: Period) -> Campaign | None:
    """The campaign of the period that includes the unit (the most recent if several), open or closed."""
    return (
        Campaign.objects.select_related("period")
        .filter(period=period, units=unit, status__in=ENTRY_STATUSES)
        .order_by("-created_at", "-id")
        .first()
    )


def code_summary(access: Access) -> list[dict[str, Any]]:
    """Issued and used service codes per unit and period in the user's writable scope."""
    return list(
        ServiceCode.objects.filter(unit__in=access.writable_units())
        .values("unit__code", "unit__name", "period_id", "period__name")
        .annotate(issued=Count("id"), used=Count("id", filter=Q(used_by__isnull=False)))
        .order_by("unit__path", "-period__start")
    )


@dataclass(frozen=True)
class Recent:
    """What one query tells of a web visit before it is stored: whether its idempotency key is stored
    already, and its device's and network's submissions of the last ten minutes and the last hour.

    Each side counts at most its `cap` most recent rows, the largest threshold that reads it, so the query
    stays small whatever a network sends; a count at the cap means "at least the cap", which every rule
    reads the same as the exact count (`rules` thresholds are compared with >=).
    """

    stored: bool
    device_10_min: int
    device_hour: int
    network_10_min: int
    network_hour: int


def recent(
    key: Any, device_hash: str, network_hash: str, caps: tuple[int, int], now: datetime.datetime
) -> Recent:
    """One statement: the key's stored row and the capped counts of the device and the network (a blank
    hash counts nothing). Its text is written once per process (`_recent_sql`); every value is a parameter."""
    adapt = connection.ops.adapt_datetimefield_value
    hour_ago, since = adapt(now - datetime.timedelta(hours=1)), adapt(now - datetime.timedelta(minutes=10))
    stored_key = Submission._meta.get_field("key").get_db_prep_value(key, connection)
    params = [stored_key, since, hour_ago, device_hash, caps[0], since, hour_ago, network_hash, caps[1]]
    with connection.cursor() as cursor:
        cursor.execute(_recent_sql(connection.vendor), params)
        stored, *numbers = cursor.fetchone()
    return Recent(stored is not None, *(int(n) for n in numbers))


@cache
def _recent_sql(vendor: str) -> str:
    q = connection.ops.quote_name
    table = q(Submission._meta.db_table)

    def side(column: str) -> str:
        # The side's most recent rows of the last hour, at most the cap: its 10-minute and hour counts.
        rows = (
            f"SELECT {q('created_at')} FROM {table} WHERE {q('created_at')} >= %s AND {q(column)} = %s"  # noqa: S608
            f" AND {q(column)} <> '' ORDER BY {q('created_at')} DESC LIMIT %s"
        )
        counts = "COALESCE(SUM(CASE WHEN created_at >= %s THEN 1 ELSE 0 END), 0) AS m, COUNT(*) AS h"
        return f"SELECT {counts} FROM ({rows}) r"  # noqa: S608

    stored = f"SELECT {q('id')} FROM {table} WHERE {q('key')} = %s LIMIT 1"  # noqa: S608
    sides = f"({side('device_hash')}) d CROSS JOIN ({side('network_hash')}) n"
    return f"SELECT ({stored}), d.m, d.h, n.m, n.h FROM {sides}"  # noqa: S608
