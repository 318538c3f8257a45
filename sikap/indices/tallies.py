"""Keeping the rollups in step with submissions, and rebuilding them from responses.

`on_submission_changed` runs inside the transaction that stores or re-reviews a submission: it takes
the submission out of its old status bucket and adds it to the new one with one multi-row upsert per
tally table. `rebuild` recomputes the same tallies with GROUP BY queries; both give identical integers.
Element moments per breakdown category (`ElementGroupTally`) are kept only for versions whose method
scores per group (the internal ILK and integrity surveys), so public submissions cost what they did.

An answer "not applicable / don't know" (value None) is never a score: it is an answer tally row of its
own (`not_applicable`, value and importance 0), counted in the element tally's `na` and in none of its
moments, and it leaves its respondent without a total score (not `complete`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.db import connection, models, transaction
from django.db.models import Prefetch

from sikap.indices.models import AnswerTally, ElementGroupTally, ElementTally, GroupTally, RespondentTally
from sikap.instruments.models import Element, Field, InstrumentVersion
from sikap.instruments.profile import band_of
from sikap.instruments.queries import breakdown_fields
from sikap.lib.rows import source as rows_source
from sikap.organisation.models import Period
from sikap.responses import profile
from sikap.responses.models import Answer, Response, Submission

COUNTED = (Submission.Status.ACCEPTED, Submission.Status.SUSPECT)


@cache
def element_count(version_id: int) -> int:
    """Elements of a version; published versions never change, so the count is cached per process."""
    return Element.objects.filter(version_id=version_id).count()


@cache
def keeps_element_groups(version_id: int) -> bool:
    """Whether a version's method scores per group (`Method.element_groups`), so its element moments are
    kept per breakdown category too; cached per process like `element_count`."""
    from sikap.indices.methods import REGISTRY

    method = InstrumentVersion.objects.filter(pk=version_id).values_list("method", flat=True).first()
    found = REGISTRY.get(method or "")
    return found is not None and found.element_groups


@dataclass(frozen=True)
class Dimension:
    """A breakdown as the tallies see it: its key, the field code it reads, and the field's bands."""

    key: str
    code: str
    bands: tuple[tuple[int | None, str], ...] = ()

    @classmethod
    def of(cls, field: Field) -> Dimension:
        return cls(field.dimension, field.code, tuple((upper, str(label)) for upper, label in field.bands))

    def category(self, submission: Submission) -> str:
        value = profile.value_of(submission, self.code)
        if self.bands:
            return band_of(None if value in (None, "") else int(value), self.bands)
        return "" if value is None else str(value)

    def sql(self, alias: str) -> str:
        """The same category in SQL, for the rebuild."""
        value = profile.sql_value(alias, self.code, connection.vendor, integer=bool(self.bands))
        return profile.sql_band(value, self.bands, "''") if self.bands else f"COALESCE({value}, '')"


@cache
def dimensions_of(version_id: int) -> tuple[Dimension, ...]:
    """A version's breakdowns in the defined order (from the cached `breakdown_fields`)."""
    return tuple(Dimension.of(f) for f in breakdown_fields(version_id))


def all_dimensions() -> dict[Dimension, list[int]]:
    """Every breakdown of every version, with the versions that have it (one query; a small table)."""
    found: dict[Dimension, list[int]] = {}
    for field in Field.objects.filter(section=Field.Section.PROFILE, breakdown=True).order_by(
        "order", "code"
    ):
        if field.is_breakdown:
            found.setdefault(Dimension.of(field), []).append(field.version_id)
    return found


# What a tally update needs of one submission: its answers per version as (element, value, importance);
# value None is "not applicable / don't know".
AnswerTriples = dict[int, list[tuple[int, int | None, int | None]]]
ELEMENT_SUMS = ("n", "total", "sumsq", "paired_n", "paired_total", "importance_total", "na")
NA_AT = ELEMENT_SUMS.index("na")


class Batch:
    """Tally deltas accumulated over many submissions, written with one upsert per table."""

    def __init__(self) -> None:
        self.answers: Counter[tuple[Any, ...]] = Counter()
        self.elements: dict[tuple[Any, ...], list[int]] = defaultdict(lambda: [0] * len(ELEMENT_SUMS))
        self.respondents: dict[tuple[Any, ...], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        self.groups: dict[tuple[Any, ...], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        self.element_groups: dict[tuple[Any, ...], list[int]] = defaultdict(lambda: [0, 0, 0, 0])

    def add(self, submission: Submission, answers: AnswerTriples, status: str, sign: int) -> None:
        service_key = submission.service_id or 0
        for version_id, triples in answers.items():
            if not triples:
                continue
            base = (submission.period_id, version_id, submission.unit_id, service_key, status)
            unit_key = (submission.period_id, version_id, submission.unit_id, status)
            scores = []
            for element_id, value, importance in triples:
                if value is None:  # not applicable / don't know: its own row and count, no moments
                    self.answers[(*base, element_id, 0, 0, True)] += sign
                    self.elements[(*unit_key, element_id)][NA_AT] += sign
                    continue
                scores.append(value)
                self.answers[(*base, element_id, value, importance or 0, False)] += sign
                paired = 1 if importance else 0
                moments = [sign, sign * value, sign * value * value, sign * paired, sign * paired * value]
                _add(self.elements[(*unit_key, element_id)], [*moments, sign * (importance or 0)])
            # Complete = a score for every element; only complete respondents have a total score.
            complete = len(scores) == element_count(version_id)
            total = sum(scores) if complete else 0
            delta = [sign, sign * complete, sign * total, sign * total * total]
            _add(self.respondents[base], delta)
            for dimension in dimensions_of(version_id):
                _add(self.groups[(*base, dimension.key, dimension.category(submission))], delta)
            if keeps_element_groups(version_id):
                self._add_element_groups(submission, unit_key, version_id, triples, sign)

    def _add_element_groups(
        self, submission: Submission, unit_key: tuple[Any, ...], version_id: int, triples: list, sign: int
    ) -> None:
        """Each answer's moments (n, sum, sum of squares, na) in its respondent's category of every
        breakdown of the version."""
        for dimension in dimensions_of(version_id):
            group = (*unit_key, dimension.key, dimension.category(submission))
            for element_id, value, _importance in triples:
                delta = [0, 0, 0, sign] if value is None else [sign, sign * value, sign * value * value, 0]
                _add(self.element_groups[(*group, element_id)], delta)

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
                "not_applicable",
            ],
            ["n"],
            [(*k, n) for k, n in self.answers.items() if n],
        )
        _upsert(
            ElementTally,
            ["period_id", "version_id", "unit_id", "status", "element_id"],
            list(ELEMENT_SUMS),
            [(*k, *v) for k, v in self.elements.items() if any(v)],
        )
        _upsert(
            RespondentTally,
            ["period_id", "version_id", "unit_id", "service_key", "status"],
            ["n", "complete", "total_sum", "total_sumsq"],
            [(*k, *v) for k, v in self.respondents.items() if any(v)],
        )
        _upsert(
            GroupTally,
            ["period_id", "version_id", "unit_id", "service_key", "status", "dimension", "category"],
            ["n", "complete", "total_sum", "total_sumsq"],
            [(*k, *v) for k, v in self.groups.items() if any(v)],
        )
        _upsert(
            ElementGroupTally,
            ["period_id", "version_id", "unit_id", "status", "dimension", "category", "element_id"],
            ["n", "total", "sumsq", "na"],
            [(*k, *v) for k, v in self.element_groups.items() if any(v)],
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


def _add(target: list[int], delta: Sequence[int]) -> None:
    for i, value in enumerate(delta):
        target[i] += value


def _upsert(model: type[models.Model], keys: list[str], sums: list[str], rows: Iterable[tuple]) -> None:
    """One INSERT .. ON CONFLICT DO UPDATE adding to the sums (its rows from `sikap.lib.rows.source`).

    Rows are sorted by key so concurrent submitters lock tally rows in the same order (no deadlocks).
    """
    rows = sorted(rows, key=lambda r: tuple(str(x) for x in r[: len(keys)]))
    if not rows:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in [*keys, *sums])
    updates = ", ".join(
        f"{c} = {table}.{c} + excluded.{c}" for c in (connection.ops.quote_name(s) for s in sums)
    )
    conflict = ", ".join(connection.ops.quote_name(k) for k in keys)
    with connection.cursor() as cursor:
        # On PostgreSQL one statement whatever the rows; on SQLite sorted chunks keep the lock order.
        for source, params in rows_source(model, [*keys, *sums], rows):
            sql = f"INSERT INTO {table} ({columns}) {source} ON CONFLICT ({conflict}) DO UPDATE SET {updates}"
            cursor.execute(sql, params)


PER_RESPONSE = "sikap_rebuild_response"  # a temporary table: one row per counted response of the period


@transaction.atomic
def rebuild(periods: Sequence[Period] | None = None) -> None:
    """Recompute every tally of the given periods (all periods when None) from the stored responses.

    Per period: the answer tallies in one GROUP BY over the answers, the element tallies summed from
    them; then one pass over the answers
    gives each response's answer count and total into a temporary table, from which the respondent
    and group tallies are summed (the expensive pass once, not once per tally).
    """
    period_ids = (
        [p.pk for p in periods] if periods is not None else list(Period.objects.values_list("pk", flat=True))
    )
    for model in (AnswerTally, ElementTally, RespondentTally, GroupTally, ElementGroupTally):
        model.objects.filter(period_id__in=period_ids).delete()
    answers, per_response, sums = _rebuild_sql()
    element_groups = _element_group_sql()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Fresh statistics of what the passes read: right after a bulk load (or inside the transaction
            # that made it) the planner would otherwise think the tables empty and nest loops over them.
            tables = (Answer, Response, Submission)
            cursor.execute(
                "ANALYZE " + ", ".join(connection.ops.quote_name(m._meta.db_table) for m in tables)
            )
        for period_id in period_ids:
            cursor.execute(answers, [period_id])
            cursor.execute(_element_sql(), [period_id])
            for sql in element_groups:
                cursor.execute(sql, [period_id])
            cursor.execute(f"DROP TABLE IF EXISTS {PER_RESPONSE}")
            cursor.execute(per_response, [period_id])
            if connection.vendor == "postgresql":
                cursor.execute(f"ANALYZE {PER_RESPONSE}")
            for sql in sums:
                cursor.execute(sql)
            cursor.execute(f"DROP TABLE {PER_RESPONSE}")


def derive_element_tallies(period_id: int) -> None:
    """Fill a period's (empty) element tallies from its answer tallies: the same integers, summed."""
    with connection.cursor() as cursor:
        cursor.execute(_element_sql(), [period_id])


def _element_sql() -> str:
    q = connection.ops.quote_name
    key = "period_id, version_id, unit_id, status, element_id"
    paired = "CASE WHEN importance > 0 THEN n ELSE 0 END"
    # Not-applicable rows carry value and importance 0: they add to `na` and to no moment.
    scored = "CASE WHEN not_applicable THEN 0 ELSE n END"
    na = "CASE WHEN not_applicable THEN n ELSE 0 END"
    return f"""
        INSERT INTO {q(ElementTally._meta.db_table)} ({key}, n, total, sumsq, paired_n, paired_total,
                                                      importance_total, na)
        SELECT {key}, SUM({scored}), SUM(value * n), SUM(value * value * n), SUM({paired}),
               SUM(value * {paired}), SUM(importance * n), SUM({na})
        FROM {q(AnswerTally._meta.db_table)} WHERE period_id = %s
        GROUP BY {key}"""


def _element_group_sql() -> list[str]:
    """Per breakdown of the versions that keep element groups: one GROUP BY over the answers."""
    q = connection.ops.quote_name
    t = {m: q(m._meta.db_table) for m in (ElementGroupTally, Answer, Response, Submission)}
    counted = ", ".join(f"'{s}'" for s in COUNTED)
    found = []
    for dimension, versions in all_dimensions().items():
        kept = [int(v) for v in versions if keeps_element_groups(v)]
        if not kept:
            continue
        category = dimension.sql("s")
        found.append(f"""
        INSERT INTO {t[ElementGroupTally]} (period_id, version_id, unit_id, status, dimension, category,
                                            element_id, n, total, sumsq, na)
        SELECT s.period_id, r.version_id, s.unit_id, s.status, {profile.sql_literal(dimension.key)},
               {category}, a.element_id, COUNT(a.value), SUM(COALESCE(a.value, 0)),
               SUM(COALESCE(a.value * a.value, 0)), SUM(CASE WHEN a.not_applicable THEN 1 ELSE 0 END)
        FROM {t[Answer]} a JOIN {t[Response]} r ON a.response_id = r.id
        JOIN {t[Submission]} s ON r.submission_id = s.id
        WHERE s.status IN ({counted}) AND s.period_id = %s AND r.version_id IN ({", ".join(map(str, kept))})
        GROUP BY s.period_id, r.version_id, s.unit_id, s.status, {category}, a.element_id""")
    return found


def _rebuild_sql() -> tuple[str, str, list[str]]:
    q = connection.ops.quote_name
    t = {
        m: q(m._meta.db_table)
        for m in (AnswerTally, RespondentTally, GroupTally, Answer, Response, Submission, Element)
    }
    counted = ", ".join(f"'{s}'" for s in COUNTED)
    answers = f"""
        INSERT INTO {t[AnswerTally]} (period_id, version_id, unit_id, service_key, status, element_id, value,
                                      importance, not_applicable, n)
        SELECT s.period_id, r.version_id, s.unit_id, COALESCE(s.service_id, 0), s.status, a.element_id,
               COALESCE(a.value, 0), COALESCE(a.importance, 0), a.not_applicable, COUNT(*)
        FROM {t[Answer]} a JOIN {t[Response]} r ON a.response_id = r.id JOIN {t[Submission]} s ON r.submission_id = s.id
        WHERE s.status IN ({counted}) AND s.period_id = %s
        GROUP BY s.period_id, r.version_id, s.unit_id, COALESCE(s.service_id, 0), s.status, a.element_id,
                 COALESCE(a.value, 0), COALESCE(a.importance, 0), a.not_applicable"""
    # Each breakdown's category per response (its versions' bands and storage, see `Dimension.sql`).
    dimensions = all_dimensions()
    categories = "".join(f"{d.sql('s')} AS g{i}, " for i, d in enumerate(dimensions))
    # A response counts as complete when it gave every element of its version a score (COUNT(a.value)
    # skips "not applicable" answers, whose value is NULL); only complete ones contribute a total score.
    # Responses without answers count nowhere (as in `Batch.add`).
    per_response = f"""
        CREATE TEMPORARY TABLE {PER_RESPONSE} AS
        SELECT s.period_id, r.version_id, s.unit_id, COALESCE(s.service_id, 0) AS service_key, s.status,
               {categories}
               CASE WHEN c.k = ne.k THEN 1 ELSE 0 END AS complete,
               CASE WHEN c.k = ne.k THEN c.total ELSE 0 END AS total
        FROM (SELECT a.response_id, COUNT(a.value) AS k, SUM(a.value) AS total
              FROM {t[Answer]} a JOIN {t[Response]} r ON a.response_id = r.id
              JOIN {t[Submission]} s ON r.submission_id = s.id
              WHERE s.status IN ({counted}) AND s.period_id = %s
              GROUP BY a.response_id) c
        JOIN {t[Response]} r ON r.id = c.response_id JOIN {t[Submission]} s ON r.submission_id = s.id
        JOIN (SELECT version_id, COUNT(*) AS k FROM {t[Element]} GROUP BY version_id) ne ON ne.version_id = r.version_id"""
    key = "period_id, version_id, unit_id, service_key, status"
    moments = "COUNT(*), SUM(complete), SUM(total), SUM(total * total)"
    respondents = f"""
        INSERT INTO {t[RespondentTally]} ({key}, n, complete, total_sum, total_sumsq)
        SELECT {key}, {moments} FROM {PER_RESPONSE} GROUP BY {key}"""
    groups = [
        f"""
        INSERT INTO {t[GroupTally]} ({key}, dimension, category, n, complete, total_sum, total_sumsq)
        SELECT {key}, {profile.sql_literal(d.key)}, g{i}, {moments} FROM {PER_RESPONSE}
        WHERE version_id IN ({", ".join(str(int(v)) for v in versions)})
        GROUP BY {key}, g{i}"""
        for i, (d, versions) in enumerate(dimensions.items())
    ]
    return answers, per_response, [respondents, *groups]
