"""Factories in code for tests (no JSON fixtures): a small ministry and one user per persona."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from sikap.accounts.actions import create_user, grant_role
from sikap.accounts.models import Membership, User
from sikap.organisation.actions import create_period, create_unit, save_service
from sikap.organisation.models import Period, Province, Service, Unit

PASSWORD = "uji-coba-sikap-2026"  # noqa: S105 - a test fixture, never a real account


def make_unit(
    code: str, *, parent: Unit | None = None, kind: str = Unit.Kind.DIVISION, name: str = ""
) -> Unit:
    return create_unit(None, code=code, name=name or code.replace("-", " ").title(), kind=kind, parent=parent)


def make_user(username: str, *roles: tuple[Unit, str], **fields: object) -> User:
    user = create_user(None, username=username, password=PASSWORD, **fields)
    for unit, role in roles:
        grant_role(None, user, unit, role)
    return user


def make_service(
    unit: Unit,
    name: str = "Legalisasi Apostille",
    year: int = 2026,
    category: str = Service.Category.AHU,
    **fields: Any,
) -> Service:
    service = Service(unit=unit, name=name, year=year, category=category, **fields)
    return save_service(None, service)


def make_period(
    name: str = "2026 Semester II",
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    kind: str = Period.Kind.SEMESTER,
) -> Period:
    return create_period(
        None,
        name=name,
        kind=kind,
        start=start or datetime.date(2026, 7, 1),
        end=end or datetime.date(2026, 12, 31),
    )


@dataclass
class World:
    """A small organisation: a ministry with two Kanwil, and the five personas."""

    ministry: Unit
    kanwil: Unit
    division: Unit
    other_kanwil: Unit
    other_division: Unit
    admin: User
    kanwil_admin: User
    operator: User
    leader: User
    outsider: User


def make_world() -> World:
    Province.objects.get_or_create(code="32", defaults={"name": "Jawa Barat"})
    ministry = make_unit("kemenkum", kind=Unit.Kind.MINISTRY, name="Kementerian Hukum")
    kanwil = make_unit("kanwil-jabar", parent=ministry, kind=Unit.Kind.KANWIL, name="Kanwil Jawa Barat")
    division = make_unit("kanwil-jabar-ki", parent=kanwil, name="Bidang KI Jawa Barat")
    other = make_unit("kanwil-bali", parent=ministry, kind=Unit.Kind.KANWIL, name="Kanwil Bali")
    other_division = make_unit("kanwil-bali-ki", parent=other, name="Bidang KI Bali")
    R = Membership.Role
    return World(
        ministry=ministry,
        kanwil=kanwil,
        division=division,
        other_kanwil=other,
        other_division=other_division,
        admin=make_user("admin", (ministry, R.CENTRAL_ADMIN), is_staff=True),
        kanwil_admin=make_user("admin.jabar", (kanwil, R.REGIONAL_ADMIN), is_staff=True),
        operator=make_user("operator.ki.jabar", (division, R.UNIT_OPERATOR)),
        leader=make_user("pimpinan", (ministry, R.LEADER)),
        outsider=make_user("operator.ki.bali", (other_division, R.UNIT_OPERATOR)),
    )


def make_campaign(
    units: list[Unit],
    period: Period | None = None,
    codes: tuple[str, ...] = ("SKM", "SPKP", "SPAK"),
    *,
    with_service_links: bool = True,
) -> Any:
    """An open campaign over the standard instruments (from the data migration) with its public links."""
    from sikap.instruments.models import Campaign, CampaignVersion, InstrumentVersion, PublicLink

    period = period or Period.objects.filter(name="2026 Semester II").first() or make_period()
    campaign = Campaign.objects.create(
        name=f"Survei {period.name}", period=period, status=Campaign.Status.OPEN
    )
    for order, code in enumerate(codes):
        version = (
            InstrumentVersion.objects.published().filter(instrument__code=code).order_by("-number").first()
        )
        assert version is not None, f"instrument {code} is not published"
        CampaignVersion.objects.create(campaign=campaign, version=version, order=order)
    campaign.units.set(units)
    for unit in units:
        PublicLink.objects.create(campaign=campaign, unit=unit)
        if with_service_links:
            for service in Service.objects.filter(unit=unit, year=period.start.year, active=True):
                PublicLink.objects.create(campaign=campaign, unit=unit, service=service)
    return campaign


def make_scaled_version(
    code: str = "SKALA05",
    *,
    scale: tuple[int, int] = (0, 5),
    elements: tuple[str, ...] = ("E1", "E2", "E3"),
    allow_na: tuple[str, ...] = ("E2", "E3"),
    ask_importance: tuple[str, ...] = (),
    method: str = "mean",
) -> Any:
    """A published instrument version on its own scale (0-5 by default, like PEKPPP's users' form F-03,
    which ships as the instrument F03) whose `allow_na` elements may be answered "tidak berlaku / tidak
    tahu"."""
    from sikap.instruments.models import Element, Instrument, InstrumentVersion

    instrument = Instrument.objects.create(code=code, name=f"Uji skala {code}", method=method)
    version = InstrumentVersion.objects.create(
        instrument=instrument,
        number=1,
        title=f"Uji skala {code}",
        scale_min=scale[0],
        scale_max=scale[1],
        method=method,
    )
    for order, element_code in enumerate(elements):
        Element.objects.create(
            version=version,
            code=element_code,
            name=f"Unsur {element_code}",
            question=f"Bagaimana {element_code}?",
            allow_na=element_code in allow_na,
            ask_importance=element_code in ask_importance,
            order=order,
        )
    InstrumentVersion.objects.filter(pk=version.pk).update(status=InstrumentVersion.Status.PUBLISHED)
    version.refresh_from_db()
    return version
