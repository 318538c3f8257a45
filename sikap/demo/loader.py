"""Loads the Ministry of Law demo (provinces, unit tree, periods, catalogue, user counts, users, campaigns),
then its synthetic survey responses (`sikap.demo.responses`) unless asked not to, and the internal surveys
(`sikap.demo.internal`: rosters always; campaigns, invitations and answers with the responses).

Everything is created through the action functions, so every row has its audit event (actor: system). The
load is idempotent: it looks each thing up by its natural key (province code, unit code, period name, service
unit/year/name/channel, user count service/period, username) and creates only what is missing. It never
changes what already exists, so edits made while exploring the demo, and passwords, survive a rerun; a rerun
on a complete database writes nothing, not even audit rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection, transaction

from sikap.accounts.actions import create_user, grant_role
from sikap.accounts.models import Membership, User
from sikap.demo.data.periods import PERIODS, semester_name, year_name
from sikap.demo.data.provinces import PROVINCES
from sikap.demo.data.services import YEARS, specs_for, unit_users
from sikap.demo.data.units import UNITS
from sikap.demo.data.users import DEMO_USERS
from sikap.demo.internal import load_internal
from sikap.demo.kiosk import load_kiosk
from sikap.demo.pekppp import load_pekppp
from sikap.demo.responses import load_responses
from sikap.instruments.demo import open_demo_campaigns
from sikap.organisation.actions import (
    UserCountRow,
    create_period,
    create_services,
    create_unit,
    save_province,
    set_user_counts,
)
from sikap.organisation.models import Period, Province, Service, ServiceUserCount, Unit

# Meets the project's validators (10+ characters, not common, not numeric, unlike the usernames).
DEMO_PASSWORD = "sikap-demo-2026"  # noqa: S105 - a published demo password, by design

ACTOR = None  # the audit trail shows "system"

SOURCES: dict[str, str] = {
    Service.Channel.COUNTER: "Data demo: register loket",
    Service.Channel.ONLINE: "Data demo: aplikasi layanan daring",
}


@dataclass
class Tally:
    created: int = 0
    existing: int = 0


@dataclass
class Summary:
    """What one load created and what it found already there."""

    tallies: dict[str, Tally] = field(default_factory=dict)

    def tally(self, noun: str) -> Tally:
        return self.tallies.setdefault(noun, Tally())

    def count(self, noun: str, created: bool) -> None:
        tally = self.tally(noun)
        if created:
            tally.created += 1
        else:
            tally.existing += 1

    @property
    def created_anything(self) -> bool:
        return any(t.created for t in self.tallies.values())


@dataclass(frozen=True)
class Login:
    username: str
    role: str
    unit: str
    password: str


def load_demo(*, responses: bool = True, pekppp: bool = True) -> Summary:
    """Load the organisation in one transaction, then (unless `responses` is False) the synthetic responses,
    and (unless `pekppp` is False: tests of other parts) the PEKPPP cycles.

    The responses come in one transaction per period (see `sikap.demo.responses`), so an interrupted load
    keeps what it stored and a rerun completes it.
    """
    summary = Summary()
    with transaction.atomic():
        provinces = _load_provinces(summary)
        units = _load_units(summary, provinces)
        periods = _load_periods(summary)
        services = _load_services(summary, units)
        fresh_statistics()
        _load_user_counts(summary, units, services, periods)
        _load_users(summary, units)
        # A current-period campaign (SKM + SPKP + SPAK) with its public links for every unit with services.
        links = open_demo_campaigns()
        summary.tally("public links").created += links
        summary.tally("kiosk tablets").created += load_kiosk()
    fresh_statistics()
    if responses:
        loaded = load_responses(ACTOR)
        summary.tally("campaigns").created += loaded.campaigns
        summary.tally("responses").created += loaded.created
        summary.tally("responses").existing += loaded.existing
    fresh_statistics()
    # The internal surveys: rosters always; campaigns, invitations and answers with the responses.
    internal = load_internal(ACTOR, answers=responses)
    summary.tally("rosters").created += internal.rosters
    summary.tally("rosters").existing += internal.rosters_existing
    summary.tally("employees").created += internal.employees
    if responses:
        summary.tally("internal campaigns").created += internal.campaigns
        summary.tally("internal campaigns").existing += internal.campaigns_existing
        summary.tally("invitations").created += internal.invitations
        summary.tally("internal answers").created += internal.answers
    fresh_statistics()
    if pekppp:
        # PEKPPP mandiri: last year's finished cycle (with its own F-03 answers, also under --no-responses)
        # and this year's cycle in progress.
        evaluation = load_pekppp(ACTOR)
        summary.tally("PEKPPP cycles").created += evaluation.cycles
        summary.tally("PEKPPP cycles").existing += evaluation.cycles_existing
        summary.tally("PEKPPP lokus").created += evaluation.lokus
        summary.tally("PEKPPP levels").created += evaluation.levels
        summary.tally("PEKPPP evidence").created += evaluation.evidence
        summary.tally("PEKPPP F-03").created += evaluation.f03_answers
    return summary


def fresh_statistics() -> None:
    """On PostgreSQL, refresh the planner's statistics after a bulk step: tables loaded moments ago (or
    inside the open transaction) look empty to it, and its plans then nest loops over thousands of rows."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def demo_logins() -> list[Login]:
    """The demo logins, for printing (names of roles and units in Indonesian)."""
    roles = dict(Membership.Role.choices)
    names = dict(Unit.objects.filter(code__in={u.unit_code for u in DEMO_USERS}).values_list("code", "name"))
    return [
        Login(u.username, str(roles[u.role]), f"{names.get(u.unit_code, '?')} ({u.unit_code})", DEMO_PASSWORD)
        for u in DEMO_USERS
    ]


def _load_provinces(summary: Summary) -> dict[str, Province]:
    existing = {p.code: p for p in Province.objects.all()}
    for row in PROVINCES:
        created = row.bps_code not in existing
        if created:
            existing[row.bps_code] = save_province(ACTOR, Province(code=row.bps_code, name=row.name))
        summary.count("provinces", created)
    return existing


def _load_units(summary: Summary, provinces: dict[str, Province]) -> dict[str, Unit]:
    existing = {u.code: u for u in Unit.objects.all()}
    for spec in UNITS:
        created = spec.code not in existing
        if created:
            existing[spec.code] = create_unit(
                ACTOR,
                code=spec.code,
                name=spec.name,
                kind=spec.kind,
                parent=existing[spec.parent_code] if spec.parent_code else None,
                provinces=[provinces[code] for code in spec.province_codes],
            )
        summary.count("units", created)
    return existing


def _load_periods(summary: Summary) -> dict[str, Period]:
    existing = {p.name: p for p in Period.objects.all()}
    for spec in PERIODS:
        created = spec.name not in existing
        if created:
            existing[spec.name] = create_period(
                ACTOR, name=spec.name, kind=spec.kind, start=spec.start, end=spec.end
            )
        summary.count("periods", created)
    return existing


ServiceKey = tuple[int, int, str, str]  # unit id, year, name, channel


def _load_services(summary: Summary, units: dict[str, Unit]) -> dict[ServiceKey, Service]:
    unit_ids = [units[spec.code].pk for spec in UNITS if spec.catalogue]
    existing = {
        (s.unit_id, s.year, s.name, s.channel): s
        for s in Service.objects.filter(unit_id__in=unit_ids, year__in=YEARS)
    }
    missing: list[Service] = []
    for spec in UNITS:
        if not spec.catalogue:
            continue
        unit = units[spec.code]
        for year in YEARS:
            for service in specs_for(spec.catalogue, year):
                key = (unit.pk, year, service.name, service.channel)
                created = key not in existing
                if created:
                    missing.append(
                        Service(
                            unit=unit,
                            year=year,
                            name=service.name,
                            category=service.category,
                            channel=service.channel,
                            active=year not in service.inactive_in,
                        )
                    )
                summary.count("services", created)
    for new in create_services(ACTOR, missing):
        existing[(new.unit_id, new.year, new.name, new.channel)] = new
    return existing


def _load_user_counts(
    summary: Summary,
    units: dict[str, Unit],
    services: dict[ServiceKey, Service],
    periods: dict[str, Period],
) -> None:
    service_ids = [s.pk for s in services.values()]
    existing = set(
        ServiceUserCount.objects.filter(service_id__in=service_ids).values_list("service_id", "period_id")
    )
    missing: list[UserCountRow] = []
    for spec in UNITS:
        if not spec.catalogue:
            continue
        unit = units[spec.code]
        for year in YEARS:
            counts = unit_users(spec.code, spec.weight, spec.catalogue, year)
            targets = (
                (semester_name(year, 1), 0),
                (semester_name(year, 2), 1),
                (year_name(year), None),
            )
            for (name, channel), pair in counts.items():
                service = services[(unit.pk, year, name, channel)]
                for period_name, index in targets:
                    period = periods[period_name]
                    created = (service.pk, period.pk) not in existing
                    if created:
                        users = sum(pair) if index is None else pair[index]
                        missing.append((service, period, users, SOURCES[service.channel]))
                    summary.count("user counts", created)
    set_user_counts(ACTOR, missing)


def _load_users(summary: Summary, units: dict[str, Unit]) -> None:
    existing = {u.username: u for u in User.objects.filter(username__in=[s.username for s in DEMO_USERS])}
    for spec in DEMO_USERS:
        created = spec.username not in existing
        summary.count("users", created)
        if not created:
            continue  # an existing user is left alone: no new roles, no password reset
        user = create_user(
            ACTOR,
            username=spec.username,
            password=DEMO_PASSWORD,
            first_name=spec.first_name,
            last_name=spec.last_name,
            is_staff=spec.is_staff,
            is_superuser=spec.is_superuser,
        )
        grant_role(ACTOR, user, units[spec.unit_code], spec.role)


def format_summary(summary: Summary, nouns: Iterable[str] | None = None) -> list[str]:
    lines = []
    for noun in nouns or summary.tallies:
        tally = summary.tally(noun)
        lines.append(f"{noun:<18} {tally.created:>6} created {tally.existing:>6} already there")
    return lines
