"""The one place that decides what a user may see and change.

A membership reaches its unit's whole subtree. Units outside every subtree do not exist for the user
(views answer 404); units inside a read-only subtree may be read but not changed (views answer 403).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from sikap.accounts.models import Membership
from sikap.organisation.models import Unit, UnitQuerySet

# Who decides on a unit's proposed publication: a leader of the unit or of a unit above it (read-only
# everywhere else), or a central admin. Who may publish directly, without a proposal: a central admin.
APPROVE_ROLES = frozenset({Membership.Role.LEADER, Membership.Role.CENTRAL_ADMIN})
PUBLISH_ROLES = frozenset({Membership.Role.CENTRAL_ADMIN})
# Who administers a unit's internal survey data (overrides its headcount): a central admin, or a regional
# admin over the unit; its operator imports the roster but does not correct the headcount.
ADMIN_ROLES = frozenset({Membership.Role.CENTRAL_ADMIN, Membership.Role.REGIONAL_ADMIN})


@dataclass(frozen=True)
class Grant:
    """One reach of a membership: a unit path prefix and whether it allows writes."""

    path: str
    role: str
    write: bool

    @property
    def role_label(self) -> str:
        return str(Membership.Role(self.role).label)


class Use(StrEnum):
    """Kinds of pages, by who may use them; the menu and the pages ask the same question (`Access.may`)."""

    SIGNED_IN = "signed_in"  # every signed-in user: pages that show only the user's own reach
    WRITE = "write"  # tools that change data: a role that may write somewhere
    OVERVIEW = "overview"  # overviews across units: those who supervise units, not a unit's own operator
    APPROVE = "approve"  # approving what units propose for publication
    PARTICIPATION = "participation"  # internal surveys' participation counts (and bulk reminders)
    CENTRAL = "central"  # settings of the whole installation (the report letterhead): central admins
    INSTRUMENTS = "instruments"  # building, translating and publishing instruments (national, not per unit)


R = Membership.Role
USE_ROLES: dict[Use, frozenset[str]] = {
    Use.WRITE: frozenset(Membership.WRITE_ROLES),
    Use.OVERVIEW: frozenset({R.CENTRAL_ADMIN, R.REGIONAL_ADMIN, R.LEADER, R.EVALUATOR}),
    Use.APPROVE: APPROVE_ROLES,
    Use.PARTICIPATION: frozenset(
        {R.CENTRAL_ADMIN, R.REGIONAL_ADMIN, R.UNIT_OPERATOR, R.LEADER, R.INTERNAL_PIC}
    ),
    Use.CENTRAL: frozenset({R.CENTRAL_ADMIN}),
    Use.INSTRUMENTS: frozenset({R.CENTRAL_ADMIN}),
}
# The internal-survey PIC reaches its units' participation counts only: its membership is kept out of
# the grants that open every other page.
PIC_ROLES = frozenset({R.INTERNAL_PIC})
# Whose workspace a user with several roles gets: the widest duty first.
ROLE_PRECEDENCE = (R.CENTRAL_ADMIN, R.REGIONAL_ADMIN, R.UNIT_OPERATOR, R.LEADER, R.EVALUATOR, R.INTERNAL_PIC)


class Access:
    """What one user may see and change; build it with `access_for(user)`."""

    def __init__(self, user: Any) -> None:
        self.user = user

    @cached_property
    def is_superuser(self) -> bool:
        return bool(getattr(self.user, "is_superuser", False) and self.user.is_active)

    @cached_property
    def _all_grants(self) -> tuple[Grant, ...]:
        if not getattr(self.user, "is_authenticated", False) or not self.user.is_active:
            return ()
        rows = Membership.objects.filter(user=self.user, unit__active=True).values_list("unit__path", "role")
        return tuple(Grant(path, role, role in Membership.WRITE_ROLES) for path, role in rows)

    @property
    def grants(self) -> tuple[Grant, ...]:
        """The memberships that open pages of their units (every role but the internal-survey PIC)."""
        return tuple(g for g in self._all_grants if g.role not in PIC_ROLES)

    @property
    def pic_grants(self) -> tuple[Grant, ...]:
        return tuple(g for g in self._all_grants if g.role in PIC_ROLES)

    @property
    def roles(self) -> set[str]:
        return {g.role for g in self._all_grants}

    @property
    def role(self) -> str:
        """The role whose workspace the user gets: a superuser is a central admin; "" without a role."""
        if self.is_superuser:
            return R.CENTRAL_ADMIN
        held = self.roles
        return next((str(role) for role in ROLE_PRECEDENCE if role in held), "")

    def may(self, use: Use) -> bool:
        """Whether the user may use a kind of page at all (which units it may touch is asked per unit)."""
        if self.is_superuser:
            return True
        if use == Use.SIGNED_IN:
            signed_in = bool(getattr(self.user, "is_authenticated", False) and self.user.is_active)
            # A user who is only an internal-survey PIC has nothing else to open.
            return signed_in and not (self.pic_grants and not self.grants)
        return bool(self.roles & USE_ROLES[use])

    def grants_of(self, role: str) -> list[Unit]:
        """The units where the user holds `role` (its own units, not their subtrees), by path."""
        paths = sorted({g.path for g in self.grants if g.role == role})
        by_path = {u.path: u for u in Unit.objects.filter(path__in=paths)}
        return [by_path[p] for p in paths if p in by_path]

    def units(self) -> UnitQuerySet:
        """Every unit the user may see, as one query."""
        if self.is_superuser:
            return Unit.objects.all()
        roots = [Unit(path=g.path) for g in self.grants]
        return Unit.objects.subtrees_of(roots)

    def writable_units(self) -> UnitQuerySet:
        if self.is_superuser:
            return Unit.objects.all()
        return Unit.objects.subtrees_of([Unit(path=g.path) for g in self.grants if g.write])

    def top_units(self) -> list[Unit]:
        """The highest units the user reaches (no unit in the list lies under another)."""
        if self.is_superuser:
            return list(Unit.objects.filter(parent__isnull=True))
        paths = sorted({g.path for g in self.grants})
        tops = [p for p in paths if not any(p != q and p.startswith(q) for q in paths)]
        by_path = {u.path: u for u in Unit.objects.filter(path__in=tops)}
        return [by_path[p] for p in tops if p in by_path]

    def participation_units(self) -> UnitQuerySet:
        """Every unit whose internal-survey participation the user may follow, as one query."""
        if self.is_superuser:
            return Unit.objects.all()
        roles = USE_ROLES[Use.PARTICIPATION]
        return Unit.objects.subtrees_of([Unit(path=g.path) for g in self._all_grants if g.role in roles])

    def can_follow(self, unit: Unit) -> bool:
        """Whether the user may see the unit's participation counts and remind its non-respondents."""
        roles = USE_ROLES[Use.PARTICIPATION]
        return self.is_superuser or any(
            unit.path.startswith(g.path) and g.role in roles for g in self._all_grants
        )

    def can_view(self, unit: Unit) -> bool:
        return self.is_superuser or any(unit.path.startswith(g.path) for g in self.grants)

    def can_write(self, unit: Unit) -> bool:
        return self.is_superuser or any(unit.path.startswith(g.path) and g.write for g in self.grants)

    def _holds(self, unit: Unit, roles: frozenset[str]) -> bool:
        return self.is_superuser or any(unit.path.startswith(g.path) and g.role in roles for g in self.grants)

    def can_approve(self, unit: Unit) -> bool:
        """Whether the user may approve or return the unit's proposed publication."""
        return self._holds(unit, APPROVE_ROLES)

    def can_approve_any(self) -> bool:
        return self.is_superuser or any(g.role in APPROVE_ROLES for g in self.grants)

    def approvable_units(self) -> UnitQuerySet:
        """Every unit whose proposals the user may decide, as one query."""
        if self.is_superuser:
            return Unit.objects.all()
        return Unit.objects.subtrees_of([Unit(path=g.path) for g in self.grants if g.role in APPROVE_ROLES])

    def can_publish(self, unit: Unit) -> bool:
        """Whether the user may publish the unit's results directly, without a proposal."""
        return self._holds(unit, PUBLISH_ROLES)

    def can_administer(self, unit: Unit) -> bool:
        """Whether the user is an admin of the unit (central, or regional over it)."""
        return self._holds(unit, ADMIN_ROLES)

    def can_see_contacts(self, unit: Unit) -> bool:
        """Whether the user may read the names and contacts of the unit's roster: its admins and the
        operators who run its survey (the roles that write there); never a leader, evaluator or PIC."""
        return self.can_write(unit)

    def require_instruments(self, *, write: bool = False) -> None:
        """Instruments are national: those who oversee units may read them and their previews, central
        admins change them. Anyone else gets 404; a reader trying a change gets 403."""
        if not (self.may(Use.OVERVIEW) or self.may(Use.INSTRUMENTS)):
            raise Http404
        if write and not self.may(Use.INSTRUMENTS):
            raise PermissionDenied(_("Hanya admin pusat yang dapat mengubah instrumen."))

    def require_view(self, unit: Unit) -> Unit:
        """The unit if visible; otherwise 404, so outsiders cannot even learn it exists."""
        if not self.can_view(unit):
            raise Http404
        return unit

    def require_write(self, unit: Unit) -> Unit:
        """The unit if writable; 404 if invisible, 403 if visible but read-only."""
        self.require_view(unit)
        if not self.can_write(unit):
            raise PermissionDenied
        return unit

    def require_approve(self, unit: Unit) -> Unit:
        """The unit if the user may decide its proposals; 404 if invisible, 403 (with the rule) if not."""
        self.require_view(unit)
        if not self.can_approve(unit):
            raise PermissionDenied(
                _("Hanya pimpinan unit ini atau unit di atasnya, atau admin pusat, yang dapat memutuskan.")
            )
        return unit

    def require_publish(self, unit: Unit) -> Unit:
        """The unit if the user may publish it directly; 404 if invisible, 403 (with the rule) if not."""
        self.require_view(unit)
        if not self.can_publish(unit):
            raise PermissionDenied(
                _("Hanya admin pusat yang dapat menerbitkan langsung; operator mengajukan penerbitan.")
            )
        return unit


def access_for(user: Any) -> Access:
    """The access decision for `user`, cached on the user object for the request."""
    cached = getattr(user, "_sikap_access", None)
    if cached is None:
        cached = Access(user)
        # Per request: the user object lives as long as the request does.
        with contextlib.suppress(AttributeError):
            user._sikap_access = cached
    return cached
