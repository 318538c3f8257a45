"""Keeping the rollups in step with submissions, and rebuilding them from responses.

`on_submission_changed` runs inside the transaction that stores or re-reviews a submission: it takes
the submission out of its old status bucket and adds it to the new one with one multi-row upsert per
tally table. `rebuild` recomputes the same tallies with GROUP BY queries; both give identical integers.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from django.db import connection, models, transaction
from django.db.models import Prefetch

from sikap.indices.models import AnswerTally, GroupTally, RespondentTally
from sikap.instruments.models import Element
from sikap.organisation.models import Period
from sikap.responses.models import Answer, Response, Submission

COUNTED = (Submission.Status.ACCEPTED, Submission.Status.SUSPECT)
MAX_PARAMETERS = 30_000  # per statement; SQLite allows 32,766
DIMENSIONS = ("sex", "age_band", "education", "occupation")
AGE_BANDS = ((20, "<20"), (30, "20-29"), (40, "30-39"), (50, "40-49"), (60, "50-59"))


def age_band(age: int | None) -> str:
    if age is None:
        return ""
    for limit, label in AGE_BANDS:
        if age < limit:
            return label
    return "60+"


@cache
def element_count(version_id: int) -> int:
    """Elements of a version; published versions never change, so the count is cached per process."""
    return Element.objects.filter(version_id=version_id).count()


# What a tally update needs of one submission: its answers per version as (element, value, importance).
AnswerTriples = dict[int, list[tuple[int, int, int | None]]]


class Batch:
    """Tally deltas accumulated over many submissions, written with one upsert per table."""

    def __init__(self) -> None:
        self.answers: Counter[tuple[Any, ...]] = Counter()
        self.respondents: dict[tuple[Any, ...], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        self.groups: dict[tuple[Any, ...], list[int]] = defaultdict(lambda: [0, 0, 0, 0])

    def add(self, submission: Submission, answers: AnswerTriples, status: str, sign: int) -> None:
        service_key = submission.service_id or 0
        groups = _groups(submission)
        for version_id, triples in answers.items():
            if not triples:
                continue
            base = (submission.period_id, version_id, submission.unit_id, service_key, status)
            for element_id, value, importance in triples:
                self.answers[(*base, element_id, value, importance or 0)] += sign
            complete = len(triples) == element_count(version_id)
            total = sum(t[1] for t in triples) if complete else 0
            delta = [sign, sign * complete, sign * total, sign * total * total]
            _add(self.respondents[(*base, submission.answered_on)], delta)
            for dimension, category in groups:
                _add(self.groups[(*base, dimension, category)], delta)

    def write(self) -> None:
        _upsert(
            AnswerTally,
            [
                "period_id",
                "version_id",
                "unit_id",
                "service_key",
                "status",
                "element_id",
                "value",
                "importance",
            ],
            ["n"],
            [(*k, n) for k, n in self.answers.items() if n],
        )
        _upsert(
            RespondentTally,
            ["period_id", "version_id", "unit_id", "service_key", "status", "day"],
            ["n", "complete", "total_sum", "total_sumsq"],
            [(*k, *v) for k, v in self.respondents.items() if any(v)],
        )
        _upsert(
            GroupTally,
            ["period_id", "version_id", "unit_id", "service_key", "status", "dimension", "category"],
            ["n", "complete", "total_sum", "total_sumsq"],
            [(*k, *v) for k, v in self.groups.items() if any(v)],
        )


def on_submission_changed(submission: Submission, old_status: str | None) -> None:
    """Move a submission between status buckets (None = newly stored)."""
    if old_status == submission.status:
        return
    buckets = []
    if old_status in COUNTED:
        buckets.append((old_status, -1))
    if submission.status in COUNTED:
        buckets.append((submission.status, +1))
    if not buckets:
        return
    responses = Response.objects.filter(submission=submission).prefetch_related(_answers_prefetch())
    answers: AnswerTriples = {
        r.version_id: [(a.element_id, a.value, a.importance) for a in r.answers.all()] for r in responses
    }
    batch = Batch()
    for status, sign in buckets:
        batch.add(submission, answers, status, sign)
    batch.write()


def on_submissions_added(items: Sequence[tuple[Submission, AnswerTriples]]) -> None:
    """Add many newly stored submissions at once (bulk import), from the answers already in memory."""
    batch = Batch()
    for submission, answers in items:
        if submission.status in COUNTED:
            batch.add(submission, answers, submission.status, +1)
    batch.write()


def _answers_prefetch() -> Prefetch:
    return Prefetch(
        "answers", queryset=Answer.objects.only("response_id", "element_id", "value", "importance")
    )


def _groups(submission: Submission) -> list[tuple[str, str]]:
    return [
        ("sex", submission.sex or ""),
        ("age_band", age_band(submission.age)),
        ("education", submission.education or ""),
        ("occupation", submission.occupation or ""),
    ]


def _add(target: list[int], delta: Sequence[int]) -> None:
    for i, value in enumerate(delta):
        target[i] += value


def _upsert(model: type[models.Model], keys: list[str], sums: list[str], rows: Iterable[tuple]) -> None:
    """One INSERT .. ON CONFLICT DO UPDATE adding to the sums (same SQL on SQLite and PostgreSQL).

    Rows are sorted by key so concurrent submitters lock tally rows in the same order (no deadlocks).
    """
    rows = sorted(rows, key=lambda r: tuple(str(x) for x in r[: len(keys)]))
    if not rows:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in [*keys, *sums])
    width = len(keys) + len(sums)
    updates = ", ".join(
        f"{c} = {table}.{c} + excluded.{c}" for c in (connection.ops.quote_name(s) for s in sums)
    )
    conflict = ", ".join(connection.ops.quote_name(k) for k in keys)
    # Chunks stay under SQLite's 32,766 bound parameters; sorted chunks keep the lock order.
    step = max(1, MAX_PARAMETERS // width)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), step):
            chunk = rows[start : start + step]
            placeholders = ", ".join(["(" + ", ".join(["%s"] * width) + ")"] * len(chunk))
            sql = f"INSERT INTO {table} ({columns}) VALUES {placeholders} ON CONFLICT ({conflict}) DO UPDATE SET {updates}"
            cursor.execute(sql, [value for row in chunk for value in row])


@transaction.atomic
def rebuild(periods: Sequence[Period] | None = None) -> None:
    """Recompute every tally of the given periods (all periods when None) from the stored responses."""
    period_ids = (
        [p.pk for p in periods] if periods is not None else list(Period.objects.values_list("pk", flat=True))
    )
    for model in (AnswerTally, RespondentTally, GroupTally):
        model.objects.filter(period_id__in=period_ids).delete()
    if not period_ids:
        return
    with connection.cursor() as cursor:
        for sql in _rebuild_sql():
            for period_id in period_ids:
                # The group query repeats the per-response subquery, each with its own period parameter.
                cursor.execute(sql, [period_id] * sql.count("%s"))


def _rebuild_sql() -> list[str]:
    q = connection.ops.quote_name
    t = {
        m: q(m._meta.db_table)
        for m in (AnswerTally, RespondentTally, GroupTally, Answer, Response, Submission, Element)
    }
    counted = ", ".join(f"'{s}'" for s in COUNTED)
    answers = f"""
        INSERT INTO {t[AnswerTally]} (period_id, version_id, unit_id, service_key, status, element_id, value,
                                      importance, n)
        SELECT s.period_id, r.version_id, s.unit_id, COALESCE(s.service_id, 0), s.status, a.element_id, a.value,
               COALESCE(a.importance, 0), COUNT(*)
        FROM {t[Answer]} a JOIN {t[Response]} r ON a.response_id = r.id JOIN {t[Submission]} s ON r.submission_id = s.id
        WHERE s.status IN ({counted}) AND s.period_id = %s
        GROUP BY s.period_id, r.version_id, s.unit_id, COALESCE(s.service_id, 0), s.status, a.element_id, a.value,
                 COALESCE(a.importance, 0)"""
    bands = " ".join(f"WHEN s.age < {limit} THEN '{label}'" for limit, label in AGE_BANDS)
    per_response = f"""
        SELECT s.period_id, r.version_id, s.unit_id, COALESCE(s.service_id, 0) AS service_key, s.status,
               s.answered_on, COALESCE(s.sex, '') AS sex, COALESCE(s.education, '') AS education,
               COALESCE(s.occupation, '') AS occupation,
               CASE WHEN s.age IS NULL THEN '' {bands} ELSE '60+' END AS age_band,
               CASE WHEN COUNT(a.id) = ne.k THEN 1 ELSE 0 END AS complete,
               CASE WHEN COUNT(a.id) = ne.k THEN SUM(a.value) ELSE 0 END AS total
        FROM {t[Response]} r JOIN {t[Submission]} s ON r.submission_id = s.id
        JOIN {t[Answer]} a ON a.response_id = r.id
        JOIN (SELECT version_id, COUNT(*) AS k FROM {t[Element]} GROUP BY version_id) ne ON ne.version_id = r.version_id
        WHERE s.status IN ({counted}) AND s.period_id = %s
        GROUP BY r.id, s.period_id, r.version_id, s.unit_id, s.service_id, s.status, s.answered_on, s.sex,
                 s.education, s.occupation, s.age, ne.k"""
    respondents = f"""
        INSERT INTO {t[RespondentTally]} (period_id, version_id, unit_id, service_key, status, day, n, complete,
                                          total_sum, total_sumsq)
        SELECT period_id, version_id, unit_id, service_key, status, answered_on, COUNT(*), SUM(complete),
               SUM(total), SUM(total * total)
        FROM ({per_response}) p
        GROUP BY period_id, version_id, unit_id, service_key, status, answered_on"""
    group_selects = " UNION ALL ".join(
        f"""SELECT period_id, version_id, unit_id, service_key, status, '{d}' AS dimension, {d} AS category,
                   COUNT(*) AS n, SUM(complete) AS complete, SUM(total) AS total_sum, SUM(total * total) AS total_sumsq
            FROM ({per_response}) p{i}
            GROUP BY period_id, version_id, unit_id, service_key, status, {d}"""
        for i, d in enumerate(DIMENSIONS)
    )
    groups = f"""
        INSERT INTO {t[GroupTally]} (period_id, version_id, unit_id, service_key, status, dimension, category, n,
                                     complete, total_sum, total_sumsq)
        SELECT * FROM ({group_selects}) g"""
    return [answers, respondents, groups]
