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
# PEKPPP: who runs a cycle and sees every lokus in its subtree (drafts included); who confirms the final
# levels; whose members see their own unit's self-assessment and validated result (never drafts).
PEKPPP_COORDINATE_ROLES = frozenset({Membership.Role.CENTRAL_ADMIN, Membership.Role.PEMBINA})
PEKPPP_VALIDATE_ROLES = frozenset({Membership.Role.VALIDATOR})
PEKPPP_UNIT_ROLES = frozenset(
    {Membership.Role.REGIONAL_ADMIN, Membership.Role.UNIT_OPERATOR, Membership.Role.LEADER}
)


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
    ADMIN = "admin"  # admin roles' own account safeguards: optional two-factor login, idle sign-out


R = Membership.Role
USE_ROLES: dict[Use, frozenset[str]] = {
    Use.WRITE: frozenset(Membership.WRITE_ROLES),
    Use.OVERVIEW: frozenset(
        {R.CENTRAL_ADMIN, R.REGIONAL_ADMIN, R.LEADER, R.EVALUATOR, R.PEMBINA, R.VALIDATOR}
    ),
    Use.APPROVE: APPROVE_ROLES,
    Use.PARTICIPATION: frozenset(
        {R.CENTRAL_ADMIN, R.REGIONAL_ADMIN, R.UNIT_OPERATOR, R.LEADER, R.INTERNAL_PIC}
    ),
    Use.CENTRAL: frozenset({R.CENTRAL_ADMIN}),
    Use.INSTRUMENTS: frozenset({R.CENTRAL_ADMIN}),
    Use.ADMIN: ADMIN_ROLES,
}
# The internal-survey PIC reaches its units' participation counts only: its membership is kept out of
# the grants that open every other page.
PIC_ROLES = frozenset({R.INTERNAL_PIC})
# Whose workspace a user with several roles gets: the widest duty first.
ROLE_PRECEDENCE = (
    R.CENTRAL_ADMIN,
    R.PEMBINA,
    R.REGIONAL_ADMIN,
    R.UNIT_OPERATOR,
    R.LEADER,
    R.VALIDATOR,
    R.EVALUATOR,
    R.INTERNAL_PIC,
)


@dataclass(frozen=True)
class LokusReach:
    """What one user may do with one PEKPPP lokus (see `Access.lokus_reach`)."""

    coordinate: bool = False  # pembina or central admin over the unit: everything, drafts included
    validate: bool = False  # validator over the unit: reads everything, confirms final levels
    aspects: frozenset[str] = frozenset()  # aspect codes this user evaluates (its assignment)
    unit: bool = False  # a member of the unit (or above it): its own F-01 and the validated result
    write_self_assessment: bool = False  # may fill and submit the unit's F-01

    @property
    def visible(self) -> bool:
        return self.coordinate or self.validate or bool(self.aspects) or self.unit

    @property
    def sees_drafts(self) -> bool:
        """Evaluators' levels and notes before validation: never the unit's own people."""
        return self.coordinate or self.validate or bool(self.aspects)

    def sees_aspect(self, code: str) -> bool:
        """An evaluator sees only its assigned aspects; everyone else who sees the lokus sees all."""
        return self.coordinate or self.validate or self.unit or code in self.aspects


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

    # --- PEKPPP: an evaluator reaches only the lokus and aspects assigned to it ------------------------

    def lokus_reach(self, lokus: Any) -> LokusReach:
        """What the user may do with a lokus (a `pekppp.Lokus`): one query for the assignment."""
        unit = lokus.unit
        if self.is_superuser:
            return LokusReach(coordinate=True, validate=True, unit=True, write_self_assessment=True)
        from sikap.pekppp.models import Assignment  # accounts does not import the apps it guards

        assigned: set[str] = set()
        if getattr(self.user, "is_authenticated", False) and self.user.is_active:
            for aspects in Assignment.objects.filter(lokus=lokus, evaluator=self.user).values_list(
                "aspects", flat=True
            ):
                assigned.update(aspects)
        return LokusReach(
            coordinate=self._holds(unit, PEKPPP_COORDINATE_ROLES),
            validate=self._holds(unit, PEKPPP_VALIDATE_ROLES),
            aspects=frozenset(assigned),
            unit=self._holds(unit, PEKPPP_UNIT_ROLES),
            write_self_assessment=self.can_write(unit),
        )

    def require_lokus(self, lokus: Any) -> LokusReach:
        """The user's reach on a lokus; 404 when it has none (an outsider cannot learn it is a lokus)."""
        reach = self.lokus_reach(lokus)
        if not reach.visible:
            raise Http404
        return reach

    def require_score(self, lokus: Any, aspect: str) -> LokusReach:
        """Setting levels of an aspect: its assigned evaluator (or a superuser). 404 when the user does
        not see the aspect (an evaluator on other aspects, an outsider), 403 when it only reads it."""
        reach = self.require_lokus(lokus)
        if not reach.sees_aspect(aspect):
            raise Http404
        if aspect not in reach.aspects and not self.is_superuser:
            raise PermissionDenied(_("Hanya evaluator yang ditugaskan pada aspek ini yang dapat menilai."))
        return reach

    def require_self_assessment(self, lokus: Any, *, write: bool = False) -> LokusReach:
        """The unit's F-01 and its evidence: read by whoever sees the lokus, changed by those who write
        for the unit (its operators and admins); 404 / 403 otherwise."""
        reach = self.require_lokus(lokus)
        if write and not reach.write_self_assessment:
            raise PermissionDenied(
                _("Hanya operator atau admin unit ini yang dapat mengisi penilaian mandiri.")
            )
        return reach

    def require_validate(self, lokus: Any) -> LokusReach:
        """Confirming a lokus' final levels: a validator over the unit (or a superuser)."""
        reach = self.require_lokus(lokus)
        if not reach.validate:
            raise PermissionDenied(_("Hanya validator PEKPPP yang dapat memvalidasi hasil evaluasi."))
        return reach

    def require_coordinate(self, unit: Unit) -> Unit:
        """Running a cycle over a unit (adding it as lokus, assigning evaluators): a pembina or central
        admin over it; 404 when the unit is invisible, 403 when it is only read."""
        self.require_view(unit)
        if not self._holds(unit, PEKPPP_COORDINATE_ROLES):
            raise PermissionDenied(
                _("Hanya pembina PEKPPP atau admin pusat yang dapat mengatur siklus evaluasi.")
            )
        return unit

    def sees_pekppp_drafts(self, unit: Unit) -> bool:
        """A lokus' result before validation, by role over its unit: pembina, central admin, validator
        (assigned evaluators see theirs through `lokus_reach`); never the unit's own people."""
        return self._holds(unit, PEKPPP_COORDINATE_ROLES | PEKPPP_VALIDATE_ROLES)

    def may_coordinate_pekppp(self) -> bool:
        """Whether the user coordinates PEKPPP anywhere (may create cycles)."""
        return self.is_superuser or any(g.role in PEKPPP_COORDINATE_ROLES for g in self.grants)

    def visible_lokus(self, cycle: Any) -> Any:
        """Every lokus of a cycle the user sees, as one queryset: its subtree for coordinators,
        validators and the units' own people; its assignments for an evaluator."""
        from django.db.models import Q

        from sikap.pekppp.models import Lokus

        lokus = Lokus.objects.filter(cycle=cycle)
        if self.is_superuser:
            return lokus
        roles = PEKPPP_COORDINATE_ROLES | PEKPPP_VALIDATE_ROLES | PEKPPP_UNIT_ROLES
        units = Unit.objects.subtrees_of([Unit(path=g.path) for g in self.grants if g.role in roles])
        assigned = Q(assignments__evaluator=self.user) if getattr(self.user, "pk", None) else Q(pk__in=[])
        return lokus.filter(Q(unit__in=units.values("pk")) | assigned).distinct()


def access_for(user: Any) -> Access:
    """The access decision for `user`, cached on the user object for the request."""
    cached = getattr(user, "_sikap_access", None)
    if cached is None:
        cached = Access(user)
        # Per request: the user object lives as long as the request does.
        with contextlib.suppress(AttributeError):
            user._sikap_access = cached
    return cached
