"""The daily digest: which units of open campaigns are behind their respondent target, and who hears of it.

Each unit operator gets one message about the behind units they operate; each regional admin gets one
message listing every behind unit under their Kanwil. The letters are plain text in Indonesian.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.mail import send_mass_mail
from django.utils import formats
from django.utils.translation import gettext as _

from sikap.accounts.models import Membership, User
from sikap.indices.progress import Progress, Status, progress_many, status_of
from sikap.indices.queries import version_for
from sikap.indices.targets import working_days
from sikap.indices.templatetags.indices_tags import idnum
from sikap.instruments.models import DEFAULT_INSTRUMENT, Campaign, InstrumentVersion
from sikap.lib.links import configured_base_url
from sikap.organisation.models import Period, Unit


@dataclass
class BehindUnit:
    unit: Unit
    progress: Progress


@dataclass
class Letter:
    """One message to one user about the behind units they answer for in one role."""

    user: User
    role: str
    units: list[BehindUnit]
    subject: str = ""
    body: str = ""


@dataclass
class Digest:
    period: Period
    day: datetime.date
    version: InstrumentVersion
    checked: int = 0
    behind: list[BehindUnit] = field(default_factory=list)
    letters: list[Letter] = field(default_factory=list)
    without_email: list[User] = field(default_factory=list)


def current_period(day: datetime.date) -> Period | None:
    """The semester that contains `day`."""
    return (
        Period.objects.filter(kind=Period.Kind.SEMESTER, start__lte=day, end__gte=day)
        .order_by("start")
        .first()
    )


def is_working_day(period: Period, day: datetime.date) -> bool:
    if not period.start <= day <= period.end:
        return day.weekday() < 5
    return day in set(working_days(period))


def campaign_units(period: Period) -> list[Unit]:
    """Active units taking part in an open campaign of the period."""
    return list(
        Unit.objects.filter(active=True, campaigns__period=period, campaigns__status=Campaign.Status.OPEN)
        .distinct()
        .order_by("path")
    )


def _ancestor_ids(units: list[Unit]) -> set[int]:
    return {int(part) for unit in units for part in unit.path.strip("/").split("/") if part}


def _letters(behind: list[BehindUnit]) -> list[Letter]:
    by_id = {item.unit.pk: item for item in behind}
    letters: dict[tuple[int, str], Letter] = {}
    R = Membership.Role
    operators = (
        Membership.objects.filter(role=R.UNIT_OPERATOR, unit_id__in=by_id, user__is_active=True)
        .select_related("user")
        .order_by("user__username", "unit__path")
    )
    for membership in operators:
        key = (membership.user_id, R.UNIT_OPERATOR)
        letter = letters.setdefault(key, Letter(membership.user, R.UNIT_OPERATOR, []))
        letter.units.append(by_id[membership.unit_id])
    regional = (
        Membership.objects.filter(
            role=R.REGIONAL_ADMIN,
            unit__kind=Unit.Kind.KANWIL,
            unit_id__in=_ancestor_ids([item.unit for item in behind]),
            user__is_active=True,
        )
        .select_related("user", "unit")
        .order_by("user__username", "unit__path")
    )
    reach: dict[int, list[str]] = {}
    for membership in regional:
        letters.setdefault(
            (membership.user_id, R.REGIONAL_ADMIN), Letter(membership.user, R.REGIONAL_ADMIN, [])
        )
        reach.setdefault(membership.user_id, []).append(membership.unit.path)
    for user_id, paths in reach.items():
        letter = letters[(user_id, R.REGIONAL_ADMIN)]
        letter.units = [item for item in behind if any(item.unit.path.startswith(p) for p in paths)]
    return list(letters.values())


def build(period: Period, day: datetime.date, version: InstrumentVersion | None = None) -> Digest:
    """Everything the digest would send for `day`, without sending it."""
    version = version or version_for(DEFAULT_INSTRUMENT, period)
    if version is None:
        raise ValueError(_("Instrumen SKM belum diterbitkan."))
    digest = Digest(period, day, version)
    units = campaign_units(period)
    digest.checked = len(units)
    states = progress_many({unit.pk: unit.pk for unit in units}, period, version, day)
    for unit in units:
        if status_of(states[unit.pk]) == Status.BEHIND:
            digest.behind.append(BehindUnit(unit, states[unit.pk]))
    for letter in _letters(digest.behind):
        if not letter.user.email:
            if letter.user not in digest.without_email:
                digest.without_email.append(letter.user)
            continue
        letter.subject, letter.body = compose(letter, digest)
        digest.letters.append(letter)
    return digest


def _number(value: float) -> str:
    """A percentage the Indonesian way, without a trailing ",0" (3,3; 0; 1.250)."""
    return idnum(value, 0 if float(value).is_integer() else 1)


def compose(letter: Letter, digest: Digest) -> tuple[str, str]:
    """The subject and plain-text body of one letter, in Indonesian."""
    count = len(letter.units)
    subject = _("Sikap: %(count)s unit tertinggal dari target responden — %(period)s") % {
        "count": count,
        "period": digest.period.name,
    }
    name = letter.user.get_full_name() or letter.user.username
    scope = (
        _("unit yang Anda kelola")
        if letter.role == Membership.Role.UNIT_OPERATOR
        else _("unit di wilayah Anda")
    )
    lines = [
        _("Yth. %(name)s,") % {"name": name},
        "",
        _(
            "Per %(day)s, %(count)s %(scope)s belum mencapai target responden %(instrument)s "
            "periode %(period)s sampai hari ini:"
        )
        % {
            "day": formats.date_format(digest.day, "j F Y"),
            "count": count,
            "scope": scope,
            "instrument": digest.version.instrument.code,
            "period": digest.period.name,
        },
        "",
    ]
    for item in letter.units:
        state = item.progress
        lines += [
            f"- {item.unit.name} ({item.unit.code})",
            "  " + _("Target periode: %(n)s responden") % {"n": idnum(state.target.minimum, 0)},
            "  "
            + _("Tercapai: %(n)s responden (%(percent)s %%)")
            % {"n": idnum(state.attained, 0), "percent": _number(state.percent)},
            "  "
            + _("Seharusnya sampai hari ini: %(n)s responden") % {"n": idnum(state.expected_by_today, 0)},
            "  "
            + _("Kebutuhan per hari kerja: %(n)s responden (%(days)s hari kerja tersisa)")
            % {"n": idnum(state.daily_needed, 0), "days": idnum(state.working_days_left, 0)},
            "",
        ]
    lines += [
        _("Mohon ajak lebih banyak pengguna layanan mengisi survei melalui tautan atau kode QR unit."),
    ]
    # A letter has no request to take a host from: without the setting it gives no address rather than a
    # guessed one.
    if address := configured_base_url():
        lines += [_("Rincian: %(url)s") % {"url": address + "/"}]
    lines += [
        "",
        _("Pesan ini dikirim otomatis oleh Sikap setiap hari kerja selama unit tertinggal."),
    ]
    return subject, "\n".join(lines) + "\n"


def send(digest: Digest) -> int:
    """Send every letter over one connection; returns how many were sent."""
    messages: list[Any] = [
        (letter.subject, letter.body, None, [letter.user.email]) for letter in digest.letters
    ]
    return send_mass_mail(tuple(messages), fail_silently=False) if messages else 0
