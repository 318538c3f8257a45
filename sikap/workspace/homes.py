"""What each role's home page shows: one function per role, built from the apps' own reads.

Every function takes the user's access and today, and returns the template's context. The number of
queries does not grow with the number of units in reach (the tests pin it).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from sikap.accounts.access import Access, Use
from sikap.accounts.models import Membership
from sikap.followup import queries as followup
from sikap.indices import queries as indices
from sikap.indices.progress import progress_many
from sikap.instruments.models import DEFAULT_INSTRUMENT, InstrumentVersion
from sikap.instruments.queries import open_unit_links
from sikap.organisation.models import Period
from sikap.publication import queries as publication
from sikap.responses import queries as responses

R = Membership.Role
BEHIND_SHOWN = 10
OVERDUE_SHOWN = 10


@dataclass
class Survey:
    """The period a home page reports on and the SKM version answered in it (either may be missing)."""

    period: Period | None
    version: InstrumentVersion | None


def current_survey(today: datetime.date) -> Survey:
    period = indices.default_period(today)
    version = indices.version_for(DEFAULT_INSTRUMENT, period) if period is not None else None
    return Survey(period, version)


def operator_home(access: Access, today: datetime.date) -> dict[str, Any]:
    """Today's work of a unit operator: progress against today's target, suspect submissions waiting,
    paper entry, links with QR, posters and kiosk tablets, service codes, follow-up due, reports."""
    survey = current_survey(today)
    units = access.grants_of(R.UNIT_OPERATOR)
    writable = access.writable_units()
    context: dict[str, Any] = {"survey": survey, "units": units, "progress": []}
    if survey.period is not None and survey.version is not None and units:
        found = progress_many({u.pk: u.pk for u in units}, survey.period, survey.version, today)
        context["progress"] = [(u, found[u.pk]) for u in units]
    links = open_unit_links(writable)
    context |= {
        "suspect": responses.suspect_to_review(access).count(),
        "entries": responses.entry_campaigns(access),
        "links": links,
        "codes": responses.code_summary(access)[:10],
        "due": followup.due_items(writable, survey.period, today) if survey.period else [],
    }
    return context


def behind(access: Access, survey: Survey, today: datetime.date) -> dict[str, Any]:
    """The surveyed units in reach and those behind today's target (the furthest behind first)."""
    if survey.period is None or survey.version is None:
        return {"surveyed": 0, "behind": [], "behind_count": 0}
    units = {u.pk: u for u in access.units().order_by("path")}
    # A subquery, not a list of ids: the central admin reaches every unit.
    reach = access.units().values("pk")
    rows = indices.league(
        units,
        {pk: pk for pk in units},
        survey.period,
        survey.version,
        today=today,
        unit_filter=reach,
        order="",
    )
    late = indices.furthest_behind(rows, limit=len(rows))
    return {"surveyed": len(rows), "behind": late[:BEHIND_SHOWN], "behind_count": len(late)}


def overdue(access: Access, survey: Survey, today: datetime.date) -> dict[str, Any]:
    if survey.period is None:
        return {"overdue": [], "overdue_count": 0}
    items = followup.overdue_items(access.units(), survey.period, today)
    return {"overdue": list(items[:OVERDUE_SHOWN]), "overdue_count": items.count()}


def approvals(access: Access) -> dict[str, Any]:
    """Proposals waiting for a leader's decision in the user's reach (one query), and the queue's address
    for those who decide them."""
    waiting = publication.waiting_in(access.units())
    queue = reverse("publication:queue") if access.may(Use.APPROVE) else None
    return {"waiting": waiting[:OVERDUE_SHOWN], "waiting_count": len(waiting), "approvals_url": queue}


def regional_home(access: Access, today: datetime.date) -> dict[str, Any]:
    """A regional admin's: units behind target, overdue follow-up, publications waiting for approval."""
    survey = current_survey(today)
    context = {"survey": survey, "units": access.grants_of(R.REGIONAL_ADMIN)}
    context |= behind(access, survey, today) | overdue(access, survey, today)
    return context | approvals(access)


def central_home(access: Access, today: datetime.date) -> dict[str, Any]:
    """The central admin's overview: submissions of the period, units behind target, follow-up overdue."""
    survey = current_survey(today)
    context: dict[str, Any] = {"survey": survey, "units": access.top_units()}
    submissions = responses.in_scope(access.units())
    if survey.period is not None:
        submissions = submissions.filter(period=survey.period)
    context["counts"] = responses.counts(submissions)
    context |= behind(access, survey, today) | overdue(access, survey, today)
    return context | approvals(access)


def leader_home(access: Access, today: datetime.date) -> dict[str, Any]:
    """A leader's dashboard: its units' index and progress (pooled over each subtree), and where they lag."""
    survey = current_survey(today)
    tops = access.top_units()
    context: dict[str, Any] = {"survey": survey, "units": tops, "cards": []}
    if survey.period is not None and survey.version is not None and tops:
        context["cards"] = indices.unit_indices(
            tops, survey.period, survey.version, subtree=True, today=today
        )
    context |= behind(access, survey, today) | overdue(access, survey, today)
    return context | approvals(access)


def evaluator_home(access: Access, today: datetime.date) -> dict[str, Any]:
    """An evaluator's PEKPPP assignments with their stage; the pembina and validator see the lokus of
    their cycles. All of them also read the units they reach."""
    from sikap.pekppp import queries as pekppp  # pekppp reads the workspace's menu

    return {
        "units": access.top_units(),
        "assignments": list(pekppp.assignments_of(access.user)),
        "cycles": pekppp.my_lokus(access),
    }


def pic_home(access: Access, today: datetime.date) -> dict[str, Any]:
    """The internal-survey PIC: the open internal campaigns of its units and their participation."""
    from sikap.internal.participation import internal_overview  # the internal app reads the workspace

    return {"campaigns": internal_overview(access, today)}


def no_role_home(access: Access, today: datetime.date) -> dict[str, Any]:
    return {"units": []}


HOMES: dict[str, Callable[[Access, datetime.date], dict[str, Any]]] = {
    R.CENTRAL_ADMIN: central_home,
    R.REGIONAL_ADMIN: regional_home,
    R.UNIT_OPERATOR: operator_home,
    R.LEADER: leader_home,
    R.EVALUATOR: evaluator_home,
    R.PEMBINA: evaluator_home,
    R.VALIDATOR: evaluator_home,
    R.INTERNAL_PIC: pic_home,
    "": no_role_home,
}


def home_for(access: Access, today: datetime.date) -> tuple[str, dict[str, Any]]:
    """The role whose workspace the user gets and that page's content."""
    role = access.role
    return role, HOMES[role](access, today)


def in_reach(access: Access) -> Any:
    """The units a section's index page lists, tree order."""
    return access.units().order_by("path").only("pk", "code", "name", "path", "kind", "depth")
