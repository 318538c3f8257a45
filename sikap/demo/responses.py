"""Synthetic survey responses for the demo: the current semester and the two before it.

For every unit in the semester's campaign (SKM + SPKP + SPAK), a number of respondents around its
Krejcie-Morgan target (`sikap.indices.targets.target_for`): past semesters mostly reach it, a few fall short;
the current semester is filled up to about today's share of its working days, with some units clearly behind.
Answers follow the unit's quality (most units grade B, a few weak ones C or D with their own weak elements,
some Kanwil uneven across divisions; see `sikap.demo.data.respondents`), with realistic profiles and some
suggestions and complaints in Indonesian, spread over the working days of the period.

Everything goes through the responses actions: paper and imported forms through `submit_many` (bulk inserts
and one tally update per unit), and a small share of web visits through `submit` with their integrity
signals (most of them filled far too fast, so suspect). Past semesters get their own campaign, opened and
closed through the instruments actions.

Deterministic and idempotent: respondent i of a unit in a period has the key uuid5(unit, period, i) and its
answers come from a random.Random seeded by that key; keys already stored are skipped, so a rerun on the
same day adds nothing (on a later day the current semester grows by the days in between).
"""

from __future__ import annotations

import datetime
import itertools
import math
import random
import uuid
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.db import transaction
from django.utils import timezone

from sikap.audit.actors import Actor
from sikap.demo.data import respondents as data
from sikap.indices.targets import target_for, working_days
from sikap.instruments import actions as instrument_actions
from sikap.instruments.demo import (
    campaign_name,
    current_semester,
    latest_published,
    open_demo_campaigns,
    public_service_units,
)
from sikap.instruments.models import Campaign, InstrumentVersion, PublicLink
from sikap.organisation.models import Period, Service, ServiceUserCount, Unit
from sikap.responses.actions import Visit, submit, submit_many
from sikap.responses.models import Submission
from sikap.responses.validation import Cleaned, answer_name, clean_submission

# Any fixed UUID: the namespace of the demo respondents' keys.
NAMESPACE = uuid.UUID("5d1c7a0e-2f7b-4b8e-9c6a-51a1e5d00d40")
PAST_PERIODS = 2
BLANK_ANSWER = 0.004  # a paper form with one box left empty now and then


@dataclass
class Loaded:
    """What one run of the generator created and found already there."""

    campaigns: int = 0
    created: int = 0
    existing: int = 0
    by_period: dict[str, int] = field(default_factory=dict)


def respondent_key(unit_code: str, period_name: str, number: int) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{unit_code}|{period_name}|{number}")


def load_responses(
    actor: Actor = None,
    *,
    today: datetime.date | None = None,
    scale: float = 1.0,
    unit_codes: Collection[str] | None = None,
) -> Loaded:
    """Add the demo's synthetic responses; `scale` and `unit_codes` shrink the load (tests, quick looks)."""
    today = today or timezone.localdate()
    loaded = Loaded()
    open_demo_campaigns(actor, today)
    current = current_semester(today)
    if current is None:
        return loaded
    past = list(
        Period.objects.filter(kind=Period.Kind.SEMESTER, end__lt=current.start).order_by("-start")[
            :PAST_PERIODS
        ]
    )
    periods = [*reversed(past), current]
    done = set(
        Submission.objects.filter(
            campaign__period__in=periods, campaign__name__in=[campaign_name(p) for p in periods]
        )
        .values_list("key", flat=True)
        .iterator()
    )
    for age, period in enumerate(reversed(periods)):
        with transaction.atomic():
            campaign = _campaign(actor, period, loaded, past=age > 0)
            if campaign is None:
                continue
            generator = _PeriodGenerator(actor, campaign, today, age, scale, done)
            units = campaign.units.filter(active=True).order_by("path")
            if unit_codes is not None:
                units = units.filter(code__in=unit_codes)
            for unit in units:
                created, existing = generator.unit(unit)
                loaded.created += created
                loaded.existing += existing
                loaded.by_period[period.name] = loaded.by_period.get(period.name, 0) + created
    return loaded


def _campaign(actor: Actor, period: Period, loaded: Loaded, *, past: bool) -> Campaign | None:
    """The period's demo campaign; a past semester's is created, opened (for its links) and closed once."""
    campaign = Campaign.objects.filter(name=campaign_name(period), period=period).first()
    if campaign is not None or not past:
        return campaign
    versions = latest_published()
    units = public_service_units(period.start.year)
    if not versions or not units:
        return None
    campaign = instrument_actions.create_campaign(
        actor, name=campaign_name(period), period=period, versions=versions, units=units
    )
    instrument_actions.open_campaign(actor, campaign)
    loaded.campaigns += 1
    return instrument_actions.close_campaign(actor, campaign)


@cache
def latent_mean(mean: float, spread: float, low: int, high: int) -> float:
    """The latent normal mean whose rounded, clamped draws average `mean` on the low-high scale."""
    mean = min(max(mean, low + 0.02), high - 0.02)

    def observed(mu: float) -> float:
        # E[clamp(round(X))] = low + sum over thresholds k + 0.5 of P(X >= k + 0.5).
        return low + sum(0.5 * math.erfc((k + 0.5 - mu) / (spread * math.sqrt(2))) for k in range(low, high))

    lo, hi = low - 4.0, high + 4.0
    for _ in range(50):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if observed(mid) < mean else (lo, mid)
    return (lo + hi) / 2


class _Choice:
    """A weighted choice with its cumulative weights computed once."""

    def __init__(self, pairs: Sequence[tuple[Any, int]]) -> None:
        self.values = [value for value, _ in pairs]
        self.cumulative = list(itertools.accumulate(weight for _, weight in pairs))

    def draw(self, rng: random.Random) -> Any:
        return rng.choices(self.values, cum_weights=self.cumulative)[0]


SEXES = _Choice(data.SEXES)
OCCUPATIONS = {category: _Choice(pairs) for category, pairs in data.OCCUPATIONS.items()}
EDUCATION = {occupation: _Choice(pairs) for occupation, pairs in data.EDUCATION.items()}


@dataclass
class _UnitPlan:
    """How one unit's respondents answer in one period."""

    services: _Choice
    # (input name, latent mean, noise sd, mood stretch, low, high) per element of the bundle.
    items: list[tuple[str, float, float, float, int, int]]
    weak: tuple[str, ...]
    stalled: bool = False


class _PeriodGenerator:
    """Respondents of one period's campaign, unit by unit."""

    PERSON_SD = 0.3  # a respondent's general mood, shared by all their answers
    NOISE_SD = {4: 0.45, 6: 0.6}

    def __init__(
        self,
        actor: Actor,
        campaign: Campaign,
        today: datetime.date,
        age: int,
        scale: float,
        done: set[uuid.UUID],
    ) -> None:
        self.actor, self.campaign, self.scale, self.done = actor, campaign, scale, done
        self.period = campaign.period
        self.age = age  # 0 = the current period, 1 = the one before, ...
        order = {cv.version_id: cv.order for cv in campaign.campaign_versions.all()}
        self.versions: list[InstrumentVersion] = sorted(
            InstrumentVersion.objects.with_parts().filter(pk__in=order), key=lambda v: order[v.pk]
        )
        days = working_days(self.period)
        self.days = [d for d in days if d <= today] or days[:1]
        self.share = len(self.days) / len(days) if age == 0 else 1.0
        self.links = {
            (link.unit_id, link.service_id): link for link in PublicLink.objects.filter(campaign=campaign)
        }
        self.services: dict[int, list[tuple[Service, int]]] = {}
        counts = ServiceUserCount.objects.filter(period=self.period, service__active=True).select_related(
            "service"
        )
        for count in counts.order_by("service__name", "service__channel"):
            self.services.setdefault(count.service.unit_id, []).append((count.service, count.users))

    def unit(self, unit: Unit) -> tuple[int, int]:
        """Store the unit's missing respondents: (created, already there)."""
        services = self.services.get(unit.pk)
        if not services:
            return 0, 0
        rng = random.Random(f"demo|{unit.code}|{self.period.name}")
        plan = self._plan(unit, services, rng)
        target = target_for(unit, self.period).minimum
        n = self._respondents(unit, target, rng)
        plan.stalled = self.age == 0 and n < 0.8 * target * self.share * self.scale
        bulk: list[tuple[Visit, Cleaned]] = []
        web: list[tuple[Visit, Cleaned, int]] = []
        existing = 0
        for number in range(n):
            key = respondent_key(unit.code, self.period.name, number)
            if key in self.done:
                existing += 1
                continue
            visit, cleaned, seconds = self._respondent(unit, key, plan)
            if visit.channel == Submission.Channel.WEB:
                web.append((visit, cleaned, seconds))
            else:
                bulk.append((visit, cleaned))
        if bulk:
            submit_many(self.actor, bulk)
        for visit, cleaned, seconds in web:
            # Started `seconds` before it is stored: the integrity check sees the real duration.
            visit.started_at = timezone.now() - datetime.timedelta(seconds=seconds)
            submit(self.actor, visit, cleaned)
        self.done.update(visit.key for visit, _ in bulk)
        self.done.update(visit.key for visit, _, _ in web)
        return len(bulk) + len(web), existing

    def _plan(self, unit: Unit, services: list[tuple[Service, int]], rng: random.Random) -> _UnitPlan:
        usual = random.Random(f"demo-quality|{unit.code}")  # the unit's usual level, the same every period
        mean, weak = data.WEAK_UNITS.get(unit.code, (0.0, ()))
        if not mean:
            mean = data.STRONG_UNITS.get(unit.code) or usual.uniform(*data.GOOD_RANGE)
        mean += rng.gauss(0, 0.03) - data.TREND_PER_PERIOD * self.age
        perception = {code: usual.uniform(*data.PERCEPTION_RANGE) for code in ("SPKP", "SPAK")}
        perception.update(data.LOW_PERCEPTION.get(unit.code, {}))
        items = []
        for version in self.versions:
            code, low, high = version.instrument.code, version.scale_min, version.scale_max
            noise = self.NOISE_SD.get(high, 0.5)
            stretch = (high - low) / 3  # the mood moves a 1-6 answer further than a 1-4 one
            spread = math.hypot(self.PERSON_SD * stretch, noise)
            base = mean if code == "SKM" else perception.get(code, 5.6)
            offsets = {"SKM": data.SKM_OFFSETS, "SPKP": data.SPKP_OFFSETS}.get(code, data.SPAK_OFFSETS)
            for element in version.elements.all():
                element_mean = base + offsets.get(element.code, 0.0)
                if element.code in weak:
                    element_mean -= data.WEAK_ELEMENT_DROP
                latent = latent_mean(round(element_mean, 3), round(spread, 3), low, high)
                items.append((answer_name(version, element), latent, noise, stretch, low, high))
        return _UnitPlan(_Choice(services), items, weak)

    def _respondents(self, unit: Unit, target: int, rng: random.Random) -> int:
        if self.age == 0:
            behind = unit.code in data.BEHIND_UNITS or rng.random() < data.BEHIND_SHARE
            factor = rng.uniform(*(data.BEHIND if behind else data.ON_PACE))
            wanted = target * self.share * factor
        else:
            floor = min(target, data.PAST_FLOOR)
            wanted = max(target * data.PAST_SHARE, floor) * rng.uniform(*data.PAST_SPREAD)
        return max(1, round(wanted * self.scale))

    def _respondent(self, unit: Unit, key: uuid.UUID, plan: _UnitPlan) -> tuple[Visit, Cleaned, int]:
        rng = random.Random(key.int)
        service: Service = plan.services.draw(rng)
        web = rng.random() < data.WEB_SHARE
        person = rng.gauss(0, self.PERSON_SD)
        values: dict[str, Any] = {}
        for name, latent, noise, stretch, low, high in plan.items:
            if not web and rng.random() < BLANK_ANSWER:
                continue
            values[name] = min(max(round(latent + person * stretch + rng.gauss(0, noise)), low), high)
        values.update(self._profile(rng, service))
        values.update(self._feedback(rng, plan.weak))
        # A unit that stalled got most of its responses early in the period.
        day = self.days[int(len(self.days) * (rng.random() ** 2 if plan.stalled else rng.random()))]
        cleaned = clean_submission(
            self.versions, values, require_answers=False, enforce_required_fields=False
        )
        if cleaned.errors:
            raise ValueError(f"demo respondent {key} is invalid: {cleaned.errors}")
        online = service.channel == Service.Channel.ONLINE
        channel = Submission.Channel.IMPORT if online else Submission.Channel.PAPER
        visit = Visit(
            campaign=self.campaign, unit=unit, key=key, channel=channel, service=service, answered_on=day
        )
        seconds = 0
        if web:
            seconds = rng.randint(5, 15) if rng.random() < data.WEB_TOO_FAST else rng.randint(150, 600)
            visit.channel = Submission.Channel.WEB
            visit.link = self.links.get((unit.pk, service.pk)) or self.links.get((unit.pk, None))
            visit.device_id = f"demo-{key}"
        return visit, cleaned, seconds

    def _profile(self, rng: random.Random, service: Service) -> dict[str, Any]:
        occupation = OCCUPATIONS.get(service.category, OCCUPATIONS["ahu"]).draw(rng)
        mean, sd = data.AGES.get(occupation, data.AGES["other"])
        age = min(max(round(rng.gauss(mean, sd)), data.AGE_RANGE[0]), data.AGE_RANGE[1])
        education = EDUCATION.get(occupation, EDUCATION["other"]).draw(rng)
        if rng.random() < data.MISSING_EDUCATION:
            education = ""
        return {"age": age, "sex": SEXES.draw(rng), "education": education, "occupation": occupation}

    def _feedback(self, rng: random.Random, weak: tuple[str, ...]) -> dict[str, str]:
        feedback = {}
        if rng.random() < data.SUGGESTION_SHARE:
            feedback["suggestion"] = rng.choice(data.SUGGESTIONS)
        if rng.random() < data.COMPLAINT_SHARE["weak" if weak else "good"]:
            topics = list(weak) if weak and rng.random() < 0.7 else list(data.COMPLAINTS)
            feedback["complaint"] = rng.choice(data.COMPLAINTS.get(rng.choice(topics), data.COMPLAINTS[""]))
        return feedback
