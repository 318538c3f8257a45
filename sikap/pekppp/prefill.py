"""Indicators 6-9 prefilled from Sikap's own data: the SKM done per the regulation in the cycle's year
(periods with at least the minimum sample), where it was published (the public results page and its
infographic), and the share and speed of follow-up completed. The unit confirms or corrects them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from sikap.followup.queries import completion_stats
from sikap.indices.targets import target_for
from sikap.organisation.models import Period
from sikap.pekppp.models import Indicator, Lokus
from sikap.publication.queries import published, results_for

P = Indicator.Prefill


@dataclass
class Facts:
    """What Sikap knows of a unit's SKM in a year."""

    periods: list[tuple[Period, int, int]] = field(default_factory=list)  # (period, respondents, minimum)
    published: list[Period] = field(default_factory=list)
    total: int = 0
    done: int = 0
    cancelled: int = 0
    days: float | None = None

    @property
    def done_per_rule(self) -> list[Period]:
        return [p for p, n, minimum in self.periods if n >= minimum > 0]

    @property
    def share(self) -> float | None:
        counted = self.total - self.cancelled
        return self.done / counted if counted > 0 else None


def facts_of(lokus: Lokus) -> Facts:
    """The unit's SKM periods that start in the cycle's year, their publication and follow-up."""
    unit, year = lokus.unit, lokus.cycle.year
    periods = list(
        Period.objects.filter(start__year=year).exclude(pk=lokus.cycle.period_id).order_by("start")
    )
    results = results_for([(unit, p) for p in periods])
    facts = Facts()
    for p in periods:
        found = results.get((unit.pk, p.pk))
        if found is not None:
            facts.periods.append((p, found.respondents, target_for(unit, p).minimum))
    facts.published = [pub.period for pub in published(unit).filter(period__in=periods)]
    took = []
    for p in periods:
        stats = completion_stats([unit.pk], p).get(unit.pk)
        if stats is not None:
            facts.total += stats.total
            facts.done += stats.done
            facts.cancelled += stats.cancelled
            if stats.avg_days is not None:
                took.append((stats.avg_days, stats.done))
    if took:
        facts.days = sum(d * n for d, n in took) / max(sum(n for _d, n in took), 1)
    return facts


def _lines(key: str, facts: Facts) -> list[str]:
    if key == P.SKM:
        done = ", ".join(p.name for p in facts.done_per_rule) or "—"
        shown = "; ".join(f"{p.name}: {n}/{m}" for p, n, m in facts.periods) or "—"
        return [
            _("Periode SKM dengan sampel cukup: %(p)s") % {"p": done},
            _("Responden/minimum: %(s)s") % {"s": shown},
        ]
    if key == P.SKM_MEDIA:
        names = ", ".join(p.name for p in facts.published) or "—"
        return [_("Diterbitkan di halaman hasil publik dan infografis Sikap: %(p)s") % {"p": names}]
    share = "—" if facts.share is None else f"{facts.share * 100:.0f} %"
    if key == P.FOLLOWUP_SHARE:
        return [
            _("Butir tindak lanjut selesai: %(d)s dari %(t)s (%(s)s)")
            % {"d": facts.done, "t": facts.total - facts.cancelled, "s": share}
        ]
    days = "—" if facts.days is None else f"{facts.days:.0f}"
    return [_("Rata-rata hari sampai tindak lanjut selesai: %(d)s") % {"d": days}]


def figures_for(
    lokus: Lokus, indicators: list[Indicator], facts: Facts | None = None
) -> dict[str, list[str]]:
    """{indicator code: lines of figures} for the indicators with a prefill key."""
    keyed = [i for i in indicators if i.prefill]
    if not keyed:
        return {}
    facts = facts or facts_of(lokus)
    return {i.code: _lines(i.prefill, facts) for i in keyed}


def for_page(
    lokus: Lokus, indicators: list[Indicator]
) -> tuple[dict[str, list[str]], dict[str, dict[str, Any]]]:
    """The figures and the suggested answers of the prefilled indicators, from one read of the facts."""
    if not any(i.prefill for i in indicators):
        return {}, {}
    facts = facts_of(lokus)
    return figures_for(lokus, indicators, facts), suggested_answers(lokus, indicators, facts)


def _share_level(facts: Facts) -> int | None:
    if facts.total == 0:
        return 0
    share = facts.share or 0.0
    if facts.done == 0:
        return 1
    return 5 if share >= 1 else 4 if share > 0.8 else 3 if share >= 0.3 else 2


def _speed_level(days: float | None) -> int | None:
    if days is None:
        return None
    for level, limit in ((5, 31), (4, 92), (3, 183), (2, 274), (1, 366)):
        if days <= limit:
            return level
    return 0


def suggested_answers(
    lokus: Lokus, indicators: list[Indicator], facts: Facts | None = None
) -> dict[str, dict[str, Any]]:
    """The answers Sikap's data suggest for indicators 6-9 (by each indicator's first question)."""
    keyed = [i for i in indicators if i.prefill and i.questions]
    if not keyed:
        return {}
    facts = facts or facts_of(lokus)
    skm = 0 if not facts.periods else 2 if facts.done_per_rule else 1
    if facts.done_per_rule and facts.published:
        skm = 5 if facts.done else 4
    media = 2 if facts.published else 0  # the public results page and its infographic
    values: dict[str, Any] = {
        P.SKM: skm,
        P.SKM_MEDIA: media,
        P.FOLLOWUP_SHARE: _share_level(facts),
        P.FOLLOWUP_SPEED: _speed_level(facts.days),
    }
    found = {}
    for i in keyed:
        value = values.get(i.prefill)
        if value is not None:
            found[i.code] = {i.questions[0]["key"]: value}
    return found
