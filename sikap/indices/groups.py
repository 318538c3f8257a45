"""Reads for internal surveys inside the read model: element moments per breakdown category (for methods
that score per group), an internal version's anonymity rules, and the units a figure may rest on.

Read through `sikap.indices.read` (which pools with them) and `sikap.indices.analysis`; no module outside
the app imports a tally model.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet, Sum

from sikap.indices.methods import method_of
from sikap.indices.models import ElementGroupTally, GroupTally, RespondentTally
from sikap.indices.results import Group
from sikap.indices.scope import Scope
from sikap.instruments.models import InstrumentVersion
from sikap.organisation.models import Period

ELEMENT_SUMS = ("count", "total", "sumsq", "na")


def element_group_rows(scope: Scope, dims: Iterable[str], dimension: str) -> QuerySet[Any]:
    """Per `dims`, category of one breakdown and element: the element's moments (one query)."""
    sums = {"count": Sum("n"), "total": Sum("total"), "sumsq": Sum("sumsq"), "na": Sum("na")}
    rows = ElementGroupTally.objects.filter(scope.where(services=False), dimension=dimension)
    return rows.values(*dims, "category", "element_id").annotate(**sums).order_by()


def group_respondent_rows(scope: Scope, dims: Iterable[str], dimension: str) -> QuerySet[Any]:
    """Per `dims` and category of one breakdown: respondents `n_` (one query)."""
    rows = GroupTally.objects.filter(scope.where(), dimension=dimension)
    return rows.values(*dims, "category").annotate(n_=Sum("n")).order_by()


def element_groups(scope: Scope, dimensions: Iterable[str] | None = None) -> dict[tuple[str, str], Group]:
    """Per (breakdown, category): element moments and respondents, for versions whose method keeps
    them (`Method.element_groups`): breakdowns of internal indices are scored by their method. Two
    queries."""
    found: dict[tuple[str, str], Group] = {}
    sums = {"count": Sum("n"), "total": Sum("total"), "sumsq": Sum("sumsq"), "na": Sum("na")}
    rows = ElementGroupTally.objects.filter(scope.where(services=False))
    people = GroupTally.objects.filter(scope.where())
    if dimensions is not None:
        wanted = list(dimensions)
        rows, people = rows.filter(dimension__in=wanted), people.filter(dimension__in=wanted)
    for row in rows.values("dimension", "category", "element_id").annotate(**sums).order_by():
        group = found.setdefault((row["dimension"], row["category"]), Group())
        group.elements[row["element_id"]] = {name: row[name] or 0 for name in ELEMENT_SUMS}
    for row in people.values("dimension", "category").annotate(n_=Sum("n")).order_by():
        found.setdefault((row["dimension"], row["category"]), Group()).respondents += row["n_"] or 0
    return found


def floor_of(version: InstrumentVersion, period: Period) -> tuple[int, str]:
    """An internal version's k and integrity profile for the period (one query); (0, "") for a public
    one, whose figures stay as they always were (no query)."""
    if not method_of(version).internal:
        return 0, ""
    from sikap.internal.queries import rules_for

    rules = rules_for(version, period)
    return rules.k, rules.integrity_profile


def units_with_k(scope: Scope, k: int) -> list[int]:
    """The scope's units with at least k respondents (one query): what an internal breakdown may pool,
    so no cell carries answers of a unit whose own figures are withheld."""
    rows = RespondentTally.objects.filter(scope.where()).values("unit_id").annotate(n_=Sum("n")).order_by()
    return sorted(row["unit_id"] for row in rows if (row["n_"] or 0) >= k)
