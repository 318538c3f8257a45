"""Running a cycle: create it (with its F-03 period), add lokus units (each gets its F-03 public link and
QR through the campaign), assign evaluators to aspects."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from itertools import pairwise
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sikap.accounts.models import Membership, User
from sikap.audit.actions import record, snapshot
from sikap.audit.actors import Actor
from sikap.instruments.actions import create_campaign, open_campaign, set_campaign_parts
from sikap.instruments.models import InstrumentVersion
from sikap.organisation.actions import create_period
from sikap.organisation.models import Period, Unit
from sikap.pekppp.models import Assignment, Cycle, FrameworkVersion, Lokus, SelfAssessment

STAGE_FIELDS = (
    "self_assessment_start",
    "self_assessment_end",
    "desk_evaluation_start",
    "desk_evaluation_end",
    "validation_start",
    "validation_end",
    "results_on",
)


def year_period(actor: Actor, year: int) -> Period:
    """The period F-03 answers of a year count in: an existing whole-year period, or a new one."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    found = Period.objects.filter(kind=Period.Kind.YEAR, start=start, end=end).first()
    if found is not None:
        return found
    name = f"Tahun {year}"
    if Period.objects.filter(name=name).exists():
        name = f"PEKPPP {year}"
    return create_period(actor, name=name, kind=Period.Kind.YEAR, start=start, end=end)


@transaction.atomic
def create_cycle(
    actor: Actor,
    *,
    year: int,
    scheme: str,
    framework_version: FrameworkVersion | None = None,
    f03_policy: str = Cycle.Policy.BLOCK,
    f03_method: str = Cycle.Method.ASPECT_MEAN,
    f03_minimum: int | None = None,
    period: Period | None = None,
    **stages: Any,
) -> Cycle:
    """A yearly cycle on a published framework version (the newest by default); its F-03 minimum is the
    version's unless given. Stage dates are optional (`STAGE_FIELDS`)."""
    unknown = set(stages) - set(STAGE_FIELDS)
    if unknown:
        raise TypeError(f"unknown stage fields: {sorted(unknown)}")
    version = framework_version or FrameworkVersion.objects.current()
    if version is None or not version.is_published:
        raise ValidationError(_("Siklus PEKPPP memerlukan versi kerangka yang sudah terbit."))
    cycle = Cycle(
        year=year,
        scheme=scheme,
        framework_version=version,
        period=period or year_period(actor, year),
        f03_policy=f03_policy,
        f03_method=f03_method,
        f03_minimum=version.f03_minimum if f03_minimum is None else f03_minimum,
        **stages,
    )
    cycle.full_clean()
    _check_stages(cycle)
    cycle.save()
    record(actor, "pekppp.cycle.create", cycle, after=snapshot(cycle))
    return cycle


def _check_stages(cycle: Cycle) -> None:
    dates = [(name, getattr(cycle, name)) for name in STAGE_FIELDS if getattr(cycle, name)]
    for (_first, a), (second, b) in pairwise(dates):
        if b < a:
            raise ValidationError(
                {
                    second: _("Tanggal tahap harus berurutan: %(field)s lebih awal dari tahap sebelumnya.")
                    % {"field": getattr(Cycle._meta.get_field(second), "verbose_name", second)}
                }
            )


def f03_version(cycle: Cycle) -> InstrumentVersion:
    """The published F-03 instrument version a cycle's campaign runs (the newest)."""
    instrument = cycle.framework_version.f03_instrument
    version = (
        InstrumentVersion.objects.published().filter(instrument=instrument).order_by("-number").first()
        if instrument
        else None
    )
    if version is None:
        raise ValidationError(_("Instrumen F-03 belum terbit untuk kerangka siklus ini."))
    return version


@transaction.atomic
def add_lokus(actor: Actor, cycle: Cycle, unit: Unit, *, variant: str = Lokus.Variant.COUNTER) -> Lokus:
    """Make a unit a lokus of the cycle: its F-01 opens, and the cycle's F-03 campaign (opened with the
    first lokus) gives it a public link and QR code."""
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    lokus = Lokus(cycle=cycle, unit=unit, variant=variant)
    lokus.full_clean()
    lokus.save()
    SelfAssessment.objects.create(lokus=lokus)
    units = [lokus.unit for lokus in cycle.lokus.select_related("unit")]
    if cycle.campaign is None:
        name = f"PEKPPP F-03 {cycle.year} ({cycle.get_scheme_display()})"
        cycle.campaign = create_campaign(
            actor, name=name, period=cycle.period, versions=[f03_version(cycle)], units=units
        )
        cycle.save(update_fields=["campaign"])
        open_campaign(actor, cycle.campaign)
    else:
        set_campaign_parts(actor, cycle.campaign, versions=cycle.campaign.ordered_versions(), units=units)
    record(actor, "pekppp.lokus.add", lokus, after=snapshot(lokus))
    return lokus


@transaction.atomic
def assign_evaluator(
    actor: Actor, lokus: Lokus, evaluator: User, aspects: Iterable[str]
) -> Assignment | None:
    """Give an evaluator these aspects of a lokus (replacing its earlier ones; none removes it). The user
    must hold the evaluator role."""
    codes = sorted(set(aspects))
    known = set(lokus.cycle.framework_version.aspects.values_list("code", flat=True))
    wrong = [code for code in codes if code not in known]
    if wrong:
        raise ValidationError(_("Aspek tidak dikenal: %(codes)s") % {"codes": ", ".join(wrong)})
    if not Membership.objects.filter(user=evaluator, role=Membership.Role.EVALUATOR).exists():
        raise ValidationError(_("%(user)s tidak memegang peran evaluator.") % {"user": evaluator})
    existing = Assignment.objects.select_for_update().filter(lokus=lokus, evaluator=evaluator).first()
    before = {"aspects": existing.aspects} if existing else None
    if not codes:
        if existing:
            record(actor, "pekppp.assignment.remove", existing, before=before)
            existing.delete()
        return None
    assignment = existing or Assignment(lokus=lokus, evaluator=evaluator)
    assignment.aspects = codes
    assignment.save()
    record(actor, "pekppp.assignment.set", assignment, before=before, after={"aspects": codes})
    return assignment
