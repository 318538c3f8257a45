"""The internal-survey demo: employee rosters, an ILK + integrity campaign per semester, and the answers.

For the current semester and the one before it:

1. rosters for the Secretariat General, three Kanwil with their divisions and one Balai Harta Peninggalan
   (`sikap.demo.data.internal`), written as one roster file per period and imported through the same
   reader and action as an upload (`internal.importing.read_roster`, `internal.actions.replace_rosters`);
2. (unless the demo loads no responses) an internal campaign over those units, created, set (k = 5,
   reminders every 7 days, a target of 75 % of the headcount), opened and invited through the campaign and
   invitation actions. The demo e-mails nobody: its invitations go through Django's dummy mail backend,
   so they count as e-mailed today and the reminders keep their rhythm;
3. the answers of 60-90 % of each unit's invitees (one unit under k), each invitation used once by
   `internal.invitations.answer_many`, which stores the answers with the roster's coarse attributes only,
   in the order answered (shuffled, then by day) so nothing in the stored rows follows the roster. The
   previous semester's campaign is closed afterwards.

Deterministic: rosters and answers come from `random.Random` seeded by unit and period (the tokens, drawn
by the invitation action, are random by design). Idempotent: a period whose roster exists for a unit, or
whose campaign exists, is left alone, so a rerun writes nothing.
"""

from __future__ import annotations

import datetime
import io
import math
import random
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from sikap.audit.actors import Actor
from sikap.demo.data import internal as data
from sikap.demo.data.units import kanwil_code
from sikap.demo.responses import latent_mean
from sikap.indices.targets import working_days
from sikap.instruments import actions as campaign_actions
from sikap.instruments.demo import current_semester, latest_published
from sikap.instruments.models import Campaign, InstrumentVersion
from sikap.internal import invitations
from sikap.internal.actions import replace_rosters
from sikap.internal.importing import read_roster
from sikap.internal.models import Invitation, RosterEntry
from sikap.lib.links import configured_base_url
from sikap.lib.spreadsheet import csv_writer
from sikap.organisation.models import Period, Unit
from sikap.responses.validation import NA_CODE, Cleaned, answer_name, clean_submission

BUNDLE = ("ILK", "INTEGRITAS")
DEV_ADDRESS = "http://127.0.0.1:8000"
K = 5
REMINDER_DAYS = 7
TARGET_PERCENT = 75
PERSON_SD = 0.3
NOISE_SD = 0.45
ROSTER_HEADER = (
    "unit",
    "nama",
    "email",
    "telepon",
    "jenis_jabatan",
    "perspektif",
    "jenis_kelamin",
    "kelompok_usia",
    "masa_kerja",
)


@dataclass
class InternalLoaded:
    """What one run created and found already there."""

    rosters: int = 0  # (unit, period) rosters imported
    rosters_existing: int = 0
    employees: int = 0
    campaigns: int = 0
    campaigns_existing: int = 0
    invitations: int = 0
    answers: int = 0


def campaign_name(period: Period) -> str:
    return f"Survei Internal ILK dan Integritas {period.name}"


def roster_sizes() -> dict[str, int]:
    """Every demo unit with a roster and its usual headcount."""
    sizes = dict(data.OTHER_UNITS[:1])
    for slug, factor in data.KANWIL:
        for suffix, size in data.KANWIL_SIZES.items():
            code = f"{kanwil_code(slug)}-{suffix}" if suffix else kanwil_code(slug)
            sizes[code] = max(8, round(size * factor))
    sizes.update(dict(data.OTHER_UNITS[1:]))
    sizes[data.UNDER_K_UNIT] = data.UNDER_K[0]
    return sizes


def demo_periods(today: datetime.date | None = None) -> list[Period]:
    """The previous semester and the current one (fewer when the calendar has no such periods)."""
    current = current_semester(today)
    if current is None:
        return []
    previous = (
        Period.objects.filter(kind=Period.Kind.SEMESTER, end__lt=current.start).order_by("-start").first()
    )
    return [p for p in (previous, current) if p is not None]


def load_internal(
    actor: Actor = None, *, today: datetime.date | None = None, answers: bool = True
) -> InternalLoaded:
    """Load the rosters and (with `answers`) the campaigns, invitations and answers; see the module."""
    today = today or timezone.localdate()
    loaded = InternalLoaded()
    periods = demo_periods(today)
    for period in periods:
        _load_rosters(actor, period, loaded)
    if not answers:
        return loaded
    versions = latest_published(BUNDLE)
    if len(versions) != len(BUNDLE):
        return loaded
    for period in periods:
        past = period.end < today
        with transaction.atomic():
            _load_campaign(actor, period, versions, today, loaded, past=past)
    return loaded


# --- rosters ------------------------------------------------------------------------------------------


def _load_rosters(actor: Actor, period: Period, loaded: InternalLoaded) -> None:
    sizes = roster_sizes()
    units = {u.code: u for u in Unit.objects.filter(code__in=sizes)}
    present = set(
        RosterEntry.objects.filter(period=period, unit__in=units.values()).values_list(
            "unit__code", flat=True
        )
    )
    missing = [code for code in sizes if code in units and code not in present]
    loaded.rosters_existing += len([code for code in sizes if code in present])
    if not missing:
        return
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(ROSTER_HEADER)
    for code in missing:
        writer.writerows(_roster_rows(code, sizes[code], period))
    content = out.getvalue().encode("utf-8")
    plan = read_roster(actor, period, f"daftar-pegawai-demo-{period.name}.csv", content, unit=None)
    done = replace_rosters(actor, plan)
    loaded.rosters += len(done)
    loaded.employees += sum(r.entries for r in done)


def _pick(rng: random.Random, pairs: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([v for v, _w in pairs], weights=[w for _v, w in pairs])[0]


def _roster_rows(code: str, usual: int, period: Period) -> list[list[str]]:
    """The roster file's rows of one unit: coarse attributes, and a contact for most (clearly fake)."""
    rng = random.Random(f"demo-roster|{code}|{period.name}")
    size = usual
    if code != data.UNDER_K_UNIT:
        size = max(8, usual + rng.randint(-3, 3))
    leaders = max(1, round(size * data.LEADER_SHARE))
    providers = round(size * rng.uniform(*data.PROVIDER_SHARE)) if code in data.PROVIDER_UNITS else 0
    rows = []
    for n in range(1, size + 1):
        if n <= leaders:
            perspective, job = "pimpinan", "struktural"
        else:
            perspective = "penyedia" if n <= leaders + providers else "pengguna"
            job = _pick(rng, data.JOB_TYPES)
        age = _pick(rng, data.AGE_BANDS)
        if perspective == "pimpinan" and age == "<30":
            age = "40-49"
        service = _pick(rng, data.SERVICE_BANDS[age])
        name = email = phone = ""
        if rng.random() < data.EMAIL_SHARE:
            name, email = f"Pegawai Contoh {n:03d} {code}", f"contoh.{n:03d}.{code}@example.go.id"
        elif rng.random() < data.PHONE_SHARE:
            name, phone = f"Pegawai Contoh {n:03d} {code}", f"0800-0000-{n:04d}"
        rows.append([code, name, email, phone, job, perspective, _pick(rng, data.SEXES), age, service])
    rng.shuffle(rows)  # a roster is in no particular order: officials are not always first
    return rows


# --- campaigns, invitations and answers ---------------------------------------------------------------


def _load_campaign(
    actor: Actor,
    period: Period,
    versions: list[InstrumentVersion],
    today: datetime.date,
    loaded: InternalLoaded,
    *,
    past: bool,
) -> None:
    if Campaign.objects.filter(name=campaign_name(period), period=period).exists():
        loaded.campaigns_existing += 1
        return
    with_roster = RosterEntry.objects.filter(period=period, unit__code__in=roster_sizes()).values("unit")
    units = list(Unit.objects.filter(pk__in=with_roster).order_by("path"))
    if not units:
        return
    campaign = campaign_actions.create_campaign(
        actor,
        name=campaign_name(period),
        period=period,
        versions=versions,
        units=units,
        audience=Campaign.Audience.INTERNAL,
    )
    invitations.save_settings(
        actor, campaign, k=K, reminder_days=REMINDER_DAYS, target="percent", target_percent=TARGET_PERCENT
    )
    campaign = campaign_actions.open_campaign(actor, campaign)
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        # The e-mails go nowhere, so their links need no real address (`make run`'s when none is set).
        sent = invitations.invite(actor, campaign, base=configured_base_url() or DEV_ADDRESS)
    loaded.campaigns += 1
    loaded.invitations += sent.invited
    days = [d for d in working_days(period) if d <= today] or [min(period.start, today)]
    generator = _Answers(
        InstrumentVersion.objects.with_parts().filter(pk__in=[v.pk for v in versions]), period
    )
    pending: dict[int, list[Invitation]] = {}
    for invitation in (
        Invitation.objects.filter(campaign=campaign).select_related("entry__unit").order_by("pk")
    ):
        pending.setdefault(invitation.entry.unit_id, []).append(invitation)
    answered: list[tuple[Invitation, Cleaned, datetime.date | None]] = []
    for unit in units:
        answered += generator.unit(unit, pending.get(unit.pk, []), days, past=past)
    order = random.Random(f"demo-internal-order|{period.name}")
    order.shuffle(answered)
    answered.sort(key=lambda item: item[2] or today)  # stored in the order answered, day by day
    loaded.answers += len(invitations.answer_many(campaign, answered, today=today))
    if past:
        campaign_actions.close_campaign(actor, campaign)


@dataclass
class _UnitPlan:
    ilk: float
    weak_domains: tuple[str, ...]
    positive: float
    reverse: float
    weak_dimensions: tuple[str, ...]


class _Answers:
    """The answers of one period's invitees, unit by unit."""

    def __init__(self, versions: Any, period: Period) -> None:
        by_code = {v.instrument.code: v for v in versions}
        self.versions = [by_code[code] for code in BUNDLE]
        self.period = period
        self.spread = round(math.hypot(PERSON_SD, NOISE_SD), 3)

    def unit(
        self, unit: Unit, pending: list[Invitation], days: list[datetime.date], *, past: bool
    ) -> list[tuple[Invitation, Cleaned, datetime.date | None]]:
        rng = random.Random(f"demo-internal|{unit.code}|{self.period.name}")
        rng.shuffle(pending)
        if unit.code == data.UNDER_K_UNIT:
            n = min(data.UNDER_K[1], len(pending))
        else:
            share = data.PARTICIPATION["previous" if past else "current"]
            if unit.code.startswith(data.UNEVEN_KANWIL):
                share = data.PARTICIPATION["uneven"]
            n = min(len(pending), max(K, round(len(pending) * rng.uniform(*share))))
        plan = self._plan(unit, rng, past)
        free_text = n >= K
        found: list[tuple[Invitation, Cleaned, datetime.date | None]] = []
        for invitation in pending[:n]:
            values = self._respondent(rng, invitation.entry, plan, free_text)
            cleaned = clean_submission(self.versions, values, enforce_required_fields=False)
            if cleaned.errors:
                raise ValueError(f"demo answers for {unit.code} are invalid: {cleaned.errors}")
            found.append((invitation, cleaned, rng.choice(days)))
        return found

    def _plan(self, unit: Unit, rng: random.Random, past: bool) -> _UnitPlan:
        usual = random.Random(f"demo-internal-quality|{unit.code}")  # the same every semester
        ilk, weak = data.ILK_WEAK.get(unit.code, (usual.uniform(*data.ILK_RANGE), ()))
        positive = usual.uniform(*data.INTEGRITY_POSITIVE)
        reverse = usual.uniform(*data.INTEGRITY_REVERSE)
        weak_dimensions = data.INTEGRITY_WEAK_DIMENSIONS if unit.code in data.ILK_WEAK else ()
        if past:
            ilk += data.ILK_PREVIOUS
            reverse += 0.05
        return _UnitPlan(ilk + rng.gauss(0, 0.02), weak, positive, reverse, weak_dimensions)

    def _respondent(
        self, rng: random.Random, entry: RosterEntry, plan: _UnitPlan, free_text: bool
    ) -> dict[str, Any]:
        ilk, integrity = self.versions
        values: dict[str, Any] = {}
        person = rng.gauss(0, PERSON_SD)
        not_used = {d for d, share in data.ILK_NOT_USED.items() if rng.random() < share}
        offset = data.ILK_PERSPECTIVE.get(entry.perspective, 0.0)
        for element in ilk.elements.all():
            name = answer_name(ilk, element)
            domain, _dot, aspect = element.code.partition(".")
            if domain in not_used or rng.random() < data.ILK_ITEM_NA:
                values[name] = NA_CODE
                continue
            mean = plan.ilk + offset + data.ILK_DOMAIN.get(domain, 0.0) + data.ILK_ASPECT.get(aspect, 0.0)
            if domain in plan.weak_domains:
                mean -= data.ILK_WEAK_DOMAIN_DROP
            values[name] = self._draw(rng, mean, person)
        for element in integrity.elements.all():
            name = answer_name(integrity, element)
            if rng.random() < data.INTEGRITY_DONT_KNOW.get(element.dimension, 0.03):
                values[name] = NA_CODE
            elif element.reverse:
                bad = element.dimension in plan.weak_dimensions
                mean = data.INTEGRITY_WEAK_REVERSE if bad else plan.reverse
                values[name] = self._draw(rng, mean, -person)  # a content respondent sees less wrong
            else:
                values[name] = self._draw(rng, plan.positive, person)
        if free_text and rng.random() < data.SUGGESTION_SHARE:
            values["saran"] = rng.choice(data.SUGGESTIONS)
        return values

    def _draw(self, rng: random.Random, mean: float, person: float) -> int:
        latent = latent_mean(round(mean, 3), self.spread, 1, 4)
        return min(max(round(latent + person + rng.gauss(0, NOISE_SD)), 1), 4)
